// The tiny tensor the reference (plain-loop) convolutions work on: a shape and a flat row-major
// Float32Array, channels last (NHWC), the same layout as tf.Tensor's data. Small and explicit on
// purpose: a student can read every index computation.
import * as tf from "@tensorflow/tfjs";

export interface RefTensor {
  shape: number[];
  data: Float32Array;
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A tensor of this shape, zero-filled, or holding `values` (row-major). */
export function refTensor(shape: readonly number[], values?: ArrayLike<number>): RefTensor {
  for (const d of shape) if (!Number.isInteger(d) || d < 0) throw new Error(`refTensor: bad shape [${shape.join(", ")}]`);
  const size = sizeOf(shape);
  if (values !== undefined && values.length !== size) {
    throw new Error(`refTensor: shape [${shape.join(", ")}] holds ${size} values, got ${values.length}`);
  }
  return { shape: [...shape], data: values === undefined ? new Float32Array(size) : Float32Array.from(values) };
}

/** Copies a tf.Tensor's values out (synchronously: fine for the small tensors this is for). */
export function fromTf(t: tf.Tensor): RefTensor {
  return { shape: [...t.shape], data: Float32Array.from(t.dataSync()) };
}

/** A new tf.Tensor (the caller disposes it). */
export function toTf(r: RefTensor): tf.Tensor {
  return tf.tensor(r.data, r.shape, "float32");
}

/** A single-channel image written as rows, as the lectures print them: shape [1, H, W, 1]. */
export function fromRows(rows: readonly (readonly number[])[]): RefTensor {
  const h = rows.length;
  const w = h === 0 ? 0 : rows[0].length;
  if (rows.some((r) => r.length !== w)) throw new Error("fromRows: every row must have the same length");
  return refTensor([1, h, w, 1], rows.flat());
}

/** A 2D kernel written as rows: shape [kh, kw, 1, 1] (TF.js filter layout, one in and one out channel). */
export function kernelFromRows(rows: readonly (readonly number[])[]): RefTensor {
  const k = fromRows(rows);
  return refTensor([k.shape[1], k.shape[2], 1, 1], k.data);
}

/** Back to rows for a single image and channel ([1, H, W, 1], [H, W, 1] or [H, W]). */
export function toRows(r: RefTensor): number[][] {
  const s = r.shape;
  const ok = (s.length === 4 && s[0] === 1 && s[3] === 1) || (s.length === 3 && s[2] === 1) || s.length === 2;
  if (!ok) throw new Error(`toRows: expects one single-channel image, got shape [${s.join(", ")}]`);
  const [h, w] = s.length === 4 ? [s[1], s[2]] : [s[0], s[1]];
  return Array.from({ length: h }, (_, i) => Array.from(r.data.subarray(i * w, (i + 1) * w)));
}

/** Row-major strides: how far one step along each axis moves in `data`. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** Largest |a - b| / max(|b|, 1) over all values; throws if the shapes differ. */
export function maxRelativeError(a: RefTensor, b: RefTensor): number {
  if (a.shape.join() !== b.shape.join()) throw new Error(`maxRelativeError: shapes differ: [${a.shape.join(", ")}] vs [${b.shape.join(", ")}]`);
  let worst = 0;
  for (let i = 0; i < a.data.length; i++) {
    worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]) / Math.max(Math.abs(b.data[i]), 1));
  }
  return worst;
}
