// The (images, labels) pairs fit and evaluate take: a loaded lab.data Dataset, or tensors.
// Checked once; labels become an int32 tensor.
import * as tf from "@tensorflow/tfjs";
import { Dataset } from "../data";

export type LabeledData = Dataset | LabeledTensors;

export interface LabeledTensors {
  /** Inputs, first axis = examples (NHWC images or flat vectors), float32. */
  x: tf.Tensor;
  /** Integer class ids, one per example. */
  y: tf.Tensor1D | ArrayLike<number>;
  classNames?: readonly string[];
}

export interface PreparedData {
  x: tf.Tensor;
  y: tf.Tensor1D;
  count: number;
  classNames?: readonly string[];
  /** True when x / y were made here and must be disposed by releaseData. */
  ownsX: boolean;
  ownsY: boolean;
}

export function prepareData(d: LabeledData, what: string): PreparedData {
  if (d instanceof Dataset) {
    const { xs, ys } = d.tensors();
    return { x: xs, y: ys, count: d.count, classNames: d.classNames, ownsX: true, ownsY: true };
  }
  if (!d || !(d.x instanceof tf.Tensor)) throw new Error(`${what}: expected a lab.data Dataset or {x: tf.Tensor, y: labels}, got ${typeof d}`);
  if (d.x.isDisposed) throw new Error(`${what}: x has been disposed`);
  const count = d.x.shape[0];
  if (!(count > 0)) throw new Error(`${what}: x has no examples (shape [${d.x.shape.join(", ")}])`);
  let y: tf.Tensor1D;
  let ownsY = false;
  if (d.y instanceof tf.Tensor) {
    if (d.y.rank !== 1) throw new Error(`${what}: y must be rank 1 (class ids), got shape [${d.y.shape.join(", ")}]`);
    y = d.y.dtype === "int32" ? d.y : (((ownsY = true), tf.cast(d.y, "int32")) as tf.Tensor1D);
  } else {
    y = tf.tensor1d(Int32Array.from(d.y as ArrayLike<number>), "int32");
    ownsY = true;
  }
  if (y.shape[0] !== count) {
    if (ownsY) y.dispose();
    throw new Error(`${what}: ${count} inputs but ${y.shape[0]} labels`);
  }
  return { x: d.x, y, count, classNames: d.classNames, ownsX: false, ownsY };
}

export function releaseData(p: PreparedData): void {
  if (p.ownsX) p.x.dispose();
  if (p.ownsY) p.y.dispose();
}

/** Number of classes: the model's output width. */
export function outputClasses(model: tf.LayersModel): number {
  const shape = model.outputs[0].shape;
  const c = shape[shape.length - 1];
  if (shape.length !== 2 || typeof c !== "number") throw new Error(`model '${model.name}' must output [batch, classes] logits, got shape [${shape.join(", ")}]`);
  return c;
}
