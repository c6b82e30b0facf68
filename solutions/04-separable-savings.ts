/**
 * Exercise 04 (convolution variants): what a depthwise-separable convolution saves.
 *
 * For a K x K convolution from C_in to C_out channels producing an H x W output (no bias), count
 * multiplications: every weight is used once per output position.
 *   standard:  H W K^2 C_in C_out
 *   depthwise: H W K^2 C_in        (one K x K filter per input channel)
 *   pointwise: H W C_in C_out      (a 1 x 1 convolution mixing the channels)
 *   ratio = (depthwise + pointwise) / standard = 1/C_out + 1/K^2
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
  const positions = outHeight * outWidth;
  const standard = positions * kernelSize * kernelSize * inChannels * outChannels;
  const depthwise = positions * kernelSize * kernelSize * inChannels;
  const pointwise = positions * inChannels * outChannels;
  return { standard, depthwise, pointwise, ratio: (depthwise + pointwise) / standard };
}
