/**
 * Exercise 05 (CNN layers): the forward pass of max and average pooling, with plain arrays.
 *
 * A size x size window moves `stride` pixels at a time over the image, only where it fits
 * ("valid"); each output pixel is the largest ("max") or the mean ("avg") of the window.
 *
 * Signature: pool2d(image: number[][], size: number, stride: number, mode: "max" | "avg"): number[][]
 * Example: pool2d([[1, 2, 5, 6], [3, 4, 7, 8]], 2, 2, "max") gives [[4, 8]];
 *          with "avg" it gives [[2.5, 6.5]].
 */
export function pool2d(image: number[][], size: number, stride: number, mode: "max" | "avg"): number[][] {
  const outH = Math.floor((image.length - size) / stride) + 1;
  const outW = Math.floor((image[0].length - size) / stride) + 1;
  return Array.from({ length: outH }, (_, i) =>
    Array.from({ length: outW }, (_, j) => {
      const window: number[] = [];
      for (let a = 0; a < size; a++) window.push(...image[i * stride + a].slice(j * stride, j * stride + size));
      return mode === "max" ? Math.max(...window) : window.reduce((s, v) => s + v, 0) / window.length;
    }),
  );
}
