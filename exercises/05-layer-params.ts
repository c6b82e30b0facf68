/**
 * Exercise 05 (CNN layers): parameters of dense and batch-norm layers, trainable and not.
 *
 * denseParams: the number of parameters of a dense (fully connected) layer from `inputs` values
 * to `units` neurons, with or without a bias per neuron.
 * batchNormParams: the parameters of a batch-normalisation layer over `channels` channels, split
 * into trainable ones (learnt by gradient descent: beta when `center`, gamma when `scale`) and
 * non-trainable ones (the moving statistics it keeps for inference).
 *
 * Signatures: denseParams(inputs: number, units: number, useBias = true): number
 *             batchNormParams(channels: number, center = true, scale = true): { trainable: number; nonTrainable: number }
 * Example: denseParams(784, 100) === 78500; batchNormParams(64) gives { trainable: 128, nonTrainable: 128 }.
 */
export function denseParams(inputs: number, units: number, useBias = true): number {
  throw new Error("TODO: denseParams (exercises/05-layer-params.ts)");
}

export function batchNormParams(channels: number, center = true, scale = true): { trainable: number; nonTrainable: number } {
  throw new Error("TODO: batchNormParams (exercises/05-layer-params.ts)");
}
