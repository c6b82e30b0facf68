// cnnlab lab [--python PATH] [JUPYTER OPTIONS...]
// Starts JupyterLab when it is installed, else the classic Notebook, on notebooks/, bound to
// 127.0.0.1. Other options (--no-browser, --port=...) go to Jupyter unchanged.
import { spawn } from "node:child_process";
import * as path from "node:path";
import { findJupyter, INSTALL_HINT, installKernelspec, jupyterVersions, KERNEL_DISPLAY_NAME, KERNEL_NAME, listKernelspecs } from "../runner/jupyter";
import { PROJECT_ROOT } from "../runner/paths";

export async function command(args: string[]): Promise<number> {
  let explicit: string | undefined;
  const passThrough: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (flag === "--python") explicit = inline ?? args[++i];
    else passThrough.push(args[i]);
  }
  const found = findJupyter(explicit);
  if (!found.python) {
    console.error(`cnnlab lab: no Jupyter found (tried ${found.tried.join(", ")}): ${INSTALL_HINT}`);
    return 1;
  }
  const py = found.python;
  const versions = jupyterVersions(py);
  const app = versions.lab ? "jupyterlab" : versions.notebook ? "notebook" : undefined;
  if (!app) {
    console.error(`cnnlab lab: ${py} has jupyter_client but neither JupyterLab nor Notebook: ${INSTALL_HINT}`);
    return 1;
  }
  const spec = listKernelspecs(py).find((s) => s.name === KERNEL_NAME);
  if (spec?.displayName !== KERNEL_DISPLAY_NAME) {
    console.error(`cnnlab lab: registering the "${KERNEL_DISPLAY_NAME}" kernel first (${installKernelspec(py)})`);
  }
  const notebooks = path.join(PROJECT_ROOT, "notebooks");
  // Jupyter refuses to start as root without --allow-root; containers and this course's machines run as root.
  const asRoot = process.getuid?.() === 0 ? ["--allow-root"] : [];
  const argv = ["-m", app, `--notebook-dir=${notebooks}`, "--ip=127.0.0.1", ...asRoot, ...passThrough];
  console.error(`cnnlab lab: ${app === "jupyterlab" ? `JupyterLab ${versions.lab}` : `Jupyter Notebook ${versions.notebook}`} on ${notebooks}`);
  const child = spawn(py, argv, { stdio: "inherit" });
  // Ctrl-C reaches Jupyter through the terminal's process group; stay alive until it has shut down.
  // A SIGTERM sent to cnnlab alone (not the group) is passed on so Jupyter is not left behind.
  const ignore = () => {};
  const terminate = () => child.kill("SIGTERM");
  process.on("SIGINT", ignore);
  process.on("SIGTERM", terminate);
  try {
    return await new Promise<number>((resolve) => {
      child.on("error", (e) => {
        console.error(`cnnlab lab: could not start ${py} -m ${app}: ${e.message}`);
        resolve(1);
      });
      child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    process.off("SIGINT", ignore);
    process.off("SIGTERM", terminate);
  }
}
