/**
 * Exercise 07 (LeNet vs MLP): the parameters of a multilayer perceptron.
 *
 * `layerSizes` lists the number of units of each layer, the input first and the output last;
 * every pair of consecutive layers is joined by a dense layer with a bias per unit. Return the
 * number of parameters of the whole network.
 *
 * Signature: mlpParams(layerSizes: number[]): number
 * Example: mlpParams([784, 128, 64, 10]) === 109386 (lecture 000's MNIST MLP, "109.386K").
 */
export function mlpParams(layerSizes: number[]): number {
  throw new Error("TODO: mlpParams (exercises/07-mlp-params.ts)");
}
