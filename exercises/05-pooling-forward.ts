/**
 * Exercise 05 (CNN layers): the forward pass of max and average pooling, with plain arrays.
 *
 * Slide a size x size window `stride` pixels at a time over `image`, only where it fits entirely
 * (no padding). Each output pixel is the largest value in the window ("max") or the mean of the
 * window ("avg"). Write the loops yourself (no TF.js); do not modify the input.
 *
 * Signature: pool2d(image: number[][], size: number, stride: number, mode: "max" | "avg"): number[][]
 * Example: pool2d([[1, 2, 5, 6], [3, 4, 7, 8]], 2, 2, "max") gives [[4, 8]];
 *          with "avg" it gives [[2.5, 6.5]].
 */
export function pool2d(image: number[][], size: number, stride: number, mode: "max" | "avg"): number[][] {
  throw new Error("TODO: pool2d (exercises/05-pooling-forward.ts)");
}
