/**
 * Exercise 03 (convolution arithmetic): the output size of a pooling layer along one axis.
 *
 * A `poolSize` window moves `stride` pixels at a time (by default the pool size: windows that do
 * not overlap) over `inputSize` pixels. With padding "valid" it is only placed where it fits; with
 * "same" the input is padded just enough that every stride step starting inside it gets a window.
 * Return the number of output pixels.
 *
 * Signature: poolOutputSize(inputSize, poolSize, stride = poolSize, padding: "valid" | "same" = "valid"): number
 * Example: poolOutputSize(55, 3, 2) === 27 (AlexNet's overlapping 3x3 / 2 max pooling on 55x55).
 */
export function poolOutputSize(inputSize: number, poolSize: number, stride = poolSize, padding: "valid" | "same" = "valid"): number {
  throw new Error("TODO: poolOutputSize (exercises/03-pool-output-size.ts)");
}
