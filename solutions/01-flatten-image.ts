/**
 * Exercise 01 (images as data): an image as the vector an MLP sees, and what that costs.
 *
 * flattenImage(image): the height x width x channels image `image[row][col][channel]` as one
 * vector, row by row, each pixel's channels together (the order of tf.reshape on an HWC tensor).
 * denseParamsForImage(height, width, channels, units): the parameters of a fully connected layer
 * from the flattened image to `units` neurons (one weight per input value per neuron, plus a bias each).
 *
 * Signatures: flattenImage(image: number[][][]): number[]
 *             denseParamsForImage(height: number, width: number, channels: number, units: number): number
 * Example: flattenImage([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]) gives [1, 2, 3, 4, 5, 6, 7, 8];
 *          denseParamsForImage(224, 224, 3, 1) === 150529 (lecture 002: 150,528 inputs + 1 bias).
 */
export function flattenImage(image: number[][][]): number[] {
  const out: number[] = [];
  for (const row of image) for (const pixel of row) out.push(...pixel);
  return out;
}

export function denseParamsForImage(height: number, width: number, channels: number, units: number): number {
  return (height * width * channels + 1) * units;
}
