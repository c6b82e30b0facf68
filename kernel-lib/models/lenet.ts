// LeNet-5 (LeCun et al. 1998): CONV-POOL-CONV-POOL-FC-FC-FC, 5x5 filters, 6 and 16 maps, 120-84-classes.
// Outputs logits (the softmax lives in the loss).
import * as tf from "@tensorflow/tfjs";

export interface LeNetOptions {
  /** "paper": tanh and average pooling, as in 1998; "modern": ReLU and max pooling. Default "modern". */
  variant?: "paper" | "modern";
  /** [height, width, channels]; default [28, 28, 1]. */
  inputShape?: [number, number, number];
  /**
   * Padding of the first convolution. Default "same" for a 28x28 input, which reproduces the
   * paper's 32x32 input (the digit plus a 2-pixel border), "valid" otherwise.
   */
  firstPadding?: "same" | "valid";
  classes?: number;
  /** Seeds the weight initialisers (layer i uses seed + i). Default 0. */
  seed?: number;
}

export function lenet5(opt: LeNetOptions = {}): tf.Sequential {
  const variant = opt.variant ?? "modern";
  if (variant !== "paper" && variant !== "modern") throw new Error(`lenet5: variant must be "paper" or "modern", got '${variant as string}'`);
  const inputShape = opt.inputShape ?? [28, 28, 1];
  const firstPadding = opt.firstPadding ?? (inputShape[0] === 28 && inputShape[1] === 28 ? "same" : "valid");
  const side = (n: number) => Math.floor((Math.floor((firstPadding === "same" ? n : n - 4) / 2) - 4) / 2);
  if (side(inputShape[0]) < 1 || side(inputShape[1]) < 1) {
    throw new Error(`lenet5: input ${inputShape.join("x")} is too small for two 5x5 convolutions and two 2x2 poolings (first padding '${firstPadding}')`);
  }
  const seed = opt.seed ?? 0;
  const activation = variant === "paper" ? "tanh" : "relu";
  const pool = (name: string) =>
    variant === "paper" ? tf.layers.averagePooling2d({ poolSize: 2, strides: 2, name }) : tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name });
  let i = 0;
  const init = () => ({ kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i++ }), biasInitializer: "zeros" as const });

  const model = tf.sequential({ name: `lenet5_${variant}` });
  model.add(tf.layers.conv2d({ inputShape, filters: 6, kernelSize: 5, padding: firstPadding, activation, name: "c1", ...init() }));
  model.add(pool("s2"));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 5, padding: "valid", activation, name: "c3", ...init() }));
  model.add(pool("s4"));
  model.add(tf.layers.flatten({ name: "flatten" }));
  model.add(tf.layers.dense({ units: 120, activation, name: "c5", ...init() }));
  model.add(tf.layers.dense({ units: 84, activation, name: "f6", ...init() }));
  model.add(tf.layers.dense({ units: opt.classes ?? 10, name: "output", ...init() }));
  return model;
}
