/**
 * Exercise 07 (LeNet vs MLP): build LeNet-5 with TF.js layers from its layer table.
 *
 * Return a NEW tf.Sequential with exactly these 8 layers, in this order, no padding anywhere
 * (tf.layers.conv2d, averagePooling2d, flatten, dense), for an inputSize x inputSize x 1 input:
 *
 * | # | layer                 | settings                          | output (32x32x1 input) | params |
 * |---|-----------------------|-----------------------------------|------------------------|--------|
 * | 1 | conv2d (C1)           | 6 filters 5x5, stride 1, tanh     | 28 x 28 x 6            | 156    |
 * | 2 | averagePooling2d (S2) | 2x2, stride 2                     | 14 x 14 x 6            | 0      |
 * | 3 | conv2d (C3)           | 16 filters 5x5, stride 1, tanh    | 10 x 10 x 16           | 2,416  |
 * | 4 | averagePooling2d (S4) | 2x2, stride 2                     | 5 x 5 x 16             | 0      |
 * | 5 | flatten               |                                   | 400                    | 0      |
 * | 6 | dense (C5)            | 120 units, tanh                   | 120                    | 48,120 |
 * | 7 | dense (F6)            | 84 units, tanh                    | 84                     | 10,164 |
 * | 8 | dense (output)        | 10 units, softmax                 | 10                     | 850    |
 *
 * Total for the 32x32 input: 61,706 parameters. The same layers on an unpadded 28x28 MNIST image
 * give 44,426 (lecture 000's "44.426K").
 *
 * Signature: buildLeNet5(inputSize = 32): tf.Sequential
 * Example: buildLeNet5().countParams() === 61706; buildLeNet5(28).countParams() === 44426.
 */
import * as tf from "@tensorflow/tfjs";

export function buildLeNet5(inputSize = 32): tf.Sequential {
  throw new Error("TODO: buildLeNet5 (exercises/07-lenet5.ts)");
}
