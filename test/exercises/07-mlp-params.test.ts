// Graded: exercises/07-mlp-params.ts. Oracle: countParams() of the same MLP built with tf.layers.
import { expectExact, randomInt, seededRandom } from "./check";
import { graded, submission } from "./harness";
import { tf, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/07-mlp-params")>("07-mlp-params");
useTfCpu();

function tfMlpParams(sizes: number[]): number {
  const model = tf.sequential();
  sizes.slice(1).forEach((units, l) => {
    model.add(tf.layers.dense({ units, kernelInitializer: "zeros", ...(l === 0 ? { inputShape: [sizes[0]] } : {}) }));
  });
  const n = model.countParams();
  model.dispose();
  return n;
}

function check(sizes: number[]): void {
  expectExact(sub.mlpParams([...sizes]), tfMlpParams(sizes), `mlpParams(${JSON.stringify(sizes)})`);
}

graded("the lecture's MNIST MLP 784-128-64-10", 2, () => {
  check([784, 128, 64, 10]);
});

graded("one dense layer", 1, () => {
  check([784, 10]);
  check([3, 1]);
});

graded("deeper and random MLPs (seeded)", 2, () => {
  check([3072, 512, 256, 128, 10]);
  const rng = seededRandom(711);
  for (let i = 0; i < 6; i++) check(Array.from({ length: randomInt(rng, 2, 6) }, () => randomInt(rng, 1, 300)));
});
