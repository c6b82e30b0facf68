/**
 * Exercise 03 (convolution arithmetic): the receptive field of a stack of conv / pooling layers.
 *
 * `layers` lists the layers from the input up; each has a kernel size, a stride (default 1) and a
 * dilation (default 1). Return how many input pixels along one axis a single pixel of the LAST
 * layer's output depends on. For L layers of K x K with stride 1 it is 1 + L(K - 1); a stride
 * makes every later layer's steps count that many input pixels (the "jump").
 *
 * Signature: receptiveField(layers: { kernel: number; stride?: number; dilation?: number }[]): number
 * Example: receptiveField([{ kernel: 3 }, { kernel: 3 }, { kernel: 3 }]) === 7 (three 3x3 = one 7x7).
 */
export function receptiveField(layers: { kernel: number; stride?: number; dilation?: number }[]): number {
  throw new Error("TODO: receptiveField (exercises/03-receptive-field.ts)");
}
