// `cnnlab kernel install` against a throw-away JUPYTER_DATA_DIR, then Jupyter itself starts the
// kernel from that kernelspec. Needs a Python with jupyter_client: skipped without one locally,
// a failure under CI (where .ci/run installs it).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findJupyter } from "../../kernel-lib/runner/jupyter";
import { cnnlab, readJson, ROOT, tempDir } from "./cli";

const jupyter = findJupyter();
const missing = jupyter.python ? undefined : `no Jupyter python found (tried ${jupyter.tried.join(", ")})`;
// Under CI a missing Jupyter is a failure, not a skip.
const skip = missing !== undefined && !process.env.CI;
const dataDir = tempDir("jupyter-data");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("cnnlab kernel install", () => {
  it.skipIf(skip)(`writes the tslab kernelspec${skip ? ` (SKIPPED: ${missing})` : ""}`, async () => {
    expect(missing, "CI must have Jupyter (.ci/run installs jupyter-notebook)").toBeUndefined();
    const res = await cnnlab(["kernel", "install"], { JUPYTER_DATA_DIR: dataDir });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const spec = readJson(path.join(dataDir, "kernels", "tslab", "kernel.json"));
    expect(spec.display_name).toBe("cnn-lab (TypeScript)");
    expect(spec.language).toBe("typescript");
    expect(spec.argv).toEqual([path.join(ROOT, "node_modules", ".bin", "tslab"), "kernel", "--config-path", "{connection_file}"]);
    expect(path.isAbsolute(spec.argv[0])).toBe(true);
    expect(spec.env).toEqual({ NODE_PATH: path.join(ROOT, "node_modules") });
  }, 60_000);

  it.skipIf(skip)("Jupyter starts the installed kernel; packages resolve through NODE_PATH from any folder", () => {
    // Runs after the install above (same file, in order). The kernel's cwd is a folder outside the project.
    const script = [
      "import sys",
      "from jupyter_client.manager import start_new_kernel",
      "km, kc = start_new_kernel(kernel_name='tslab', startup_timeout=90, cwd=sys.argv[1])",
      "out = []",
      "hook = lambda m: out.append(m['content'].get('text', '')) if m['msg_type'] == 'stream' else None",
      "r = kc.execute_interactive('console.log(require.resolve(\"@tensorflow/tfjs\"))', output_hook=hook, timeout=90)",
      "print(r['content']['status'], ''.join(out).strip())",
      "kc.stop_channels(); km.shutdown_kernel(now=True)",
    ].join("\n");
    const res = spawnSync(jupyter.python!, ["-c", script, dataDir], {
      env: { ...process.env, JUPYTER_DATA_DIR: dataDir }, encoding: "utf8", timeout: 150_000,
    });
    expect(res.stdout.trim().split("\n").at(-1)).toBe(`ok ${path.join(ROOT, "node_modules", "@tensorflow", "tfjs", "dist", "tf.node.js")}`);
  }, 180_000);

  it("no Jupyter at the given --python: one message naming the install command; --if-jupyter exits 0", async () => {
    const strict = await cnnlab(["kernel", "install", "--python", "/nonexistent/python3"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("no Jupyter found");
    expect(strict.stderr).toContain("tried /nonexistent/python3");
    expect(strict.stderr).toContain("apt-get install jupyter-notebook");
    expect(strict.stderr).toContain("pip install jupyterlab");
    const lenient = await cnnlab(["kernel", "install", "--python", "/nonexistent/python3", "--if-jupyter"]);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain("no Jupyter found");
  });
});
