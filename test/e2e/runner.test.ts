// `cnnlab run` end to end on small fixture notebooks: a real tslab kernel over ZeroMQ.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, cnnlab, FIXTURES, readJson, tempDir } from "./cli";

const out = tempDir("runner");
const runs: Record<string, CliResult> = {};

beforeAll(async () => {
  // Four kernels at once: start-up dominates, so this is much faster than one after another.
  const names = ["ok", "fail", "hang", "dies"];
  const results = await Promise.all(
    names.map((n) => cnnlab(["run", path.join(FIXTURES, `${n}.ipynb`), "--out", out, "--timeout", "3", "--mode", "full"])),
  );
  names.forEach((n, i) => { runs[n] = results[i]; });
}, 240_000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const executed = (name: string) => readJson(path.join(out, `${name}.ipynb`));
const codeCells = (nb: any) => nb.cells.filter((c: any) => c.cell_type === "code");

describe("cnnlab run: a notebook that succeeds", () => {
  it("exits 0 and names both files written", () => {
    expect(runs.ok.stderr).toBe("");
    expect(runs.ok.code).toBe(0);
    expect(runs.ok.stdout).toMatch(/ok \(full, 4 code cells/);
    expect(fs.existsSync(path.join(out, "ok.html"))).toBe(true);
  });

  it("writes nbformat 4.5 with cell ids and execution counts", () => {
    const nb = executed("ok");
    expect([nb.nbformat, nb.nbformat_minor]).toEqual([4, 5]);
    expect(nb.cells.every((c: any) => typeof c.id === "string")).toBe(true);
    expect(codeCells(nb).map((c: any) => c.execution_count)).toEqual([1, 2, 3, 4]);
  });

  it("records stdout, with CNNLAB_MODE and the notebook's folder as cwd", () => {
    const [first] = codeCells(executed("ok"));
    expect(first.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: `hello from tslab\nmode=full cwd=${FIXTURES}\n3\n` },
    ]);
  });

  it("keeps every MIME type of a display_data", () => {
    const second = codeCells(executed("ok"))[1];
    expect(second.outputs).toEqual([
      { output_type: "display_data", data: { "text/plain": "plain form", "text/html": "<b>rich form</b>" }, metadata: {} },
    ]);
  });

  it("merges update_display_data into the earlier output, in place", () => {
    const [, , third, fourth] = codeCells(executed("ok"));
    expect(third.outputs).toEqual([{ output_type: "display_data", data: { "text/plain": "progress: 100%" }, metadata: {} }]);
    expect(fourth.outputs).toEqual([]);
  });
});

describe("cnnlab run: failures", () => {
  it("a throwing cell: error output from tslab's stderr, non-zero exit, later cells not run", () => {
    expect(runs.fail.code).toBe(1);
    expect(runs.fail.stderr).toContain('fail.ipynb cells[2] ("const shape = [2, 3];") failed: TypeError: bad shape [2,3]');
    const [before, failing, after] = codeCells(executed("fail"));
    expect(before.outputs[0].text).toBe("before the failure\n");
    expect(failing.outputs).toHaveLength(1);
    expect(failing.outputs[0]).toMatchObject({ output_type: "error", ename: "TypeError", evalue: "bad shape [2,3]" });
    expect(failing.outputs[0].traceback.join("\n")).toContain("TypeError: bad shape [2,3]");
    expect(after.outputs).toEqual([]);
    expect(after.execution_count).toBeNull();
    expect(fs.readFileSync(path.join(out, "fail.html"), "utf8")).toContain("bad shape [2,3]");
  });

  it("a cell that never returns is interrupted at --timeout", () => {
    expect(runs.hang.code).toBe(1);
    expect(runs.hang.stderr).toMatch(/hang\.ipynb cells\[1\] \("await new Promise\(\(\) => \{\}\);"\) failed: TimeoutError: cell did not finish within 3 s/);
    const [start, hung, never] = codeCells(executed("hang"));
    expect(start.outputs[0].text).toBe("start\n");
    expect(hung.outputs.at(-1)).toMatchObject({ output_type: "error", ename: "TimeoutError" });
    expect(never.outputs).toEqual([]);
  });

  it("a kernel that dies mid-run is reported with its exit code", () => {
    expect(runs.dies.code).toBe(1);
    expect(runs.dies.stderr).toContain('dies.ipynb cells[1] ("process.exit(3);") failed: KernelDied: the kernel process ended during this cell (exit code 3)');
    const [alive, died, never] = codeCells(executed("dies"));
    expect(alive.outputs[0].text).toBe("alive\n");
    expect(died.outputs.at(-1)).toMatchObject({ output_type: "error", ename: "KernelDied" });
    expect(never.outputs).toEqual([]);
  });

  it("a missing path: one line naming it, exit 2, nothing run", async () => {
    const res = await cnnlab(["run", "notebooks/no-such-notebook.ipynb", "--out", out]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe("cnnlab run: notebooks/no-such-notebook.ipynb: no such file");
  });

  it("a Python notebook is refused before any kernel starts", async () => {
    const file = path.join(FIXTURES, "python.ipynb");
    const res = await cnnlab(["run", file, "--out", out]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe(
      `cnnlab run: ${file}: written for kernel 'python3' (python), not TypeScript; cnnlab runs only tslab notebooks (metadata.kernelspec.name "tslab")`,
    );
    expect(fs.existsSync(path.join(out, "python.ipynb"))).toBe(false);
  });

  it("bad options are named", async () => {
    const res = await cnnlab(["run", path.join(FIXTURES, "ok.ipynb"), "--mode", "fast"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("--mode must be quick or full, not 'fast'");
  });
});
