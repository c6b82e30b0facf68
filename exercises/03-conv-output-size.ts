/**
 * Exercise 03 (convolution arithmetic): the output size of a convolution along one axis.
 *
 * An input of `inputSize` pixels gets `padding` zeros on each side; a kernel of `kernelSize` taps,
 * spread `dilation` pixels apart (dilation 1 = an ordinary kernel), slides `stride` pixels at a
 * time and only where it fits entirely. Return how many output pixels that gives.
 *
 * Signature: convOutputSize(inputSize, kernelSize, stride = 1, padding = 0, dilation = 1): number
 * Example: convOutputSize(7, 3, 2, 1) === 4 (a 7x7 input, 3x3 kernel, stride 2, padding 1 gives 4x4).
 */
export function convOutputSize(inputSize: number, kernelSize: number, stride = 1, padding = 0, dilation = 1): number {
  throw new Error("TODO: convOutputSize (exercises/03-conv-output-size.ts)");
}
