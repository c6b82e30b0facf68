// fit on the wasm backend (the course's real one): a small convnet trains, and a fixed seed
// gives the same run twice.
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../../kernel-lib/backend";
import { fit } from "../../kernel-lib/train";
import { quadrants } from "./train-fixtures";

const convnet = () =>
  tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [4, 4, 1], filters: 4, kernelSize: 3, padding: "same", activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 4, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });

beforeAll(async () => {
  await initBackend("wasm");
});

describe("fit on wasm", () => {
  it("trains a convnet deterministically for a fixed seed, without leaking tensors", async () => {
    const run = async () => {
      const train = quadrants(128, 1);
      const model = convnet();
      const before = tf.memory().numTensors;
      const r = await fit(model, train, { epochs: 3, batchSize: 16, learningRate: 0.02, monitor: "none", seed: 4 });
      const leaked = tf.memory().numTensors - before;
      const w = Array.from(model.getWeights()[0].dataSync());
      train.x.dispose();
      model.dispose();
      return { loss: r.epochs.map((e) => e.loss), acc: r.epochs[2].accuracy, w, leaked };
    };
    const a = await run();
    const b = await run();
    expect(tf.getBackend()).toBe("wasm");
    expect(a.leaked).toBe(0);
    expect(a.loss[2]).toBeLessThan(a.loss[0]);
    expect(a.acc).toBeGreaterThan(0.6); // chance is 0.25
    expect(b.loss).toEqual(a.loss);
    expect(b.w).toEqual(a.w);
  });
});
