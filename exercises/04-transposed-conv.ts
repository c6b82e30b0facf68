/**
 * Exercise 04 (convolution variants): transposed convolution computed with a regular convolution.
 *
 * A transposed convolution (stride S, no padding: an N x N input and K x K kernel give
 * (N-1)S + K outputs per side) can be emulated by an ordinary stride-1 cross-correlation:
 * 1. insertZeros(input, stride): put S-1 zeros between neighbouring pixels (rows and columns);
 * 2. pad that with K-1 zeros on every side (kernel height - 1 rows, kernel width - 1 columns);
 * 3. flipKernel(kernel): rotate the kernel by 180 degrees;
 * 4. transposedConv2d: cross-correlate the padded image with the flipped kernel.
 * You may import your own answers: `import { crossCorrelate2d } from "./02-cross-correlation"`
 * and `import { zeroPad } from "./02-zero-padding"`. Do not modify the inputs.
 *
 * Signatures: insertZeros(input: number[][], stride: number): number[][]
 *             flipKernel(kernel: number[][]): number[][]
 *             transposedConv2d(input: number[][], kernel: number[][], stride: number): number[][]
 * Example: insertZeros([[1, 2], [3, 4]], 2) gives [[1, 0, 2], [0, 0, 0], [3, 0, 4]];
 *          flipKernel([[1, 2], [3, 4]]) gives [[4, 3], [2, 1]];
 *          transposedConv2d([[1]], [[1, 2], [3, 4]], 1) gives [[1, 2], [3, 4]].
 */
export function insertZeros(input: number[][], stride: number): number[][] {
  throw new Error("TODO: insertZeros (exercises/04-transposed-conv.ts)");
}

export function flipKernel(kernel: number[][]): number[][] {
  throw new Error("TODO: flipKernel (exercises/04-transposed-conv.ts)");
}

export function transposedConv2d(input: number[][], kernel: number[][], stride: number): number[][] {
  throw new Error("TODO: transposedConv2d (exercises/04-transposed-conv.ts)");
}
