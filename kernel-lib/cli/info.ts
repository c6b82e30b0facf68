// cnnlab info: what this machine gives the course: backend and device, versions, Jupyter and
// its kernels, datasets. Each part reports its own failure and the others still print.
import * as fs from "node:fs";
import * as path from "node:path";
import { describeBackend, initBackend } from "../backend";
import { findJupyter, INSTALL_HINT, jupyterVersions, KERNEL_DISPLAY_NAME, KERNEL_NAME, listKernelspecs } from "../runner/jupyter";
import { NODE_MODULES, TSLAB_BIN } from "../runner/paths";

const LABEL = 10;

function line(label: string, text: string): void {
  console.log(`${label.padEnd(LABEL)}${text}`);
}

function more(text: string): void {
  console.log(`${"".padEnd(LABEL)}${text}`);
}

function packageVersion(name: string, from = NODE_MODULES): string {
  try {
    const file = require.resolve(`${name}/package.json`, { paths: [from] });
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

async function backend(): Promise<void> {
  try {
    const info = await initBackend();
    line("backend", describeBackend(info));
    for (const s of info.skipped) more(`skipped ${s.name}: ${s.reason}`);
  } catch (e) {
    line("backend", `none could start: ${(e as Error).message}`);
  }
}

function versions(): void {
  const tslabDir = path.join(NODE_MODULES, "tslab");
  line("versions", [
    `node ${process.version}`,
    `tfjs ${packageVersion("@tensorflow/tfjs")}`,
    `tslab ${packageVersion("tslab")} (TypeScript ${packageVersion("@tslab/typescript-for-tslab", tslabDir)})`,
  ].join(", "));
}

function jupyter(): void {
  const found = findJupyter();
  if (!found.python) {
    line("jupyter", `not found (tried ${found.tried.join(", ")}): ${INSTALL_HINT}`);
    return;
  }
  try {
    const v = jupyterVersions(found.python);
    line("jupyter", `${found.python}: Notebook ${v.notebook ?? "not installed"}, JupyterLab ${v.lab ?? "not installed"}, jupyter_client ${v.jupyterClient}`);
    const specs = listKernelspecs(found.python);
    const width = Math.max(...specs.map((s) => s.name.length));
    for (const [i, s] of specs.entries()) {
      const text = `${s.name.padEnd(width)}  ${JSON.stringify(s.displayName)}  ${s.dir}`;
      if (i === 0) line("kernels", text);
      else more(text);
    }
    const ours = specs.find((s) => s.name === KERNEL_NAME);
    if (!ours) more(`no '${KERNEL_NAME}' kernel registered: run npm run kernel:install`);
    else if (ours.displayName !== KERNEL_DISPLAY_NAME || ours.argv[0] !== TSLAB_BIN) {
      more(`the '${KERNEL_NAME}' kernel found first is not cnn-lab's (display name ${JSON.stringify(ours.displayName)}, runs ${ours.argv[0]}): run npm run kernel:install`);
    }
  } catch (e) {
    line("jupyter", `${found.python}: ${(e as Error).message}`);
  }
}

interface Availability {
  name: string;
  title: string;
  source?: string;
  path?: string;
  description: string;
}

async function datasets(): Promise<void> {
  // The data layer is another module's: loaded dynamically so info works (and type-checks) without it.
  let available: (() => Promise<Availability[]>) | undefined;
  try {
    available = ((await import("../data")) as { availableDatasets?: () => Promise<Availability[]> }).availableDatasets;
  } catch (e) {
    line("datasets", `data layer failed to load: ${(e as Error).message.split("\n")[0]}`);
    return;
  }
  if (typeof available !== "function") {
    line("datasets", "data layer not available yet (kernel-lib/data exports no availableDatasets)");
    return;
  }
  try {
    for (const [i, d] of (await available()).entries()) {
      const text = `${d.name}: ${d.source ? `${d.source}, ${d.description}${d.path ? ` (${d.path})` : ""}` : d.description}`;
      if (i === 0) line("datasets", text);
      else more(text);
    }
  } catch (e) {
    line("datasets", `could not list: ${(e as Error).message}`);
  }
}

export async function command(args: string[]): Promise<number> {
  if (args.length > 0) {
    console.error(`cnnlab info: takes no arguments (got ${args.join(" ")})`);
    return 2;
  }
  await backend();
  versions();
  jupyter();
  await datasets();
  return 0;
}
