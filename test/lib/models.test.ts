import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../../kernel-lib/backend";
import { LECTURE_MODELS, lenet5, mlp } from "../../kernel-lib/models";

beforeAll(async () => {
  await initBackend("cpu");
});

describe("lecture models", () => {
  it("reproduce the lecture's five parameter counts", () => {
    const counts = LECTURE_MODELS.map((m) => {
      const model = m.build(0);
      const n = model.countParams();
      model.dispose();
      return n;
    });
    expect(counts).toEqual([109_386, 61_706, 44_426, 62_006, 6_246_410]);
    expect(counts).toEqual(LECTURE_MODELS.map((m) => m.lectureParams));
  });
});

describe("lenet5", () => {
  it("has the paper's layer sizes: 28x28 padded -> 6@28x28 -> 6@14x14 -> 16@10x10 -> 16@5x5 -> 120 -> 84 -> 10", () => {
    const m = lenet5();
    expect(m.layers.map((l) => l.outputShape)).toEqual([
      [null, 28, 28, 6], [null, 14, 14, 6], [null, 10, 10, 16], [null, 5, 5, 16], [null, 400], [null, 120], [null, 84], [null, 10],
    ]);
    m.dispose();
  });

  it("paper variant uses tanh and average pooling, modern uses ReLU and max pooling", () => {
    const names = (v: "paper" | "modern") => {
      const m = lenet5({ variant: v });
      const out = m.layers.map((l) => `${l.getClassName()}${"activation" in l.getConfig() ? ":" + String(l.getConfig().activation) : ""}`);
      m.dispose();
      return out;
    };
    expect(names("paper").slice(0, 4)).toEqual(["Conv2D:tanh", "AveragePooling2D", "Conv2D:tanh", "AveragePooling2D"]);
    expect(names("modern").slice(0, 4)).toEqual(["Conv2D:relu", "MaxPooling2D", "Conv2D:relu", "MaxPooling2D"]);
    expect(names("modern")[7]).toBe("Dense:linear"); // logits
  });

  it("is initialised from its seed", () => {
    const w = (seed: number) => {
      const m = lenet5({ seed });
      const v = Array.from(m.getWeights()[0].dataSync());
      m.dispose();
      return v;
    };
    expect(w(4)).toEqual(w(4));
    expect(w(4)).not.toEqual(w(5));
  });

  it("fails clearly on an input too small for it", () => {
    expect(() => lenet5({ inputShape: [12, 12, 1] })).toThrow(/too small for two 5x5 convolutions/);
    expect(() => lenet5({ inputShape: [16, 16, 1], firstPadding: "same" })).not.toThrow();
  });

  it("runs forward on a batch and gives one logit per class", () => {
    const m = lenet5({ inputShape: [32, 32, 3], classes: 10 });
    const y = tf.tidy(() => (m.predict(tf.zeros([2, 32, 32, 3])) as tf.Tensor).shape);
    expect(y).toEqual([2, 10]);
    m.dispose();
  });
});

describe("mlp", () => {
  it("flattens its input and stacks the hidden widths", () => {
    const m = mlp({ inputShape: [28, 28, 1], hidden: [128, 64] });
    expect(m.layers.map((l) => l.outputShape)).toEqual([[null, 784], [null, 128], [null, 64], [null, 10]]);
    expect(m.countParams()).toBe(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
    m.dispose();
  });
  it("rejects a bad hidden width", () => {
    expect(() => mlp({ inputShape: [4], hidden: [0] })).toThrow(/hidden widths must be positive integers/);
  });
});
