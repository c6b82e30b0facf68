// Optimizers by name, and setting the learning rate of any TF.js optimizer between steps.
import * as tf from "@tensorflow/tfjs";

export type OptimizerName = "sgd" | "momentum" | "nesterov" | "adam" | "rmsprop";

export function makeOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  switch (name) {
    case "sgd":
      return tf.train.sgd(learningRate);
    case "momentum":
      return tf.train.momentum(learningRate, 0.9);
    case "nesterov":
      return tf.train.momentum(learningRate, 0.9, true);
    case "adam":
      return tf.train.adam(learningRate);
    case "rmsprop":
      return tf.train.rmsprop(learningRate);
    default:
      throw new Error(`unknown optimizer '${name as string}': use sgd, momentum, nesterov, adam or rmsprop`);
  }
}

/**
 * Sets the rate used by the next step. SGD and momentum cache it as a kept scalar
 * (setLearningRate replaces it); Adam and RMSProp read the plain `learningRate` field each step.
 */
export function setLearningRate(opt: tf.Optimizer, lr: number): void {
  const o = opt as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (o.learningRate === lr) return;
  if (typeof o.setLearningRate === "function") o.setLearningRate(lr);
  else if (typeof o.learningRate === "number") o.learningRate = lr;
  else throw new Error(`cannot set the learning rate of optimizer ${opt.getClassName()}: it has no learningRate field`);
}

export function getLearningRate(opt: tf.Optimizer): number {
  const lr = (opt as unknown as { learningRate?: unknown }).learningRate;
  if (typeof lr !== "number") throw new Error(`optimizer ${opt.getClassName()} exposes no numeric learningRate`);
  return lr;
}
