// Tensors and pixel arrays as PNG images (pngjs), single or as a grid, upscaled with nearest
// neighbour so that a 28x28 digit is big enough to see.
import { PNG } from "pngjs";
import { tf } from "../backend";
import { escapeHtml } from "./format";
import { display, type MimeBundle } from "./publish";

export type PixelArray = Float32Array | Uint8Array | Uint8ClampedArray | Int32Array | number[];

/** Pixels in row-major HWC order (channels 1 = grey, 3 = RGB, 4 = RGBA). */
export interface RawImage {
  data: PixelArray;
  height: number;
  width: number;
  channels?: 1 | 3 | 4;
}

/**
 * A [H,W], [H,W,C] or [1,H,W,C] tensor (C = 1, 3 or 4), a RawImage, or a bare pixel array of
 * a square grey image (784 values -> 28x28).
 */
export type ImageSource = tf.Tensor | RawImage | PixelArray;

export interface ImageOptions {
  /**
   * Value range mapped to 0..255. Default: 0..255 for integer data (Uint8Array, int32 tensors),
   * 0..1 for float data already inside [0,1], otherwise the image's own min..max.
   */
  range?: [number, number];
  /**
   * Integer nearest-neighbour upscaling factor. Default: enough to make the longer side about
   * 200 px for one image (a 28x28 digit is shown x7) and about 84 px per image in a grid, at most 8.
   */
  scale?: number;
}

export interface GridOptions extends ImageOptions {
  /** One caption per image: the grid becomes HTML (image + caption cells) instead of one PNG. */
  labels?: (string | number)[];
  /** Images per row (default: the one PNG is roughly square, at most 10 wide; the HTML grid fills the width). */
  columns?: number;
  /** Pixels between images in the single-PNG grid (default 2). */
  gap?: number;
}

/** An 8-bit image ready for encoding. */
export interface Bytes {
  data: Uint8Array;
  height: number;
  width: number;
  channels: 1 | 3 | 4;
}

interface Pixels {
  data: ArrayLike<number>;
  height: number;
  width: number;
  channels: 1 | 3 | 4;
  integer: boolean;
}

function checkChannels(c: number, what: string): 1 | 3 | 4 {
  if (c === 1 || c === 3 || c === 4) return c;
  throw new Error(`display.image: ${what} has ${c} channels; expected 1 (grey), 3 (RGB) or 4 (RGBA)`);
}

function tensorPixels(t: tf.Tensor): Pixels {
  let shape = t.shape;
  if (shape.length === 4 && shape[0] === 1) shape = shape.slice(1);
  if (shape.length !== 2 && shape.length !== 3) {
    throw new Error(`display.image: expected a [H,W], [H,W,C] or [1,H,W,C] tensor, got shape [${t.shape.join(",")}] (use imageGrid for a batch)`);
  }
  const channels = checkChannels(shape.length === 3 ? shape[2] : 1, `tensor of shape [${t.shape.join(",")}]`);
  return { data: t.dataSync(), height: shape[0], width: shape[1], channels, integer: t.dtype !== "float32" };
}

function toPixels(src: ImageSource): Pixels {
  if (src instanceof tf.Tensor) return tensorPixels(src);
  if (Array.isArray(src) || ArrayBuffer.isView(src)) {
    const side = Math.round(Math.sqrt(src.length));
    if (side * side !== src.length) {
      throw new Error(`display.image: a bare array of ${src.length} values is not a square grey image; pass {data, height, width, channels}`);
    }
    return { data: src, height: side, width: side, channels: 1, integer: isIntegerArray(src) };
  }
  const { data, height, width } = src;
  const channels = checkChannels(src.channels ?? 1, "RawImage");
  if (data.length !== height * width * channels) {
    throw new Error(`display.image: RawImage has ${data.length} values but ${height}x${width}x${channels} = ${height * width * channels}`);
  }
  return { data, height, width, channels, integer: isIntegerArray(data) };
}

function isIntegerArray(a: PixelArray): boolean {
  return a instanceof Uint8Array || a instanceof Uint8ClampedArray || a instanceof Int32Array;
}

