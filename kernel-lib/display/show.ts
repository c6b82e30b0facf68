// show(x): one call that picks the display for a value.
import { inspect } from "node:util";
import { tf } from "../backend";
import { imageBundle, imageGridBundle } from "./image";
import { type Figure, livePlot } from "./plotly";
import { display, type MimeBundle } from "./publish";
import { isDataFrame, tableBundle, type Row } from "./table";

function isFigure(x: unknown): x is Figure {
  return typeof x === "object" && x !== null && Array.isArray((x as Figure).data) && !isDataFrame(x);
}

function isRowArray(x: unknown): x is Row[] {
  return Array.isArray(x) && x.length > 0 && x.every((r) => typeof r === "object" && r !== null && !Array.isArray(r) && !ArrayBuffer.isView(r));
}

/** The bundle show() would display: see show(). */
export function showBundle(x: unknown): MimeBundle {
  if (typeof x === "string") return { "text/plain": x };
  if (x instanceof tf.Tensor) {
    const imageLike = x.rank === 2 || (x.rank === 3 && [1, 3, 4].includes(x.shape[2]));
    if (imageLike) return imageBundle(x);
    if (x.rank === 4) return imageGridBundle(x);
    return { "text/plain": x.toString() };
  }
  if (isDataFrame(x) || isRowArray(x)) return tableBundle(x);
  return { "text/plain": inspect(x, { depth: 4 }) };
}

/**
 * Displays a value the obvious way: a [H,W] / [H,W,C] tensor as an image, a [N,H,W,C] tensor as
 * an image grid, a DataFrame or array of row objects as a table, a Plotly figure ({data, layout})
 * as a chart, a string as text, anything else as util.inspect text. For a matrix as numbers, use
 * table(); for options (captions, scales, labels), call the specific helper.
 */
export function show(x: unknown): void {
  if (isFigure(x)) livePlot(x);
  else display(showBundle(x));
}
