// cnnlab kernel install [--python PATH] [--if-jupyter]
// Registers tslab with the Jupyter on this machine as "cnn-lab (TypeScript)".
import { findJupyter, INSTALL_HINT, installKernelspec, KERNEL_DISPLAY_NAME, KERNEL_NAME } from "../runner/jupyter";

const USAGE = "usage: cnnlab kernel install [--python PATH] [--if-jupyter]";

export async function command(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "install") {
    console.error(sub ? `cnnlab kernel: unknown sub-command '${sub}'\n${USAGE}` : USAGE);
    return 2;
  }
  let explicit: string | undefined;
  let ifJupyter = false;
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i].split(/=(.*)/s, 2);
    if (flag === "--python") {
      explicit = inline ?? rest[++i];
      if (!explicit) {
        console.error(`cnnlab kernel install: --python needs a path\n${USAGE}`);
        return 2;
      }
    } else if (flag === "--if-jupyter") {
      ifJupyter = true;
    } else {
      console.error(`cnnlab kernel install: unknown option ${rest[i]}\n${USAGE}`);
      return 2;
    }
  }
  const found = findJupyter(explicit);
  if (!found.python) {
    // postinstall passes --if-jupyter: a machine without Jupyter still gets a working npm install.
    console.error(`cnnlab kernel install: no Jupyter found (a Python with jupyter_client; tried ${found.tried.join(", ")}): ${INSTALL_HINT}`);
    return ifJupyter ? 0 : 1;
  }
  try {
    const dir = installKernelspec(found.python);
    console.log(`cnnlab kernel install: kernel '${KERNEL_NAME}' ("${KERNEL_DISPLAY_NAME}") installed in ${dir} (Jupyter of ${found.python})`);
    return 0;
  } catch (e) {
    console.error(`cnnlab kernel install: ${(e as Error).message}`);
    return 1;
  }
}
