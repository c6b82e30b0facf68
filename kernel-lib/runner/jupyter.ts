// The Jupyter installation on this machine (a Python with jupyter_client): finding it, its
// versions and kernelspecs, and registering tslab as the "cnn-lab (TypeScript)" kernel.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { NODE_MODULES, TSLAB_BIN } from "./paths";

export const KERNEL_NAME = "tslab"; // tslab's own name, so notebooks' metadata.kernelspec.name resolves
export const KERNEL_DISPLAY_NAME = "cnn-lab (TypeScript)";
export const INSTALL_HINT = "install Jupyter: `apt-get install jupyter-notebook` on Debian/Ubuntu, `pip install jupyterlab` elsewhere; then `npm run kernel:install`";

export interface JupyterSearch {
  /** The first Python that imports jupyter_client, if any. */
  python?: string;
  /** Every place looked at, in order, for the message when none works. */
  tried: string[];
}

function python(py: string, code: string, args: string[] = []): { ok: boolean; out: string; err: string } {
  const res = spawnSync(py, ["-c", code, ...args], { encoding: "utf8", timeout: 60_000 });
  return { ok: !res.error && res.status === 0, out: res.stdout ?? "", err: (res.stderr || res.error?.message) ?? "" };
}

function hasJupyterClient(py: string): boolean {
  return python(py, "import jupyter_client").ok;
}

function onPath(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const full = path.join(dir, cmd);
    try {
      fs.accessSync(full, fs.constants.X_OK);
      return full;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The interpreter a `jupyter` script runs with, from its #! line ("#!/usr/bin/env python3" too). */
function interpreterOf(script: string): string | undefined {
  const first = fs.readFileSync(script, "utf8").split("\n", 1)[0];
  const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
  if (!m) return undefined;
  return path.basename(m[1]) === "env" && m[2] ? m[2] : m[1];
}

/** Search order: the given --python, the `jupyter` on PATH (its Python), then /usr/bin/python3. */
export function findJupyter(explicit?: string): JupyterSearch {
  const tried: string[] = [];
  const candidates: string[] = [];
  if (explicit) {
    candidates.push(explicit);
  } else {
    const jupyter = onPath("jupyter");
    const py = jupyter && interpreterOf(jupyter);
    if (py) candidates.push(py);
    else tried.push("`jupyter` on PATH (not found)");
    candidates.push("/usr/bin/python3");
  }
  for (const py of candidates) {
    if (tried.includes(py)) continue;
    tried.push(py);
    if (hasJupyterClient(py)) return { python: py, tried };
  }
  return { tried };
}

export interface JupyterVersions {
  jupyterClient: string;
  notebook?: string;
  lab?: string;
}

export function jupyterVersions(py: string): JupyterVersions {
  const code = [
    "import json, importlib",
    "def v(m):",
    "    try: return importlib.import_module(m).__version__",
    "    except Exception: return None",
    "print(json.dumps({'jupyterClient': v('jupyter_client'), 'notebook': v('notebook'), 'lab': v('jupyterlab')}))",
  ].join("\n");
  const res = python(py, code);
  if (!res.ok) throw new Error(`${py}: could not read Jupyter versions: ${res.err.trim()}`);
  const v = JSON.parse(res.out) as { jupyterClient: string; notebook: string | null; lab: string | null };
  return { jupyterClient: v.jupyterClient, notebook: v.notebook ?? undefined, lab: v.lab ?? undefined };
}

export interface KernelspecInfo {
  name: string;
  dir: string;
  displayName: string;
  language: string;
  argv: string[];
  env: Record<string, string>;
}

/** Every kernelspec this Jupyter sees (as `jupyter kernelspec list --json` does). */
export function listKernelspecs(py: string): KernelspecInfo[] {
  const code = [
    "import json",
    "from jupyter_client.kernelspec import KernelSpecManager",
    "specs = KernelSpecManager().get_all_specs()",
    "print(json.dumps({n: {'dir': s['resource_dir'], 'spec': s['spec']} for n, s in specs.items()}))",
  ].join("\n");
  const res = python(py, code);
  if (!res.ok) throw new Error(`${py}: could not list kernelspecs: ${res.err.trim()}`);
  const all = JSON.parse(res.out) as Record<string, { dir: string; spec: { display_name: string; language: string; argv: string[]; env?: Record<string, string> } }>;
  return Object.entries(all).map(([name, s]) => ({
    name, dir: s.dir, displayName: s.spec.display_name, language: s.spec.language, argv: s.spec.argv, env: s.spec.env ?? {},
  }));
}

/** The kernel.json cnn-lab installs: tslab by absolute path, the project's node_modules on NODE_PATH. */
export function kernelJson(): Record<string, unknown> {
  return {
    argv: [TSLAB_BIN, "kernel", "--config-path", "{connection_file}"],
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
    // Lets notebooks outside the project resolve packages installed here (e.g. @tensorflow/tfjs-node-gpu).
    env: { NODE_PATH: NODE_MODULES },
    metadata: { installer: "cnnlab kernel install" },
  };
}

/**
 * Writes the kernelspec into the user's Jupyter data dir (honours JUPYTER_DATA_DIR), replacing an
 * earlier one of the same name. Returns the directory Jupyter reports it installed to.
 */
export function installKernelspec(py: string): string {
  if (!fs.existsSync(TSLAB_BIN)) throw new Error(`${TSLAB_BIN} is missing: run npm install first`);
  const src = fs.mkdtempSync(path.join(os.tmpdir(), "cnnlab-kernelspec-"));
  try {
    fs.writeFileSync(path.join(src, "kernel.json"), `${JSON.stringify(kernelJson(), null, 2)}\n`);
    const code = [
      "import sys",
      "from jupyter_client.kernelspec import KernelSpecManager",
      "print(KernelSpecManager().install_kernel_spec(sys.argv[1], sys.argv[2], user=True, replace=True))",
    ].join("\n");
    const res = python(py, code, [src, KERNEL_NAME]);
    if (!res.ok) throw new Error(`${py}: installing the kernelspec failed: ${res.err.trim()}`);
    return res.out.trim();
  } finally {
    fs.rmSync(src, { recursive: true, force: true });
  }
}
