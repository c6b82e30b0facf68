// The classic image-processing kernels of lecture 003's filter gallery, and the lectures' worked
// examples, as data plus one way to apply a kernel to an image. Convolution here is
// cross-correlation (no kernel flip), as in the lectures' formula and in TF.js's conv2d.
import * as tf from "@tensorflow/tfjs";

/** A square matrix of numbers, row by row. */
export type FilterMatrix = readonly (readonly number[])[];

export type FilterId =
  | "identity"
  | "edge-diagonal"
  | "edge-laplacian-4"
  | "edge-laplacian-8"
  | "sharpen"
  | "box-blur"
  | "gaussian-blur"
  | "x-kernel";

export interface ImageFilter {
  id: FilterId;
  /** Short readable name for tables and captions. */
  name: string;
  /** The operation as lecture 003's gallery names it. */
  operation: string;
  /** The integer entries exactly as the lecture prints them. */
  entries: FilterMatrix;
  /** The factor the lecture writes in front: the kernel is entries / divisor (9 for 1/9). */
  divisor: number;
}

function filter(id: FilterId, name: string, operation: string, entries: FilterMatrix, divisor = 1): ImageFilter {
  return { id, name, operation, entries, divisor };
}

/** Lecture 003, "Convolutional Layer": the gallery table, in the lecture's order. */
export const FILTER_GALLERY: readonly ImageFilter[] = [
  filter("identity", "Identity", "Identity", [[0, 0, 0], [0, 1, 0], [0, 0, 0]]),
  filter("edge-diagonal", "Edge (diagonal)", "Edge detection", [[1, 0, -1], [0, 0, 0], [-1, 0, 1]]),
  filter("edge-laplacian-4", "Edge (4-neighbour Laplacian)", "Edge detection", [[0, 1, 0], [1, -4, 1], [0, 1, 0]]),
  filter("edge-laplacian-8", "Edge (8-neighbour Laplacian)", "Edge detection", [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]),
  filter("sharpen", "Sharpen", "Sharpen", [[0, -1, 0], [-1, 5, -1], [0, -1, 0]]),
  filter("box-blur", "Box blur", "Box blur (normalized)", [[1, 1, 1], [1, 1, 1], [1, 1, 1]], 9),
  filter("gaussian-blur", "Gaussian blur", "Gaussian blur (approximation)", [[1, 2, 1], [2, 4, 2], [1, 2, 1]], 16),
];

/** Lecture 003, "Implementation: the convolution operation": the X-shaped weight filter. */
export const X_KERNEL: ImageFilter = filter("x-kernel", "X kernel", "Weight filter (lecture 003)", [[1, 0, 1], [0, 1, 0], [1, 0, 1]]);

const ALL_FILTERS: readonly ImageFilter[] = [...FILTER_GALLERY, X_KERNEL];

/** The filter with this id; throws naming the known ids otherwise. */
export function getFilter(id: FilterId): ImageFilter {
  const f = ALL_FILTERS.find((x) => x.id === id);
  if (!f) throw new Error(`filters: no filter '${id}'; known: ${ALL_FILTERS.map((x) => x.id).join(", ")}`);
  return f;
}

/** The kernel's real values (entries / divisor). */
export function kernelValues(f: ImageFilter): number[][] {
  return f.entries.map((row) => row.map((v) => v / f.divisor));
}

/** Sum of all kernel values: 1 keeps a flat region's brightness, 0 turns it black. */
export function kernelSum(f: ImageFilter): number {
  return kernelValues(f).flat().reduce((a, b) => a + b, 0);
}

/** Checks a kernel is a non-empty rectangle of finite numbers; returns [rows, cols]. */
export function kernelShape(kernel: FilterMatrix, what = "kernel"): [number, number] {
  const rows = kernel.length;
  const cols = rows > 0 ? kernel[0].length : 0;
  if (rows === 0 || cols === 0) throw new Error(`${what}: empty matrix`);
  for (const [i, row] of kernel.entries()) {
    if (row.length !== cols) throw new Error(`${what}: row ${i} has ${row.length} entries, row 0 has ${cols}`);
    if (!row.every(Number.isFinite)) throw new Error(`${what}: row ${i} holds a non-finite number`);
  }
  return [rows, cols];
}

type Pad4d = [[number, number], [number, number], [number, number], [number, number]];

