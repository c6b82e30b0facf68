/**
 * Exercise 03 (convolution arithmetic): the number of learnable parameters of a conv layer.
 *
 * The layer has `outChannels` filters of size kernelHeight x kernelWidth over `inChannels` input
 * channels, and (when `useBias`) one bias per filter. Return how many numbers it learns.
 *
 * Signature: convParams(kernelHeight, kernelWidth, inChannels, outChannels, useBias = true): number
 * Example: convParams(3, 3, 3, 100) === 2800 (100 RGB 3x3 filters: 2700 weights + 100 biases).
 */
export function convParams(kernelHeight: number, kernelWidth: number, inChannels: number, outChannels: number, useBias = true): number {
  throw new Error("TODO: convParams (exercises/03-conv-params.ts)");
}
