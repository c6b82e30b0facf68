/**
 * Exercise 02 (padding): zero padding of an image, and the padding that keeps the size ("same").
 *
 * zeroPad(image, padRows, padCols): a new image with `padRows` rows of zeros above and below and
 * `padCols` columns of zeros left and right.
 * samePadding(kernelSize): how many zeros go before and after the input along one axis so that a
 * stride-1 convolution keeps its size: kernelSize - 1 in all; when that is odd, TF.js (and
 * TensorFlow) put the extra zero AFTER (bottom / right).
 *
 * Signatures: zeroPad(image: number[][], padRows: number, padCols = padRows): number[][]
 *             samePadding(kernelSize: number): [before: number, after: number]
 * Example: zeroPad([[1, 2]], 1, 0) gives [[0, 0], [1, 2], [0, 0]]; samePadding(3) gives [1, 1].
 */
export function zeroPad(image: number[][], padRows: number, padCols = padRows): number[][] {
  const width = image[0].length + 2 * padCols;
  const zeros = (): number[] => new Array<number>(width).fill(0);
  const side = new Array<number>(padCols).fill(0);
  return [
    ...Array.from({ length: padRows }, zeros),
    ...image.map((row) => [...side, ...row, ...side]),
    ...Array.from({ length: padRows }, zeros),
  ];
}

export function samePadding(kernelSize: number): [before: number, after: number] {
  const total = kernelSize - 1;
  const before = Math.floor(total / 2);
  return [before, total - before];
}
