/**
 * Exercise 03 (convolution arithmetic): the output size of a convolution along one axis.
 *
 * A kernel of size K with dilation D spans D*(K-1)+1 input pixels. After P zeros on each side the
 * input has N+2P pixels, and the kernel fits at floor((N + 2P - D*(K-1) - 1) / S) + 1 positions
 * when it moves S pixels at a time.
 *
 * Signature: convOutputSize(inputSize, kernelSize, stride = 1, padding = 0, dilation = 1): number
 * Example: convOutputSize(7, 3, 2, 1) === 4 (a 7x7 input, 3x3 kernel, stride 2, padding 1 gives 4x4).
 */
export function convOutputSize(inputSize: number, kernelSize: number, stride = 1, padding = 0, dilation = 1): number {
  const span = dilation * (kernelSize - 1) + 1;
  return Math.floor((inputSize + 2 * padding - span) / stride) + 1;
}
