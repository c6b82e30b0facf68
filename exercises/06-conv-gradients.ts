/**
 * Exercise 06 (backpropagation in CNNs): the gradients of a convolution are convolutions.
 *
 * A conv layer computes O = X * K: a single-channel, stride-1, valid cross-correlation of the
 * input X with the kernel K. Backpropagation hands it dL/dO (same shape as O). Return:
 *   filterGradient: dL/dK (same shape as K), itself a cross-correlation of X with dL/dO;
 *   inputGradient:  dL/dX (same shape as X), the "full" convolution of dL/dO with K
 *                   (dL/dO padded with K-1 zeros on every side, cross-correlated with K rotated 180 degrees).
 * You may import your own answers from ./02-cross-correlation, ./02-zero-padding and
 * ./04-transposed-conv. Do not modify the inputs.
 *
 * Signatures: filterGradient(input: number[][], outputGradient: number[][]): number[][]
 *             inputGradient(kernel: number[][], outputGradient: number[][]): number[][]
 * Example: filterGradient([[1, 2], [3, 4]], [[1]]) gives [[1, 2], [3, 4]];
 *          inputGradient([[1, 2], [3, 4]], [[1]]) gives [[1, 2], [3, 4]].
 */
export function filterGradient(input: number[][], outputGradient: number[][]): number[][] {
  throw new Error("TODO: filterGradient (exercises/06-conv-gradients.ts)");
}

export function inputGradient(kernel: number[][], outputGradient: number[][]): number[][] {
  throw new Error("TODO: inputGradient (exercises/06-conv-gradients.ts)");
}
