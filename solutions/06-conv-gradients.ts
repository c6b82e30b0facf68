/**
 * Exercise 06 (backpropagation in CNNs): the gradients of a convolution are convolutions.
 *
 * For a single-channel, stride-1, valid cross-correlation O = X * K, given dL/dO:
 *   dL/dK[a][b] = sum_ij X[i + a][j + b] * dL/dO[i][j]: the input cross-correlated with dL/dO
 *   dL/dX = the "full" convolution of dL/dO with K: dL/dO padded with K-1 zeros on every side,
 *           cross-correlated with K rotated by 180 degrees.
 *
 * Signatures: filterGradient(input: number[][], outputGradient: number[][]): number[][]
 *             inputGradient(kernel: number[][], outputGradient: number[][]): number[][]
 * Example: filterGradient([[1, 2], [3, 4]], [[1]]) gives [[1, 2], [3, 4]];
 *          inputGradient([[1, 2], [3, 4]], [[1]]) gives [[1, 2], [3, 4]].
 */
import { crossCorrelate2d } from "./02-cross-correlation";
import { zeroPad } from "./02-zero-padding";
import { flipKernel } from "./04-transposed-conv";

export function filterGradient(input: number[][], outputGradient: number[][]): number[][] {
  return crossCorrelate2d(input, outputGradient);
}

export function inputGradient(kernel: number[][], outputGradient: number[][]): number[][] {
  return crossCorrelate2d(zeroPad(outputGradient, kernel.length - 1, kernel[0].length - 1), flipKernel(kernel));
}
