/**
 * Exercise 07 (LeNet vs MLP): the parameters of a multilayer perceptron.
 *
 * Consecutive sizes n_0, n_1, ..., n_L are joined by dense layers with biases:
 * sum over l of (n_{l-1} + 1) * n_l.
 *
 * Signature: mlpParams(layerSizes: number[]): number   (input size first, output size last)
 * Example: mlpParams([784, 128, 64, 10]) === 109386 (lecture 000's MNIST MLP, "109.386K").
 */
export function mlpParams(layerSizes: number[]): number {
  let total = 0;
  for (let l = 1; l < layerSizes.length; l++) total += (layerSizes[l - 1] + 1) * layerSizes[l];
  return total;
}