// TF's "same" rule written out (out = ceil(in / stride), the odd pixel after), because the
// wasm backend's conv2d given "same" returns wrong values when stride > kernel (e.g. a 3x3
// kernel at stride 4: TF's total padding is negative there and wasm does not clamp it to 0;
// tensorflow/tfjs issues 5907 and 8405).
function samePadding4d(h: number, w: number, kh: number, kw: number, stride: number): Pad4d {
  const axis = (size: number, k: number): [number, number] => {
    const total = Math.max((Math.ceil(size / stride) - 1) * stride + k - size, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  };
  return [[0, 0], axis(h, kh), axis(w, kw), [0, 0]];
}

function isImageFilter(k: ImageFilter | FilterMatrix): k is ImageFilter {
  return !Array.isArray(k);
}

export interface ApplyFilterOptions {
  /** "same" zero-pads so the output keeps the input's size; "valid" (default) does not pad. */
  padding?: "same" | "valid";
  /** Step of the window in both directions (default 1). */
  stride?: number;
  /** Clamp the result to [0, 1], as an image editor does before showing it. Default false. */
  clip?: boolean;
}

/**
 * Applies one 2D kernel to every channel of an image separately (cross-correlation):
 * [H, W] -> [H', W'], [H, W, C] -> [H', W', C]. Returns a new tensor the caller disposes.
 */
export function applyFilter<T extends tf.Tensor2D | tf.Tensor3D>(
  image: T,
  kernel: ImageFilter | FilterMatrix,
  options: ApplyFilterOptions = {},
): T {
  const named = isImageFilter(kernel);
  const values = named ? kernelValues(kernel) : kernel;
  const [kh, kw] = kernelShape(values, named ? `filter '${kernel.id}'` : "kernel");
  if (image.rank !== 2 && image.rank !== 3) {
    throw new Error(`applyFilter: image must be [H, W] or [H, W, C], got shape [${image.shape}]`);
  }
  const padding = options.padding ?? "valid";
  const stride = options.stride ?? 1;
  if (!Number.isInteger(stride) || stride < 1) throw new Error(`applyFilter: stride must be a positive integer, got ${stride}`);
  if (padding === "valid" && (image.shape[0] < kh || image.shape[1] < kw)) {
    throw new Error(`applyFilter: a ${kh}x${kw} kernel does not fit a ${image.shape[0]}x${image.shape[1]} image without padding`);
  }
  return tf.tidy(() => {
    const hwc = image.rank === 2 ? tf.expandDims(image as tf.Tensor2D, 2) : (image as tf.Tensor3D);
    // Channels become the batch so one [kh, kw, 1, 1] kernel filters each of them alike.
    const batch = tf.expandDims(tf.transpose(hwc, [2, 0, 1]), 3) as tf.Tensor4D;
    const k = tf.tensor4d(values.flat(), [kh, kw, 1, 1]);
    const pad = padding === "same" ? samePadding4d(image.shape[0], image.shape[1], kh, kw, stride) : "valid";
    let out = tf.transpose(tf.squeeze(tf.conv2d(batch, k, stride, pad), [3]), [1, 2, 0]) as tf.Tensor3D;
    if (options.clip) out = tf.clipByValue(out, 0, 1);
    return (image.rank === 2 ? tf.squeeze(out, [2]) : out) as T;
  });
}

/** A worked example from a lecture: an input, a kernel, and the output the slide prints. */
export interface WorkedExample {
  id: string;
  /** Where it is in the lectures. */
  source: string;
  input: FilterMatrix;
  kernel: FilterMatrix;
  /**
   * What the slide prints, kept to compare against (never used as a result): the full output
   * map, or only its first entries when the slide shows just those (row-major, from the top left).
   */
  slideShows: readonly number[];
}

export const WORKED_EXAMPLES: readonly WorkedExample[] = [
  {
    id: "lecture-002-5x5",
    source: "lecture 002, The Convolution Process: 5x5 input, 3x3 kernel (the subscripts), stride 1, no padding",
    input: [
      [3, 3, 2, 1, 0],
      [0, 0, 1, 3, 1],
      [3, 1, 2, 2, 3],
      [2, 0, 0, 2, 2],
      [2, 0, 0, 0, 1],
    ],
    kernel: [[0, 1, 2], [2, 2, 0], [0, 1, 2]],
    slideShows: [12, 12, 17, 10, 17, 19, 9, 6, 14],
  },
  {
    id: "lecture-003-binary-x",
    source: "lecture 003, Implementation: the convolution operation: binary 5x5 image, X kernel (the subscripts)",
    input: [
      [1, 1, 1, 0, 0],
      [0, 1, 1, 1, 0],
      [0, 0, 1, 1, 1],
      [0, 0, 1, 1, 0],
      [0, 1, 1, 0, 0],
    ],
    kernel: X_KERNEL.entries,
    slideShows: [4],
  },
];

/** The worked example with this id; throws naming the known ids otherwise. */
export function getWorkedExample(id: string): WorkedExample {
  const e = WORKED_EXAMPLES.find((x) => x.id === id);
  if (!e) throw new Error(`filters: no worked example '${id}'; known: ${WORKED_EXAMPLES.map((x) => x.id).join(", ")}`);
  return e;
}

/**
 * Top-left corner of the size x size window of an image ([H, W] or [H, W, C], channels
 * averaged) whose grey levels vary most: where a small worked example shows an edge rather
 * than a flat patch.
 */
export function highestContrastWindow(image: tf.Tensor2D | tf.Tensor3D, size: number): { top: number; left: number } {
  if (!Number.isInteger(size) || size < 1 || size > image.shape[0] || size > image.shape[1]) {
    throw new Error(`highestContrastWindow: a ${size}x${size} window does not fit a ${image.shape[0]}x${image.shape[1]} image`);
  }
  const [index, width] = tf.tidy(() => {
    const grey = image.rank === 2 ? tf.expandDims(image as tf.Tensor2D, 2) : tf.mean(image as tf.Tensor3D, 2, true);
    const mean = tf.avgPool(grey as tf.Tensor3D, size, 1, "valid");
    const meanOfSquares = tf.avgPool(tf.square(grey) as tf.Tensor3D, size, 1, "valid");
    const variance = tf.sub(meanOfSquares, tf.square(mean));
    return [tf.argMax(tf.reshape(variance, [-1])).dataSync()[0], mean.shape[1]];
  });
  return { top: Math.floor(index / width), left: index % width };
}
