/**
 * Exercise 05 (CNN layers): parameters of dense and batch-norm layers, trainable and not.
 *
 * A dense layer from `inputs` to `units` neurons learns inputs * units weights and, with a bias,
 * one bias per unit. A batch-norm layer over C channels learns gamma (scale) and beta (shift), one
 * per channel each (when enabled), and keeps a moving mean and a moving variance per channel that
 * are updated by averaging, not by gradients: non-trainable parameters.
 *
 * Signatures: denseParams(inputs: number, units: number, useBias = true): number
 *             batchNormParams(channels: number, center = true, scale = true): { trainable: number; nonTrainable: number }
 *             (center = learn beta, scale = learn gamma, as in tf.layers.batchNormalization)
 * Example: denseParams(784, 100) === 78500; batchNormParams(64) gives { trainable: 128, nonTrainable: 128 }.
 */
export function denseParams(inputs: number, units: number, useBias = true): number {
  return (inputs + (useBias ? 1 : 0)) * units;
}

export function batchNormParams(channels: number, center = true, scale = true): { trainable: number; nonTrainable: number } {
  return { trainable: channels * ((center ? 1 : 0) + (scale ? 1 : 0)), nonTrainable: 2 * channels };
}
