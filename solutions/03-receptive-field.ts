/**
 * Exercise 03 (convolution arithmetic): the receptive field of a stack of conv / pooling layers.
 *
 * One output pixel of the last layer sees a window of the input. Going up the stack, a layer
 * with kernel K and dilation D widens the window by D*(K-1) steps of the current "jump" (the
 * distance, in input pixels, between neighbouring pixels of that layer's input), and its stride
 * multiplies the jump: RF = 1 + sum_l D_l (K_l - 1) * J_l with J_1 = 1, J_{l+1} = J_l * S_l.
 * For L layers of K x K, stride 1: RF = 1 + L(K - 1).
 *
 * Signature: receptiveField(layers: { kernel: number; stride?: number; dilation?: number }[]): number
 *            (stride and dilation default to 1; layers are listed input first)
 * Example: receptiveField([{ kernel: 3 }, { kernel: 3 }, { kernel: 3 }]) === 7 (three 3x3 = one 7x7).
 */
export function receptiveField(layers: { kernel: number; stride?: number; dilation?: number }[]): number {
  let rf = 1;
  let jump = 1;
  for (const { kernel, stride = 1, dilation = 1 } of layers) {
    rf += dilation * (kernel - 1) * jump;
    jump *= stride;
  }
  return rf;
}