function valueRange(p: Pixels, forced: [number, number] | undefined): [number, number] {
  if (forced) return forced;
  if (p.integer) return [0, 255];
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < p.data.length; i++) {
    const v = p.data[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return [0, 1]; // empty or all NaN
  if (lo >= 0 && hi <= 1) return [0, 1];
  return [lo, hi === lo ? lo + 1 : hi];
}

/** Maps an image's values to 0..255 (see ImageOptions.range), without upscaling. */
export function toBytes(src: ImageSource, range?: [number, number]): Bytes {
  const p = toPixels(src);
  const [lo, hi] = valueRange(p, range);
  const k = 255 / (hi - lo);
  const out = new Uint8Array(p.data.length);
  for (let i = 0; i < out.length; i++) {
    const v = (p.data[i] - lo) * k;
    out[i] = v > 0 ? (v < 255 ? Math.round(v) : 255) : 0; // NaN -> 0
  }
  return { data: out, height: p.height, width: p.width, channels: p.channels };
}

/** The default upscaling factor: the longer side about `target` px, between 1 and 8. */
export function autoScale(height: number, width: number, target = 200): number {
  return Math.max(1, Math.min(8, Math.floor(target / Math.max(height, width))));
}

/** Nearest-neighbour upscaling by an integer factor. */
export function upscale(img: Bytes, factor: number): Bytes {
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`display.image: scale must be a positive integer, got ${factor}`);
  if (factor === 1) return img;
  const { height: h, width: w, channels: c } = img;
  const W = w * factor;
  const out = new Uint8Array(h * factor * W * c);
  for (let y = 0; y < h; y++) {
    const row = new Uint8Array(W * c);
    for (let x = 0; x < w; x++) {
      for (let r = 0; r < factor; r++) row.set(img.data.subarray((y * w + x) * c, (y * w + x + 1) * c), (x * factor + r) * c);
    }
    for (let r = 0; r < factor; r++) out.set(row, (y * factor + r) * W * c);
  }
  return { data: out, height: h * factor, width: W, channels: c };
}

const PNG_COLOR_TYPE = { 1: 0, 3: 2, 4: 6 } as const;

/** Encodes 8-bit pixels as PNG (grey, RGB or RGBA, as given). */
export function encodePng(img: Bytes): Buffer {
  const colorType = PNG_COLOR_TYPE[img.channels];
  const png = new PNG({ width: img.width, height: img.height });
  png.data = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  return PNG.sync.write(png, { colorType, inputColorType: colorType, inputHasAlpha: img.channels === 4 });
}

function describe(img: Bytes): string {
  return `${img.height}x${img.width} ${img.channels === 1 ? "grey" : img.channels === 3 ? "RGB" : "RGBA"}`;
}

/** One image, scaled to 0..255 and upscaled, as PNG bytes. */
export function imagePng(src: ImageSource, opts: ImageOptions = {}): { png: Buffer; image: Bytes; scale: number } {
  const bytes = toBytes(src, opts.range);
  const scale = opts.scale ?? autoScale(bytes.height, bytes.width);
  const image = upscale(bytes, scale);
  return { png: encodePng(image), image: bytes, scale };
}

/** The MIME bundle (image/png + text/plain) of one image. */
export function imageBundle(src: ImageSource, opts: ImageOptions = {}): MimeBundle {
  const { png, image, scale } = imagePng(src, opts);
  return { "text/plain": `[image ${describe(image)}${scale > 1 ? `, shown x${scale}` : ""}]`, "image/png": png.toString("base64") };
}

/** Shows a tensor or pixel array as an image. */
export function image(src: ImageSource, opts: ImageOptions = {}): void {
  display(imageBundle(src, opts));
}

/** Splits a [N,H,W] or [N,H,W,C] tensor into RawImages (one download, no per-image tensors). */
function splitBatch(t: tf.Tensor): RawImage[] {
  if (t.rank !== 3 && t.rank !== 4) throw new Error(`display.imageGrid: expected a [N,H,W] or [N,H,W,C] tensor, got shape [${t.shape.join(",")}]`);
  const [n, height, width] = t.shape;
  const channels = checkChannels(t.rank === 4 ? (t.shape[3] ?? 1) : 1, `batch of shape [${t.shape.join(",")}]`);
  const all = t.dataSync();
  const size = height * width * channels;
  // int32 data keeps its integer meaning (0..255) through the split.
  const slice = (i: number) => (t.dtype === "float32" ? all.subarray(i * size, (i + 1) * size) : Int32Array.from(all.subarray(i * size, (i + 1) * size)));
  return Array.from({ length: n }, (_, i) => ({ data: slice(i) as PixelArray, height, width, channels }));
}

