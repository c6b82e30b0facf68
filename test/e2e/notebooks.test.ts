// Every course notebook runs in quick mode with `cnnlab run`, as a user or CI runs it:
// exit 0, every code cell executed, no error output, an HTML page, a notebook of sane size.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, test } from "vitest";
import { ROOT, cnnlab, readJson, tempDir } from "./cli";

const NOTEBOOKS = fs
  .readdirSync(path.join(ROOT, "notebooks"))
  .filter((f) => /^\d\d-.*\.ipynb$/.test(f))
  .sort();

interface ExecutedCell {
  cell_type: string;
  execution_count?: number | null;
  outputs?: { output_type: string; ename?: string; evalue?: string }[];
}

describe("course notebooks in quick mode", () => {
  test("the course has its notebooks", () => {
    expect(NOTEBOOKS.length).toBeGreaterThanOrEqual(8);
    expect(NOTEBOOKS[0]).toBe("00-setup.ipynb");
  });

  for (const file of NOTEBOOKS) {
    test(file, async () => {
      const out = tempDir("nb");
      const res = await cnnlab(["run", path.join("notebooks", file), "--mode", "quick", "--out", out, "--timeout", "240"]);
      const executed = path.join(out, file);
      expect(res.code, `${file} failed:\n${res.stderr.slice(-3000)}`).toBe(0);
      expect(fs.existsSync(path.join(out, file.replace(/\.ipynb$/, ".html")))).toBe(true);
      expect(fs.statSync(executed).size).toBeLessThan(10 * 1024 * 1024);
      const cells = readJson<{ cells: ExecutedCell[] }>(executed).cells.filter((c) => c.cell_type === "code");
      expect(cells.length).toBeGreaterThan(0);
      for (const [i, cell] of cells.entries()) {
        expect(cell.execution_count, `code cell ${i} of ${file} did not run`).toBeTypeOf("number");
        const errors = (cell.outputs ?? []).filter((o) => o.output_type === "error");
        expect(errors, `code cell ${i} of ${file}: ${errors.map((e) => `${e.ename}: ${e.evalue}`).join("; ")}`).toEqual([]);
      }
    }, 300_000);
  }
});
