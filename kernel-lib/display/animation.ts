// The lectures' convolution animations drawn as sequences of small HTML grids (a flip-book that
// shows in any notebook viewer and in the runner's static HTML, no script needed). The frames
// themselves are computed in nn/animation; this module only draws them.
import type { ChannelAnimation, ConvAnimation, ConvFrame, ReceptiveFieldFrame } from "../nn/animation";
import { escapeHtml, formatNumber } from "./format";
import { imageGridBundle } from "./image";
import { display, type MimeBundle } from "./publish";

const SUBSCRIPT = "₀₁₂₃₄₅₆₇₈₉";

/** 2 -> "₂", -1 -> "₋₁", 0.5 -> "₍0.5₎" (non-integers keep plain digits). */
function subscript(n: number): string {
  if (!Number.isInteger(n)) return `₍${formatNumber(n, 3)}₎`;
  return (n < 0 ? "₋" : "") + String(Math.abs(n)).replace(/\d/g, (d) => SUBSCRIPT[Number(d)]);
}

const CELL_PX = 28;
const CELL = `width:${CELL_PX}px;min-width:${CELL_PX}px;height:${CELL_PX}px;box-sizing:border-box;text-align:center;border:1px solid #bbb;font:13px monospace;padding:0`;
const STYLE = {
  padding: "background:#eee;color:#999",
  window: "background:#ffd54f",
  plain: "background:#fff",
  done: "background:#c8e6c9",
  current: "background:#66bb6a;font-weight:bold",
  empty: "background:#fff;color:#ccc",
};

function grid(cells: { text: string; style: string }[][]): string {
  const rows = cells.map((r) => `<tr>${r.map((c) => `<td style="${CELL};${c.style}">${c.text}</td>`).join("")}</tr>`);
  return `<table style="border-collapse:collapse;margin:0">${rows.join("")}</table>`;
}

/** The padded input with the window (and its kernel entries as subscripts) highlighted. */
function inputGrid(anim: ConvAnimation, f: ConvFrame): string {
  const kh = anim.kernel.length;
  const kw = anim.kernel[0].length;
  return grid(
    anim.padded.map((row, i) =>
      row.map((v, j) => {
        const inWindow = i >= f.top && i < f.top + kh && j >= f.left && j < f.left + kw;
        if (!inWindow) return { text: formatNumber(v, 3), style: anim.isPadding[i][j] ? STYLE.padding : STYLE.plain };
        const k = escapeHtml(subscript(anim.kernel[i - f.top][j - f.left]));
        return { text: `${formatNumber(v, 3)}<span style="font-size:9px;color:#c62828">${k}</span>`, style: STYLE.window };
      }),
    ),
  );
}

/** The output map filled up to and including frame f. */
function outputGrid(anim: ConvAnimation, f: ConvFrame): string {
  const w = anim.output[0].length;
  return grid(
    anim.output.map((row, i) =>
      row.map((v, j) => {
        const k = i * w + j;
        if (k > f.index) return { text: "", style: STYLE.empty };
        return { text: formatNumber(v, 3), style: k === f.index ? STYLE.current : STYLE.done };
      }),
    ),
  );
}

export interface ConvFramesOptions {
  /** Which steps to draw (default: all, or the first 12 when there are more). */
  frames?: number[];
  /** Frames per row (default: as many as fit in about 900 px). */
  columns?: number;
  /** Shown above the frames. */
  caption?: string;
}

function frameCaption(f: ConvFrame): string {
  const terms = f.products.flat().map((p) => formatNumber(p, 3)).join(" + ");
  return `step ${f.index + 1}: output (${f.row}, ${f.col}) = ${terms} = <b>${formatNumber(f.value, 4)}</b>`;
}

function outputText(output: number[][]): string {
  return output.map((r) => r.map((v) => formatNumber(v, 4)).join("\t")).join("\n");
}

/**
 * The MIME bundle of a sliding-window animation: one panel per step (padded input with the
 * window, products and sum, output so far), plus the final map as text.
 */
