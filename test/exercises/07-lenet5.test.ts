// Graded: exercises/07-lenet5.ts. Oracle: the layer table, with each layer's output shape and
// parameter count worked out from its settings (valid conv: n - k + 1, pool 2/2: floor(n / 2),
// conv params (k*k*C_in + 1)*C_out, dense (inputs + 1)*units), and a forward pass.
import type * as TF from "@tensorflow/tfjs";
import { afterEach } from "vitest";
import { expectExact, show } from "./check";
import { graded, submission } from "./harness";
import { tf, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/07-lenet5")>("07-lenet5");
useTfCpu();

type Row = { className: string; shape: number[]; params: number; activation?: string };

function lenetTable(inputSize: number): Row[] {
  const c1 = inputSize - 5 + 1;
  const s2 = Math.floor(c1 / 2);
  const c3 = s2 - 5 + 1;
  const s4 = Math.floor(c3 / 2);
  const flat = s4 * s4 * 16;
  return [
    { className: "Conv2D", shape: [c1, c1, 6], params: (5 * 5 * 1 + 1) * 6, activation: "tanh" },
    { className: "AveragePooling2D", shape: [s2, s2, 6], params: 0 },
    { className: "Conv2D", shape: [c3, c3, 16], params: (5 * 5 * 6 + 1) * 16, activation: "tanh" },
    { className: "AveragePooling2D", shape: [s4, s4, 16], params: 0 },
    { className: "Flatten", shape: [flat], params: 0 },
    { className: "Dense", shape: [120], params: (flat + 1) * 120, activation: "tanh" },
    { className: "Dense", shape: [84], params: (120 + 1) * 84, activation: "tanh" },
    { className: "Dense", shape: [10], params: (84 + 1) * 10, activation: "softmax" },
  ];
}

const built: TF.Sequential[] = [];

function build(inputSize?: number): TF.Sequential {
  const call = `buildLeNet5(${inputSize ?? ""})`;
  const model = inputSize === undefined ? sub.buildLeNet5() : sub.buildLeNet5(inputSize);
  if (!model || typeof (model as { countParams?: unknown }).countParams !== "function") {
    throw new Error(`${call}: expected a tf.Sequential model, you returned ${show(model)}`);
  }
  built.push(model);
  const want = lenetTable(inputSize ?? 32);
  const kinds = model.layers.map((l) => l.getClassName());
  if (kinds.length !== want.length || kinds.some((k, i) => k !== want[i].className)) {
    throw new Error(`${call}: expected the layers ${want.map((r) => r.className).join(", ")}; your model has ${kinds.join(", ")}`);
  }
  return model;
}

// Models a test built are disposed after it, whether it passed or not.
afterEach(() => {
  for (const m of built.splice(0)) m.dispose();
});

graded("the eight layers, in order", 1, () => {
  build();
});

graded("output shape of every layer (32x32 input)", 2, () => {
  const model = build();
  lenetTable(32).forEach((row, i) => {
    const shape = (model.layers[i].outputShape as (number | null)[]).slice(1);
    if (show(shape) !== show(row.shape)) throw new Error(`buildLeNet5(): layer ${i + 1} (${row.className}) should output ${show(row.shape)}, yours outputs ${show(shape)}`);
  });
});

graded("parameters of every layer, 61,706 in all (32x32 input)", 2, () => {
  const model = build();
  const table = lenetTable(32);
  table.forEach((row, i) => expectExact(model.layers[i].countParams(), row.params, `buildLeNet5(): parameters of layer ${i + 1} (${row.className})`));
  const total = table.reduce((s, r) => s + r.params, 0);
  expectExact(total, 61706, "the table's own total (a broken test if this fails)");
  expectExact(model.countParams(), total, "buildLeNet5().countParams()");
});

graded("tanh activations and a softmax output", 1, () => {
  const model = build();
  lenetTable(32).forEach((row, i) => {
    if (!row.activation) return;
    const got = (model.layers[i].getConfig() as { activation?: unknown }).activation;
    expectExact(got as string, row.activation, `buildLeNet5(): activation of layer ${i + 1} (${row.className})`);
  });
});

graded("a forward pass: one probability vector per image", 1, () => {
  const model = build();
  const rows = tf.tidy(() => (model.predict(tf.randomUniform([3, 32, 32, 1], 0, 1, "float32", 7)) as TF.Tensor).arraySync() as number[][]);
  expectExact(rows.length, 3, "buildLeNet5().predict(3 images): number of rows");
  rows.forEach((r, i) => {
    expectExact(r.length, 10, `buildLeNet5().predict(3 images): length of row ${i}`);
    const sum = r.reduce((a, b) => a + b, 0);
    if (!(Math.abs(sum - 1) < 1e-4)) throw new Error(`buildLeNet5().predict: row ${i} should be probabilities summing to 1, yours sums to ${sum}`);
  });
});

graded("on an unpadded 28x28 MNIST image: 44,426 parameters", 1, () => {
  const model = build(28);
  const table = lenetTable(28);
  table.forEach((row, i) => expectExact(model.layers[i].countParams(), row.params, `buildLeNet5(28): parameters of layer ${i + 1} (${row.className})`));
  expectExact(model.countParams(), 44426, "buildLeNet5(28).countParams()");
});
