/**
 * Exercise 04 (convolution variants): what a depthwise-separable convolution saves.
 *
 * A K x K convolution from `inChannels` to `outChannels` channels produces an outHeight x outWidth
 * output (no bias). Count the multiplications of:
 *   standard:  the ordinary convolution;
 *   depthwise: one K x K filter per input channel (channels stay separate);
 *   pointwise: the 1 x 1 convolution that then mixes inChannels into outChannels;
 *   ratio:     (depthwise + pointwise) / standard, the fraction of the work that remains.
 *
 * Signature: separableCost(kernelSize, inChannels, outChannels, outHeight, outWidth):
 *            { standard: number; depthwise: number; pointwise: number; ratio: number }
 * Example: separableCost(3, 3, 64, 1, 1) gives { standard: 1728, depthwise: 27, pointwise: 192, ratio: 219 / 1728 }.
 */
export interface SeparableCost {
  standard: number;
  depthwise: number;
  pointwise: number;
  ratio: number;
}

export function separableCost(kernelSize: number, inChannels: number, outChannels: number, outHeight: number, outWidth: number): SeparableCost {
  throw new Error("TODO: separableCost (exercises/04-separable-savings.ts)");
}
