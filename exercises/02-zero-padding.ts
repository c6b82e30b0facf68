/**
 * Exercise 02 (padding): zero padding of an image, and the padding that keeps the size ("same").
 *
 * zeroPad(image, padRows, padCols): return a NEW image with `padRows` rows of zeros above and
 * below and `padCols` columns of zeros left and right of `image` (do not modify the input).
 * samePadding(kernelSize): return [before, after], the zeros to add before and after the input
 * along one axis so that a stride-1 convolution with this kernel size keeps the input's size.
 * When the total is odd, TF.js (like TensorFlow) puts the extra zero after (bottom / right).
 *
 * Signatures: zeroPad(image: number[][], padRows: number, padCols = padRows): number[][]
 *             samePadding(kernelSize: number): [before: number, after: number]
 * Example: zeroPad([[1, 2]], 1, 0) gives [[0, 0], [1, 2], [0, 0]]; samePadding(3) gives [1, 1].
 */
export function zeroPad(image: number[][], padRows: number, padCols = padRows): number[][] {
  throw new Error("TODO: zeroPad (exercises/02-zero-padding.ts)");
}

export function samePadding(kernelSize: number): [before: number, after: number] {
  throw new Error("TODO: samePadding (exercises/02-zero-padding.ts)");
}
