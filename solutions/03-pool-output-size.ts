/**
 * Exercise 03 (convolution arithmetic): the output size of a pooling layer along one axis.
 *
 * "valid": the window only where it fits, floor((N - K) / S) + 1 positions.
 * "same": the input is padded just enough that every stride step has a window: ceil(N / S).
 * The stride defaults to the pool size (non-overlapping windows).
 *
 * Signature: poolOutputSize(inputSize, poolSize, stride = poolSize, padding: "valid" | "same" = "valid"): number
 * Example: poolOutputSize(55, 3, 2) === 27 (AlexNet's overlapping 3x3 / 2 max pooling on 55x55).
 */
export function poolOutputSize(inputSize: number, poolSize: number, stride = poolSize, padding: "valid" | "same" = "valid"): number {
  if (padding === "same") return Math.ceil(inputSize / stride);
  return Math.floor((inputSize - poolSize) / stride) + 1;
}
