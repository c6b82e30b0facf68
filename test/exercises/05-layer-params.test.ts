// Graded: exercises/05-layer-params.ts. Oracle: the weights TF.js layers create (countParams,
// trainableWeights, nonTrainableWeights).
import type * as TF from "@tensorflow/tfjs";
import { expectExact, randomInt, seededRandom, show } from "./check";
import { graded, submission } from "./harness";
import { tf, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/05-layer-params")>("05-layer-params");
useTfCpu();

function tfDense(inputs: number, units: number, useBias: boolean): number {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [inputs], units, useBias, kernelInitializer: "zeros" })] });
  const n = model.countParams();
  model.dispose();
  return n;
}

function tfBatchNorm(channels: number, center: boolean, scale: boolean): { trainable: number; nonTrainable: number } {
  const model = tf.sequential({ layers: [tf.layers.batchNormalization({ inputShape: [4, 4, channels], center, scale })] });
  const size = (ws: TF.LayerVariable[]) => ws.reduce((s, w) => s + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
  const out = { trainable: size(model.trainableWeights), nonTrainable: size(model.nonTrainableWeights) };
  model.dispose();
  return out;
}

function checkBatchNorm(channels: number, center?: boolean, scale?: boolean): void {
  const args = [channels, center, scale].filter((a) => a !== undefined);
  const call = `batchNormParams(${args.join(", ")})`;
  const got = sub.batchNormParams(channels, center, scale);
  if (typeof got !== "object" || got === null) throw new Error(`${call}: expected { trainable, nonTrainable }, you returned ${show(got)}`);
  const want = tfBatchNorm(channels, center ?? true, scale ?? true);
  expectExact(got.trainable, want.trainable, `${call}.trainable`);
  expectExact(got.nonTrainable, want.nonTrainable, `${call}.nonTrainable`);
}

graded("dense layers with bias", 1, () => {
  for (const [i, u] of [[784, 100], [400, 120], [84, 10], [3, 7]]) expectExact(sub.denseParams(i, u), tfDense(i, u, true), `denseParams(${i}, ${u})`);
});

graded("dense layers without bias", 1, () => {
  for (const [i, u] of [[784, 100], [400, 120], [5, 2]]) expectExact(sub.denseParams(i, u, false), tfDense(i, u, false), `denseParams(${i}, ${u}, false)`);
});

graded("batch norm: trainable and non-trainable parameters", 2, () => {
  for (const c of [1, 16, 64, 3]) checkBatchNorm(c);
});

graded("batch norm without beta (center false) or gamma (scale false)", 1, () => {
  checkBatchNorm(32, false, true);
  checkBatchNorm(32, true, false);
  checkBatchNorm(8, false, false);
});

graded("random layers (seeded)", 1, () => {
  const rng = seededRandom(521);
  for (let i = 0; i < 5; i++) {
    const [inputs, units, bias] = [randomInt(rng, 1, 500), randomInt(rng, 1, 50), rng() < 0.5];
    expectExact(sub.denseParams(inputs, units, bias), tfDense(inputs, units, bias), `denseParams(${inputs}, ${units}, ${bias})`);
    checkBatchNorm(randomInt(rng, 1, 100), rng() < 0.5, rng() < 0.5);
  }
});
