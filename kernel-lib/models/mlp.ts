// Multi-layer perceptrons on flattened images, e.g. the lecture's 784-128-64-10 and
// 3072-1536-768-384-128-10. Outputs logits.
import * as tf from "@tensorflow/tfjs";

export interface MlpOptions {
  /** Input shape without the batch axis, e.g. [28, 28, 1] (flattened first) or [784]. */
  inputShape: number[];
  /** Widths of the hidden layers, e.g. [128, 64]. */
  hidden: number[];
  classes?: number;
  /** Hidden activation, default "relu". */
  activation?: "relu" | "tanh" | "sigmoid";
  /** Seeds the weight initialisers (layer i uses seed + i). Default 0. */
  seed?: number;
}

export function mlp(opt: MlpOptions): tf.Sequential {
  if (opt.hidden.some((h) => !Number.isInteger(h) || h < 1)) throw new Error(`mlp: hidden widths must be positive integers, got [${opt.hidden.join(", ")}]`);
  const seed = opt.seed ?? 0;
  const classes = opt.classes ?? 10;
  const inputs = opt.inputShape.reduce((a, b) => a * b, 1);
  const model = tf.sequential({ name: `mlp_${[inputs, ...opt.hidden, classes].join("_")}` });
  model.add(tf.layers.flatten({ inputShape: opt.inputShape, name: "flatten" }));
  const widths = [...opt.hidden, classes];
  widths.forEach((units, i) => {
    const last = i === widths.length - 1;
    model.add(
      tf.layers.dense({
        units,
        activation: last ? undefined : (opt.activation ?? "relu"),
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        biasInitializer: "zeros",
        name: last ? "output" : `hidden${i + 1}`,
      }),
    );
  });
  return model;
}