export function convFramesBundle(anim: ConvAnimation, opts: ConvFramesOptions = {}): MimeBundle {
  const all = anim.frames;
  const picked = opts.frames ?? all.slice(0, 12).map((f) => f.index);
  const bad = picked.find((i) => !Number.isInteger(i) || i < 0 || i >= all.length);
  if (bad !== undefined) throw new Error(`display.convFrames: step ${bad} does not exist (the animation has steps 0..${all.length - 1})`);
  // The caption wraps at the width of the two grids and the arrow between them.
  const rowPx = (anim.padded[0].length + anim.output[0].length) * CELL_PX + 44;
  // By default as many panels per row as fit a notebook's ~900 px wide output area.
  const columns = Math.max(1, opts.columns ?? Math.min(4, Math.floor(900 / (rowPx + 22))));
  const panels = picked.map((i) => {
    const f = all[i];
    return (
      `<div style="border:1px solid #ddd;padding:6px">` +
      `<div style="display:flex;gap:10px;align-items:center">${inputGrid(anim, f)}<span style="font-size:20px">→</span>${outputGrid(anim, f)}</div>` +
      `<div style="font:12px monospace;margin-top:4px;max-width:${rowPx}px">${frameCaption(f)}</div></div>`
    );
  });
  const h = anim.padded.length - 2 * anim.padding;
  const w = anim.padded[0].length - 2 * anim.padding;
  const shape = `${h}x${w} input, ${anim.kernel.length}x${anim.kernel[0].length} kernel, padding ${anim.padding}, stride ${anim.stride} -> ${anim.output.length}x${anim.output[0].length} output`;
  const more = picked.length < all.length ? ` (showing ${picked.length} of ${all.length} steps)` : "";
  const title = `<div style="font:13px sans-serif;margin:4px 0">${escapeHtml(opts.caption ?? shape)}${escapeHtml(more)}</div>`;
  const html = `${title}<div class="cnnlab-frames" style="display:grid;grid-template-columns:repeat(${columns},max-content);gap:8px">${panels.join("")}</div>`;
  return { "text/plain": `[${shape}, ${all.length} steps${more}]\n${outputText(anim.output)}`, "text/html": html };
}

/** Shows a sliding-window animation as a sequence of frames. */
export function convFrames(anim: ConvAnimation, opts: ConvFramesOptions = {}): void {
  display(convFramesBundle(anim, opts));
}

function mapGrid(m: number[][]): string {
  return grid(m.map((r) => r.map((v) => ({ text: formatNumber(v, 3), style: STYLE.plain }))));
}

/**
 * The MIME bundle of one filter over several channels: each channel's map, then their sum
 * plus the bias, side by side ("R map + G map + B map + bias = output").
 */
export function channelFramesBundle(anim: ChannelAnimation, channelNames?: string[]): MimeBundle {
  const names = channelNames ?? anim.channels.map((_, c) => `channel ${c}`);
  if (names.length !== anim.channels.length) {
    throw new Error(`display.channelFrames: ${anim.channels.length} channels but ${names.length} names`);
  }
  const box = (label: string, body: string) =>
    `<div style="text-align:center"><div style="font:12px monospace">${escapeHtml(label)}</div>${body}</div>`;
  const sign = (s: string) => `<span style="font-size:20px;align-self:center">${s}</span>`;
  const parts: string[] = [];
  anim.channels.forEach((ch, c) => {
    if (c > 0) parts.push(sign("+"));
    parts.push(box(`${names[c]} ⋆ kernel ${c}`, mapGrid(ch.output)));
  });
  parts.push(sign("+"), box("bias", grid([[{ text: formatNumber(anim.bias, 3), style: STYLE.plain }]])), sign("="), box("output (1 channel)", mapGrid(anim.output)));
  const html = `<div style="display:flex;gap:8px;flex-wrap:wrap">${parts.join("")}</div>`;
  const text = `[${anim.channels.length} channels -> 1 output map, bias ${formatNumber(anim.bias, 4)}]\n${outputText(anim.output)}`;
  return { "text/plain": text, "text/html": html };
}

/** Shows how one filter sums its per-channel maps into a single output map. */
export function channelFrames(anim: ChannelAnimation, channelNames?: string[]): void {
  display(channelFramesBundle(anim, channelNames));
}

/** The MIME bundle of receptive-field masks, one image per depth, captioned with the field's size. */
export function receptiveFieldBundle(frames: readonly ReceptiveFieldFrame[]): MimeBundle {
  if (frames.length === 0) throw new Error("display.receptiveFields: no frames");
  const n = frames[0].mask.length;
  const images = frames.map((f) => ({ data: f.mask.flat().map((b) => (b ? 1 : 0)), height: n, width: n, channels: 1 as const }));
  return imageGridBundle(images, {
    labels: frames.map((f) => `depth ${f.depth}: ${f.size}x${f.size}`),
    range: [0, 1],
    columns: frames.length,
  });
}

/** Shows which input pixels one neuron sees at each depth of a stack. */
export function receptiveFields(frames: readonly ReceptiveFieldFrame[]): void {
  display(receptiveFieldBundle(frames));
}
