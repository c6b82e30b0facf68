// The runner's pure parts, without a kernel: error text parsing, notebook checks, the HTML page.
import { describe, expect, it } from "vitest";
import { errorFromStderr } from "../../kernel-lib/runner/cell-error";
import { highlightTypeScript } from "../../kernel-lib/runner/highlight";
import { notebookToHtml } from "../../kernel-lib/runner/html";
import { checkTypeScriptKernel, freshCopy, type Notebook } from "../../kernel-lib/runner/notebook";

describe("errorFromStderr", () => {
  it("finds the thrown error below Node's source excerpt", () => {
    const err = errorFromStderr("evalmachine.<anonymous>:2\nthrow new Error(\"boom\");\n^\n\nRangeError: boom\n    at evalmachine.<anonymous>:2:7\n");
    expect(err).toMatchObject({ ename: "RangeError", evalue: "boom" });
    expect(err.traceback[4]).toBe("RangeError: boom");
  });

  it("drops the kernel's own stack frames, keeps the cell's and the library's", () => {
    const err = errorFromStderr([
      "Error: deep",
      "    at evalmachine.<anonymous>:3:9",
      "    at sigintHandlersWrap (node:vm:280:12)",
      "    at Object.execute (/work/main/node_modules/tslab/dist/executor.js:160:38)",
      "    at fit (/work/main/kernel-lib/dist/train/fit.js:10:5)",
      "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
    ].join("\n"));
    expect(err.traceback).toEqual(["Error: deep", "    at evalmachine.<anonymous>:3:9", "    at fit (/work/main/kernel-lib/dist/train/fit.js:10:5)"]);
  });

  it("turns TypeScript diagnostics into a CompileError", () => {
    const err = errorFromStderr("1:5 - Type 'string' is not assignable to type 'number'.\n2:1 - Cannot find name 'y'.\n");
    expect(err.ename).toBe("CompileError");
    expect(err.evalue).toBe("Type 'string' is not assignable to type 'number'.; Cannot find name 'y'.");
  });

  it("keeps a thrown non-Error value as the message", () => {
    expect(errorFromStderr("just a string\n")).toMatchObject({ ename: "Error", evalue: "just a string" });
    expect(errorFromStderr("").evalue).toBe("the kernel reported an error without a message");
  });
});

const nb = (metadata: object): Notebook => ({ nbformat: 4, nbformat_minor: 2, metadata: metadata as never, cells: [] });

describe("checkTypeScriptKernel", () => {
  it("accepts tslab notebooks and refuses others by name", () => {
    expect(() => checkTypeScriptKernel(nb({ kernelspec: { name: "tslab", language: "typescript" } }), "a.ipynb")).not.toThrow();
    expect(() => checkTypeScriptKernel(nb({ kernelspec: { name: "ir", language: "R" } }), "b.ipynb")).toThrow("b.ipynb: written for kernel 'ir' (R), not TypeScript");
    expect(() => checkTypeScriptKernel(nb({}), "c.ipynb")).toThrow("c.ipynb: written for no kernelspec, not TypeScript");
  });
});

describe("freshCopy", () => {
  it("clears outputs and gives every cell a unique id", () => {
    const src: Notebook = {
      nbformat: 4, nbformat_minor: 2, metadata: {},
      cells: [
        { cell_type: "code", source: ["a\n", "b"], metadata: {}, outputs: [{ output_type: "stream", name: "stdout", text: "x" }], execution_count: 7 },
        { cell_type: "markdown", id: "dup", source: "m", metadata: {} },
        { cell_type: "markdown", id: "dup", source: "n", metadata: {} },
      ],
    };
    const copy = freshCopy(src);
    expect(copy.nbformat_minor).toBe(5);
    expect(copy.cells.map((c) => c.id)).toEqual(["cell-0", "dup", "cell-2"]);
    expect(copy.cells[0]).toMatchObject({ source: "a\nb", outputs: [], execution_count: null });
    expect(src.cells[0].outputs).toHaveLength(1);
  });
});

describe("HTML page", () => {
  it("highlights code and escapes it", () => {
    expect(highlightTypeScript('const s = "<b>"; // note')).toBe(
      '<span class="k">const</span> s = <span class="s">&quot;&lt;b&gt;&quot;</span>; <span class="c">// note</span>',
    );
  });

  it("renders markdown, raw HTML outputs, images as data URIs and escaped text", () => {
    const page = notebookToHtml({
      nbformat: 4, nbformat_minor: 5, metadata: {},
      cells: [
        { cell_type: "markdown", source: "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |", metadata: {} },
        {
          cell_type: "code", source: "x", metadata: {}, execution_count: 3,
          outputs: [
            { output_type: "stream", name: "stdout", text: "1 < 2\n" },
            { output_type: "display_data", data: { "text/html": "<div id='raw'><script>var ran = 1;</script></div>", "text/plain": "plain" }, metadata: {} },
            { output_type: "display_data", data: { "image/png": "iVBORw0KGgo=" }, metadata: {} },
            { output_type: "error", ename: "Error", evalue: "bad <input>", traceback: ["\u001b[31mred\u001b[0m"] },
          ],
        },
      ],
    }, "demo <nb>");
    expect(page).toContain("<title>demo &lt;nb&gt;</title>");
    expect(page).toContain("<h1>Title</h1>");
    expect(page).toContain("<td>1</td>");
    expect(page).toContain("<pre class=\"stream stdout\">1 &lt; 2\n</pre>");
    expect(page).toContain("<div id='raw'><script>var ran = 1;</script></div>");
    expect(page).not.toContain(">plain<");
    expect(page).toContain('<img src="data:image/png;base64,iVBORw0KGgo=">');
    expect(page).toContain("Error: bad &lt;input&gt;\nred");
    expect(page).toContain("[3]:");
  });

  it("draws Plotly JSON that arrives without HTML with plotly.js inlined once", () => {
    const fig = { data: [{ y: [1, 2] }], layout: {} };
    const cell = (n: number) => ({ cell_type: "code" as const, source: `p${n}`, metadata: {}, outputs: [{ output_type: "display_data" as const, data: { "application/vnd.plotly.v1+json": fig }, metadata: {} }] });
    const page = notebookToHtml({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell(1), cell(2)] }, "p");
    expect(page.match(/<script>/g)?.length).toBe(3);
    expect(page).toContain('Plotly.newPlot("cnnlab-plot-1"');
    expect(page).toContain('Plotly.newPlot("cnnlab-plot-2"');
  });
});
