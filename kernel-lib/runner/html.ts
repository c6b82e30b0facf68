// An executed notebook as one self-contained HTML page: markdown rendered, code highlighted,
// outputs as Jupyter shows them (text/html inserted raw so its scripts run, images inline),
// LaTeX math as MathML (no script, works offline).
import * as fs from "node:fs";
import { escapeHtml, highlightTypeScript } from "./highlight";
import { hasMath, markdownToHtml, mathStyle } from "./math";
import type { Cell, MimeBundle, Notebook, Output } from "./notebook";
import { sourceText } from "./notebook";

const PLOTLY_MIME = "application/vnd.plotly.v1+json";
// Richest first, as Jupyter picks. Plotly JSON without HTML is drawn with an inlined plotly.js.
const MIME_ORDER = ["text/html", PLOTLY_MIME, "image/svg+xml", "image/png", "image/jpeg", "image/gif", "text/markdown", "application/json", "text/plain"];

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; background: #fafafa; color: #222; }
main { max-width: 1000px; margin: 0 auto; padding: 24px; background: #fff; }
.cell { margin: 12px 0; }
.code { display: grid; grid-template-columns: 56px 1fr; gap: 0 8px; }
.prompt { color: #307fc1; font: 12px/1.9 monospace; text-align: right; }
pre { margin: 0; padding: 8px 10px; overflow-x: auto; font: 13px/1.45 ui-monospace, monospace; white-space: pre-wrap; }
pre.source { background: #f5f5f5; border: 1px solid #e0e0e0; border-radius: 3px; }
.outputs { grid-column: 2; min-width: 0; }
.output { margin-top: 6px; overflow-x: auto; }
pre.stderr { background: #fff5f5; }
pre.error { background: #fdd; color: #900; border-left: 3px solid #c00; }
.failed pre.source { border-color: #c00; }
.k { color: #8000c0; } .s { color: #b35e00; } .n { color: #098658; } .c { color: #6a8a6a; font-style: italic; }
table { border-collapse: collapse; } th, td { border: 1px solid #ddd; padding: 3px 8px; }
img { max-width: 100%; }
.markdown img { max-width: 100%; }
`;

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

function text(value: unknown): string {
  return Array.isArray(value) ? value.join("") : String(value ?? "");
}

class PageWriter {
  private plotlyInlined = false;
  private plots = 0;
  /** Some markdown held math: the page needs the math stylesheet. */
  math = false;

  private markdown(src: string): string {
    const html = markdownToHtml(src);
    if (hasMath(html)) this.math = true;
    return html;
  }

  /** True once an output itself carries plotly.js; then the fallback need not inline it again. */
  private noteHtml(html: string): void {
    if (!this.plotlyInlined && /Plotly\s*=|define\("plotly"|window\.Plotly\s*=/.test(html)) this.plotlyInlined = true;
  }

  private plotlyScript(): string {
    if (this.plotlyInlined) return "";
    this.plotlyInlined = true;
    const file = require.resolve("plotly.js-dist-min");
    return `<script>${fs.readFileSync(file, "utf8").replace(/<\/script/gi, "<\\/script")}</script>`;
  }

  private bundle(data: MimeBundle): string {
    const mime = MIME_ORDER.find((m) => m in data) ?? Object.keys(data)[0];
    if (mime === undefined) return "";
    const value = data[mime];
    switch (mime) {
      case "text/html": {
        const html = text(value);
        this.noteHtml(html);
        return html;
      }
      case PLOTLY_MIME: {
        const fig = typeof value === "string" ? JSON.parse(value) : value;
        const id = `cnnlab-plot-${++this.plots}`;
        const json = JSON.stringify(fig).replace(/</g, "\\u003c");
        return `${this.plotlyScript()}<div id="${id}"></div><script>(function(f){Plotly.newPlot("${id}",f.data,f.layout||{},f.config||{});})(${json});</script>`;
      }
      case "image/svg+xml": return text(value);
      case "image/png":
      case "image/jpeg":
      case "image/gif": return `<img src="data:${mime};base64,${text(value).replace(/\s/g, "")}">`;
      case "text/markdown": return `<div class="markdown">${this.markdown(text(value))}</div>`;
      case "application/json": return `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
      default: return `<pre>${escapeHtml(text(value))}</pre>`;
    }
  }

  private output(out: Output): string {
    switch (out.output_type) {
      case "stream": return `<pre class="stream ${out.name}">${escapeHtml(out.text.replace(ANSI, ""))}</pre>`;
      case "error": {
        const body = [`${out.ename}: ${out.evalue}`, ...out.traceback].join("\n").replace(ANSI, "");
        return `<pre class="error">${escapeHtml(body)}</pre>`;
      }
      default: return this.bundle(out.data);
    }
  }

  cell(cell: Cell): string {
    const src = sourceText(cell);
    if (cell.cell_type === "markdown") return `<div class="cell markdown">${this.markdown(src)}</div>`;
    if (cell.cell_type === "raw") return `<div class="cell raw"><pre>${escapeHtml(src)}</pre></div>`;
    const outputs = cell.outputs ?? [];
    const failed = outputs.some((o) => o.output_type === "error");
    const count = cell.execution_count ?? " ";
    return [
      `<div class="cell code${failed ? " failed" : ""}">`,
      `<div class="prompt">[${count}]:</div>`,
      `<pre class="source">${highlightTypeScript(src)}</pre>`,
      `<div class="outputs">${outputs.map((o) => `<div class="output">${this.output(o)}</div>`).join("\n")}</div>`,
      "</div>",
    ].join("\n");
  }
}

/** The whole page; `title` is usually the notebook's file name. */
export function notebookToHtml(nb: Notebook, title: string): string {
  const writer = new PageWriter();
  const cells = nb.cells.map((c) => writer.cell(c)).join("\n");
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    ...(writer.math ? [`<style>${mathStyle()}</style>`] : []),
    "</head><body><main>",
    cells,
    "</main></body></html>",
    "",
  ].join("\n");
}