function toRgb(img: Bytes, channels: 1 | 3 | 4): Uint8Array {
  if (img.channels === channels) return img.data;
  const out = new Uint8Array(img.height * img.width * channels).fill(255);
  for (let i = 0; i < img.height * img.width; i++) {
    for (let c = 0; c < 3 && c < channels; c++) out[i * channels + c] = img.data[i * img.channels + (img.channels === 1 ? 0 : c)];
  }
  return out;
}

/** Lays equally sized images out on a white background, `gap` pixels apart. */
function composeGrid(images: Bytes[], columns: number, gap: number): Bytes {
  const { height: h, width: w } = images[0];
  const bad = images.find((im) => im.height !== h || im.width !== w);
  if (bad) throw new Error(`display.imageGrid: images differ in size (${h}x${w} and ${bad.height}x${bad.width}); pass labels for an HTML grid, which allows that`);
  const channels = images.some((im) => im.channels === 4) ? 4 : images.some((im) => im.channels === 3) ? 3 : 1;
  const rows = Math.ceil(images.length / columns);
  const W = columns * w + (columns - 1) * gap;
  const H = rows * h + (rows - 1) * gap;
  const out = new Uint8Array(H * W * channels).fill(255);
  images.forEach((im, k) => {
    const data = toRgb(im, channels);
    const x0 = (k % columns) * (w + gap);
    const y0 = Math.floor(k / columns) * (h + gap);
    for (let y = 0; y < h; y++) out.set(data.subarray(y * w * channels, (y + 1) * w * channels), ((y0 + y) * W + x0) * channels);
  });
  return { data: out, height: H, width: W, channels };
}

/**
 * The MIME bundle of several images: one PNG (image/png) laid out in a grid, or with `labels`
 * an HTML grid (text/html) of small PNGs with captions. Both carry a text/plain summary.
 */
export function imageGridBundle(images: tf.Tensor | ImageSource[], opts: GridOptions = {}): MimeBundle {
  const sources = images instanceof tf.Tensor ? splitBatch(images) : images;
  if (sources.length === 0) throw new Error("display.imageGrid: no images");
  if (opts.labels && opts.labels.length !== sources.length) {
    throw new Error(`display.imageGrid: ${sources.length} images but ${opts.labels.length} labels`);
  }
  const bytes = sources.map((s) => toBytes(s, opts.range));
  const scale = opts.scale ?? autoScale(bytes[0].height, bytes[0].width, 84);
  const scaled = bytes.map((b) => upscale(b, scale));
  const columns = Math.max(1, Math.min(opts.columns ?? Math.min(10, Math.ceil(Math.sqrt(sources.length))), sources.length));
  const perRow = opts.labels && opts.columns === undefined ? "" : `, ${columns} per row`;
  const summary = `[${sources.length} image${sources.length === 1 ? "" : "s"} ${describe(bytes[0])}${scale > 1 ? ` shown x${scale}` : ""}${perRow}]`;
  if (opts.labels) {
    const labels = opts.labels.map(String);
    const cells = scaled.map(
      (im, i) =>
        `<figure style="margin:0;text-align:center"><img src="data:image/png;base64,${encodePng(im).toString("base64")}" ` +
        `width="${im.width}" height="${im.height}" style="image-rendering:pixelated"/>` +
        `<figcaption style="font:12px monospace">${escapeHtml(labels[i])}</figcaption></figure>`,
    );
    // Without a column count, as many per row as the page is wide.
    const layout = opts.columns === undefined ? "display:flex;flex-wrap:wrap" : `display:grid;grid-template-columns:repeat(${columns},max-content)`;
    const html = `<div class="cnnlab-grid" style="${layout};gap:8px">${cells.join("")}</div>`;
    return { "text/plain": `${summary}\nlabels: ${labels.join(", ")}`, "text/html": html };
  }
  const grid = composeGrid(scaled, columns, opts.gap ?? 2);
  return { "text/plain": summary, "image/png": encodePng(grid).toString("base64") };
}

/** Shows a batch tensor or a list of images as a grid (with captions when labels are given). */
export function imageGrid(images: tf.Tensor | ImageSource[], opts: GridOptions = {}): void {
  display(imageGridBundle(images, opts));
}
