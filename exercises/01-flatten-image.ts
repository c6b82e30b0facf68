/**
 * Exercise 01 (images as data): an image as the vector an MLP sees, and what that costs.
 *
 * flattenImage(image): return the height x width x channels image `image[row][col][channel]` as
 * one vector: row by row, left to right, each pixel's channels together (the order tf.reshape
 * uses for an HWC tensor). Do not modify the input.
 * denseParamsForImage(height, width, channels, units): return the number of parameters of a fully
 * connected layer from the flattened image to `units` neurons (weights and biases).
 *
 * Signatures: flattenImage(image: number[][][]): number[]
 *             denseParamsForImage(height: number, width: number, channels: number, units: number): number
 * Example: flattenImage([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]) gives [1, 2, 3, 4, 5, 6, 7, 8];
 *          denseParamsForImage(224, 224, 3, 1) === 150529 (lecture 002: 150,528 inputs + 1 bias).
 */
export function flattenImage(image: number[][][]): number[] {
  throw new Error("TODO: flattenImage (exercises/01-flatten-image.ts)");
}

export function denseParamsForImage(height: number, width: number, channels: number, units: number): number {
  throw new Error("TODO: denseParamsForImage (exercises/01-flatten-image.ts)");
}
