// Independent answers computed with TF.js (plain CPU backend: tiny tensors, every gradient kernel),
// for graded tests to compare submissions against.
import { createRequire } from "node:module";
import { beforeAll } from "vitest";
import type * as TF from "@tensorflow/tfjs";

// The same TF.js instance as `import * as tf from "@tensorflow/tfjs"`, loaded with require():
// under vitest an ESM import of TF.js's multi-megabyte CommonJS bundle costs ~0.8 s more per
// test file (Node scans it for named exports), and the grader runs every file in a fresh worker.
export const tf = createRequire(__filename)("@tensorflow/tfjs") as typeof import("@tensorflow/tfjs");

/** Call at the top of a test file that uses these oracles: plain CPU backend, every gradient kernel. */
export function useTfCpu(): void {
  beforeAll(async () => {
    if (!(await tf.setBackend("cpu"))) throw new Error("test/exercises/oracles.ts: TF.js's cpu backend did not start");
    await tf.ready();
  });
}

/** A single-channel image as a [1, h, w, 1] tensor. */
export function image4d(image: number[][]): TF.Tensor4D {
  return tf.tensor4d(image.flat(), [1, image.length, image[0].length, 1]);
}

/** A single-channel kernel as a [kh, kw, 1, 1] filter tensor. */
export function filter4d(kernel: number[][]): TF.Tensor4D {
  return tf.tensor4d(kernel.flat(), [kernel.length, kernel[0].length, 1, 1]);
}

/** A [1, h, w, 1] tensor back to a plain h x w matrix. */
export function toMatrix(t: TF.Tensor): number[][] {
  return (t.squeeze([0, 3]) as TF.Tensor2D).arraySync();
}

/** TF.js's valid cross-correlation (tf.conv2d) of one image with one kernel. */
export function tfCrossCorrelate(image: number[][], kernel: number[][], stride = 1): number[][] {
  return tf.tidy(() => toMatrix(tf.conv2d(image4d(image), filter4d(kernel), stride, "valid")));
}

/** Symmetric explicit zero padding, in the form tf.conv2d takes it for NHWC tensors. */
export function explicitPadding(pad: number): [[number, number], [number, number], [number, number], [number, number]] {
  return [[0, 0], [pad, pad], [pad, pad], [0, 0]];
}
