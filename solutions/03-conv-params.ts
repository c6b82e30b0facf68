/**
 * Exercise 03 (convolution arithmetic): the number of learnable parameters of a conv layer.
 *
 * Each of the C_out filters has k_h x k_w x C_in weights (one k_h x k_w kernel per input channel)
 * plus, with a bias, one bias: #params = (k_h * k_w * C_in + 1) * C_out, or k_h * k_w * C_in * C_out
 * without bias.
 *
 * Signature: convParams(kernelHeight, kernelWidth, inChannels, outChannels, useBias = true): number
 * Example: convParams(3, 3, 3, 100) === 2800 (100 RGB 3x3 filters: 2700 weights + 100 biases).
 */
export function convParams(kernelHeight: number, kernelWidth: number, inChannels: number, outChannels: number, useBias = true): number {
  return (kernelHeight * kernelWidth * inChannels + (useBias ? 1 : 0)) * outChannels;
}
