// The chart kinds the course uses, as pure figure builders (xxxFigure, for livePlot updates
// and tests) and one-call display helpers.
import { tf } from "../backend";
import { type Figure, plot } from "./plotly";

export interface ChartOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Pixel height (default 360). */
  height?: number;
}

/** y values (x = 0, 1, 2, ...) or explicit x and y. */
export type Series = number[] | { x: (number | string)[]; y: number[] };

export interface LineOptions extends ChartOptions {
  /** Logarithmic y axis (loss curves spanning decades). */
  logY?: boolean;
  /** Draw a marker at every point (default: only when a series has at most 50 points). */
  markers?: boolean;
}

function baseLayout(opts: ChartOptions): Record<string, unknown> {
  return {
    ...(opts.title ? { title: { text: opts.title } } : {}),
    xaxis: opts.xLabel ? { title: { text: opts.xLabel } } : {},
    yaxis: opts.yLabel ? { title: { text: opts.yLabel } } : {},
    height: opts.height ?? 360,
    margin: { t: opts.title ? 50 : 20, r: 20, b: 50, l: 60 },
  };
}

/** Line chart of named series, e.g. {train: [...], validation: [...]}. */
export function lineFigure(series: Record<string, Series>, opts: LineOptions = {}): Figure {
  const data = Object.entries(series).map(([name, s]) => {
    const { x, y } = Array.isArray(s) ? { x: s.map((_, i) => i), y: s } : s;
    const markers = opts.markers ?? y.length <= 50;
    return { type: "scatter", mode: markers ? "lines+markers" : "lines", name, x, y };
  });
  const layout = baseLayout(opts);
  if (opts.logY) layout.yaxis = { ...(layout.yaxis as object), type: "log" };
  return { data, layout };
}

export interface BarOptions extends ChartOptions {
  horizontal?: boolean;
}

/** Bars for each label: one series (number[]) or grouped series ({name: number[]}). */
export function barFigure(labels: (string | number)[], values: number[] | Record<string, number[]>, opts: BarOptions = {}): Figure {
  const groups = Array.isArray(values) ? { "": values } : values;
  const data = Object.entries(groups).map(([name, v]) => {
    if (v.length !== labels.length) throw new Error(`display.barChart: ${labels.length} labels but ${v.length} values${name ? ` in '${name}'` : ""}`);
    const cats = labels.map(String);
    return { type: "bar", ...(name ? { name } : {}), ...(opts.horizontal ? { x: v, y: cats, orientation: "h" } : { x: cats, y: v }) };
  });
  return { data, layout: { ...baseLayout(opts), barmode: "group", showlegend: !Array.isArray(values) } };
}

export interface HeatmapOptions extends ChartOptions {
  xLabels?: (string | number)[];
  yLabels?: (string | number)[];
  /** Write each cell's value on it (default: when there are at most 400 cells). */
  annotate?: boolean;
  /** Plotly colorscale name (default "Blues"). */
  colorscale?: string;
}

function matrixOf(z: number[][] | tf.Tensor): number[][] {
  if (z instanceof tf.Tensor) {
    if (z.rank !== 2) throw new Error(`display.heatmap: expected a 2-D tensor, got shape [${z.shape.join(",")}]`);
    return z.arraySync() as number[][];
  }
  return z;
}

/** Heatmap of a matrix; row 0 is drawn at the top, as the matrix is written. */
export function heatmapFigure(z: number[][] | tf.Tensor, opts: HeatmapOptions = {}): Figure {
  const m = matrixOf(z);
  const cells = m.length * (m[0]?.length ?? 0);
  const annotate = opts.annotate ?? cells <= 400;
  const trace = {
    type: "heatmap",
    z: m,
    ...(opts.xLabels ? { x: opts.xLabels.map(String) } : {}),
    ...(opts.yLabels ? { y: opts.yLabels.map(String) } : {}),
    colorscale: opts.colorscale ?? "Blues",
    ...(annotate ? { texttemplate: "%{z:.4~g}" } : {}),
  };
  const layout = baseLayout(opts);
  // Labels such as "0".."9" are categories, not numbers for plotly to place on a linear axis.
  layout.xaxis = { ...(layout.xaxis as object), ...(opts.xLabels ? { type: "category" } : {}) };
  layout.yaxis = { ...(layout.yaxis as object), autorange: "reversed", ...(opts.yLabels ? { type: "category" } : {}) };
  return { data: [trace], layout };
}

/** Confusion matrix: rows = true class, columns = predicted class. */
export function confusionMatrixFigure(matrix: number[][] | tf.Tensor, classNames: (string | number)[], opts: ChartOptions = {}): Figure {
  const m = matrixOf(matrix);
  if (m.length !== classNames.length) throw new Error(`display.confusionMatrix: ${m.length} rows but ${classNames.length} class names`);
  return heatmapFigure(m, {
    title: "confusion matrix",
    xLabel: "predicted",
    yLabel: "true",
    height: Math.max(360, 40 * classNames.length + 120),
    ...opts,
    xLabels: classNames,
    yLabels: classNames,
  });
}

export function lineChart(series: Record<string, Series>, opts: LineOptions = {}): void {
  plot(lineFigure(series, opts));
}

export function barChart(labels: (string | number)[], values: number[] | Record<string, number[]>, opts: BarOptions = {}): void {
  plot(barFigure(labels, values, opts));
}

export function heatmap(z: number[][] | tf.Tensor, opts: HeatmapOptions = {}): void {
  plot(heatmapFigure(z, opts));
}

export function confusionMatrix(matrix: number[][] | tf.Tensor, classNames: (string | number)[], opts: ChartOptions = {}): void {
  plot(confusionMatrixFigure(matrix, classNames, opts));
}
