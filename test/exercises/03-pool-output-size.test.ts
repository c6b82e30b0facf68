// Graded: exercises/03-pool-output-size.ts. Oracle: the output shape of tf.maxPool.
import type * as TF from "@tensorflow/tfjs";
import { expectExact, randomInt, seededRandom } from "./check";
import { graded, submission } from "./harness";
import { tf, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/03-pool-output-size")>("03-pool-output-size");
useTfCpu();

function tfPoolSize(n: number, k: number, s: number, padding: "valid" | "same"): number {
  return tf.tidy(() => tf.maxPool(tf.zeros([1, n, n, 1]) as TF.Tensor4D, k, s, padding).shape[1]);
}

function check(n: number, k: number, s: number | undefined, padding: "valid" | "same" | undefined): void {
  const call = `poolOutputSize(${[n, k, s, padding].filter((a) => a !== undefined).map((a) => JSON.stringify(a)).join(", ")})`;
  expectExact(sub.poolOutputSize(n, k, s, padding), tfPoolSize(n, k, s ?? k, padding ?? "valid"), call);
}

graded("non-overlapping windows, stride defaulting to the pool size", 2, () => {
  for (const [n, k] of [[28, 2], [24, 2], [7, 2], [9, 3], [224, 2]]) check(n, k, undefined, undefined);
});

graded("overlapping windows (stride < pool size)", 2, () => {
  for (const [n, k, s] of [[55, 3, 2], [27, 3, 2], [13, 3, 2], [10, 3, 1]]) check(n, k, s, "valid");
});

graded("padding \"same\"", 2, () => {
  for (const [n, k, s] of [[7, 2, 2], [55, 3, 2], [28, 3, 1], [10, 3, 3], [112, 3, 2]]) check(n, k, s, "same");
});

graded("random pools (seeded)", 2, () => {
  const rng = seededRandom(311);
  for (let i = 0; i < 20; i++) {
    const k = randomInt(rng, 1, 4);
    check(randomInt(rng, k, 40), k, randomInt(rng, 1, 4), rng() < 0.5 ? "valid" : "same");
  }
});
