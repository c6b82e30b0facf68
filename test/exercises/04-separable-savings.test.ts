// Graded: exercises/04-separable-savings.ts. Oracle: the weights of real TF.js layers (conv2d,
// depthwiseConv2d, 1x1 conv2d, no bias) times the output positions each weight is used at, and
// the closed form 1/C_out + 1/K^2 for the ratio.
import type * as TF from "@tensorflow/tfjs";
import { expectExact, expectNumberClose, randomInt, seededRandom, show } from "./check";
import { graded, submission } from "./harness";
import { tf, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/04-separable-savings")>("04-separable-savings");
useTfCpu();

type Case = [k: number, cin: number, cout: number, h: number, w: number];

function weights(layer: TF.layers.Layer, inputShape: number[]): number {
  const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape }), layer] });
  const n = model.countParams();
  model.dispose();
  return n;
}

function oracle([k, cin, cout, h, w]: Case): { standard: number; depthwise: number; pointwise: number } {
  const positions = h * w;
  const shape = [k + 1, k + 1, cin];
  return {
    standard: positions * weights(tf.layers.conv2d({ filters: cout, kernelSize: k, useBias: false, kernelInitializer: "zeros" }), shape),
    depthwise: positions * weights(tf.layers.depthwiseConv2d({ kernelSize: k, useBias: false, depthwiseInitializer: "zeros" }), shape),
    pointwise: positions * weights(tf.layers.conv2d({ filters: cout, kernelSize: 1, useBias: false, kernelInitializer: "zeros" }), shape),
  };
}

function answer(c: Case) {
  const call = `separableCost(${c.join(", ")})`;
  const got = sub.separableCost(...c);
  if (typeof got !== "object" || got === null) throw new Error(`${call}: expected an object { standard, depthwise, pointwise, ratio }, you returned ${show(got)}`);
  return { call, got };
}

const CASES: Case[] = [[3, 3, 64, 112, 112], [3, 32, 64, 56, 56], [5, 16, 16, 10, 10], [3, 512, 512, 7, 7], [1, 8, 4, 3, 5]];

graded("standard convolution multiplications", 1, () => {
  for (const c of CASES) {
    const { call, got } = answer(c);
    expectExact(got.standard, oracle(c).standard, `${call}.standard`);
  }
});

graded("depthwise and pointwise multiplications", 2, () => {
  for (const c of CASES) {
    const { call, got } = answer(c);
    const want = oracle(c);
    expectExact(got.depthwise, want.depthwise, `${call}.depthwise`);
    expectExact(got.pointwise, want.pointwise, `${call}.pointwise`);
  }
});

graded("ratio = (depthwise + pointwise) / standard = 1/C_out + 1/K^2", 2, () => {
  for (const c of CASES) {
    const { call, got } = answer(c);
    expectNumberClose(got.ratio, 1 / c[2] + 1 / (c[0] * c[0]), `${call}.ratio`, 1e-9);
  }
});

graded("random layers (seeded)", 1, () => {
  const rng = seededRandom(411);
  for (let i = 0; i < 5; i++) {
    const c: Case = [randomInt(rng, 1, 5), randomInt(rng, 1, 40), randomInt(rng, 1, 40), randomInt(rng, 1, 30), randomInt(rng, 1, 30)];
    const { call, got } = answer(c);
    const want = oracle(c);
    expectExact(got.standard, want.standard, `${call}.standard`);
    expectExact(got.depthwise, want.depthwise, `${call}.depthwise`);
    expectExact(got.pointwise, want.pointwise, `${call}.pointwise`);
    expectNumberClose(got.ratio, (want.depthwise + want.pointwise) / want.standard, `${call}.ratio`, 1e-9);
  }
});
