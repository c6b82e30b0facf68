// Plotly charts. One output carries three forms: application/vnd.plotly.v1+json (rendered by
// JupyterLab's plotly renderer when installed), text/html (works anywhere scripts run, e.g. the
// standalone HTML of an executed notebook) and text/plain (terminal).
//
// plotly.js (~4.8 MB) is inlined ONCE per kernel process, in the first chart's HTML; later
// charts only hold a div and a script that waits for window.Plotly. So a notebook's size does
// not grow by 4.8 MB per chart and it still renders offline. Updates of the first chart keep
// carrying plotly.js: an update replaces the whole output, and a saved notebook must not lose
// the only copy.
import { readFileSync } from "node:fs";
import { formatNumber } from "./format";
import { display, newDisplayId, type DisplayHandle, type MimeBundle } from "./publish";

/** A Plotly figure: traces and layout, as in plotly.js's JSON schema. */
export interface Figure {
  data: Record<string, unknown>[];
  layout?: Record<string, unknown>;
}

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

let plotlySource: string | undefined;

/** plotly.js's minified bundle, read once. */
export function plotlyJs(): string {
  if (plotlySource === undefined) {
    const path = require.resolve("plotly.js-dist-min");
    const src = readFileSync(path, "utf8");
    // "</script" inside the bundle would end our inline <script> early.
    if (/<\/script/i.test(src)) throw new Error(`display.plot: ${path} contains "</script" and cannot be inlined`);
    plotlySource = src;
  }
  return plotlySource;
}

// The display_id of the output that carries plotly.js in this kernel process.
let carrierId: string | undefined;

/** Forgets which output carries plotly.js, so the next chart inlines it again (e.g. after clearing outputs). */
export function resetPlotlyEmbedding(): void {
  carrierId = undefined;
}

// Shown in a chart's place when no output on the page carries plotly.js, e.g. after the output
// of this kernel's first chart was cleared or replaced.
const STUCK = "plotly.js did not load: restart the kernel and run all cells, or run lab.display.resetPlotlyEmbedding() and re-run this cell";

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function chartHtml(figure: Figure, divId: string, withPlotly: boolean): string {
  const height = typeof figure.layout?.height === "number" ? figure.layout.height : 420;
  // Waits for plotly.js (loaded by the first chart's output), gives up after 60 s with a message.
  const draw =
    `(function(){var fig=${scriptJson({ data: figure.data, layout: figure.layout ?? {} })},t0=Date.now();` +
    `function draw(){var el=document.getElementById(${JSON.stringify(divId)});if(!el)return;` +
    `if(window.Plotly){window.Plotly.react(el,fig.data,fig.layout,{responsive:true});}` +
    `else if(Date.now()-t0<60000){setTimeout(draw,50);}` +
    `else{el.textContent=${JSON.stringify(STUCK)};}}draw();})();`;
  const lib = withPlotly ? `<script>if(!window.Plotly){${plotlyJs()}\n}</script>\n` : "";
  return `<div id="${divId}" class="cnnlab-plot" style="width:100%;height:${height}px"></div>\n${lib}<script>${draw}</script>`;
}

function plainSummary(figure: Figure): string {
  const title = figure.layout?.title;
  const titleText = typeof title === "string" ? title : typeof (title as { text?: unknown })?.text === "string" ? (title as { text: string }).text : "";
  const traces = figure.data.map((t, i) => {
    const name = typeof t.name === "string" ? t.name : `trace ${i}`;
    const y = (t.y ?? t.z) as unknown;
    if (Array.isArray(y)) {
      const last = y[y.length - 1];
      const lastText = typeof last === "number" ? `, last ${formatNumber(last)}` : "";
      return `${name} (${t.type ?? "scatter"}, ${y.length} values${lastText})`;
    }
    return `${name} (${t.type ?? "scatter"})`;
  });
  return `[chart${titleText ? ` '${titleText}'` : ""}: ${traces.join("; ") || "no traces"}]`;
}

/**
 * The MIME bundle of a figure for output `id`. The first output to ask (per process) becomes
 * the one that inlines plotly.js; the same id always does.
 */
export function plotBundle(figure: Figure, id: string): MimeBundle {
  carrierId ??= id;
  return {
    "text/plain": plainSummary(figure),
    "text/html": chartHtml(figure, `${id}-div`, carrierId === id),
    [PLOTLY_MIME]: { data: figure.data, layout: figure.layout ?? {} },
  };
}

/** A chart shown once and redrawn in place with update() (same display_id, update_display_data). */
export interface LiveChart {
  readonly id: string;
  update(figure: Figure): void;
}

/** Shows a figure and returns a handle to redraw it in place (e.g. a loss curve during training). */
export function livePlot(figure: Figure): LiveChart {
  const id = newDisplayId("plot");
  const handle: DisplayHandle = display(plotBundle(figure, id), id);
  return { id, update: (next) => handle.update(plotBundle(next, id)) };
}

/** Shows a Plotly figure. */
export function plot(figure: Figure): void {
  livePlot(figure);
}
