/**
 * Exercise 04 (convolution variants): transposed convolution computed with a regular convolution.
 *
 * A transposed convolution with stride S ("valid", output (N-1)S + K) equals a stride-1 valid
 * cross-correlation of: the input with S-1 zeros inserted between neighbouring pixels, padded
 * with K-1 zeros on every side, and the kernel rotated by 180 degrees.
 *
 * Signatures: insertZeros(input: number[][], stride: number): number[][]
 *             flipKernel(kernel: number[][]): number[][]
 *             transposedConv2d(input: number[][], kernel: number[][], stride: number): number[][]
 * Example: insertZeros([[1, 2], [3, 4]], 2) gives [[1, 0, 2], [0, 0, 0], [3, 0, 4]];
 *          flipKernel([[1, 2], [3, 4]]) gives [[4, 3], [2, 1]];
 *          transposedConv2d([[1]], [[1, 2], [3, 4]], 1) gives [[1, 2], [3, 4]].
 */
import { crossCorrelate2d } from "./02-cross-correlation";
import { zeroPad } from "./02-zero-padding";

export function insertZeros(input: number[][], stride: number): number[][] {
  const h = (input.length - 1) * stride + 1;
  const w = (input[0].length - 1) * stride + 1;
  const out = Array.from({ length: h }, () => new Array<number>(w).fill(0));
  input.forEach((row, i) => row.forEach((v, j) => (out[i * stride][j * stride] = v)));
  return out;
}

export function flipKernel(kernel: number[][]): number[][] {
  return kernel.map((row) => [...row].reverse()).reverse();
}

export function transposedConv2d(input: number[][], kernel: number[][], stride: number): number[][] {
  const padded = zeroPad(insertZeros(input, stride), kernel.length - 1, kernel[0].length - 1);
  return crossCorrelate2d(padded, flipKernel(kernel));
}
