// Graded: exercises/03-conv-params.ts. Oracle: countParams() of a tf.layers.conv2d layer.
import { expectExact, randomInt, seededRandom } from "./check";
import { graded, submission } from "./harness";
import { tf, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/03-conv-params")>("03-conv-params");
useTfCpu();

function tfConvParams(kh: number, kw: number, cin: number, cout: number, useBias: boolean): number {
  const model = tf.sequential({
    layers: [tf.layers.conv2d({ inputShape: [kh + 2, kw + 2, cin], filters: cout, kernelSize: [kh, kw], useBias, kernelInitializer: "zeros" })],
  });
  const n = model.countParams();
  model.dispose();
  return n;
}

function check(kh: number, kw: number, cin: number, cout: number, useBias: boolean): void {
  const call = `convParams(${kh}, ${kw}, ${cin}, ${cout}, ${useBias})`;
  expectExact(sub.convParams(kh, kw, cin, cout, useBias), tfConvParams(kh, kw, cin, cout, useBias), call);
}

graded("square kernels with bias", 2, () => {
  for (const [k, cin, cout] of [[3, 3, 100], [5, 3, 32], [3, 32, 64], [1, 64, 16], [11, 3, 96]]) check(k, k, cin, cout, true);
});

graded("square kernels without bias", 2, () => {
  for (const [k, cin, cout] of [[3, 3, 100], [5, 3, 32], [3, 32, 64], [1, 64, 16]]) check(k, k, cin, cout, false);
});

graded("the bias is the default", 1, () => {
  expectExact(sub.convParams(3, 3, 16, 8), tfConvParams(3, 3, 16, 8, true), "convParams(3, 3, 16, 8)");
});

graded("non-square kernels", 1, () => {
  for (const [kh, kw, cin, cout] of [[1, 7, 64, 64], [7, 1, 3, 10], [3, 5, 4, 6]]) {
    check(kh, kw, cin, cout, true);
    check(kh, kw, cin, cout, false);
  }
});

graded("random layers (seeded)", 2, () => {
  const rng = seededRandom(302);
  for (let i = 0; i < 10; i++) {
    check(randomInt(rng, 1, 7), randomInt(rng, 1, 7), randomInt(rng, 1, 64), randomInt(rng, 1, 64), rng() < 0.5);
  }
});
