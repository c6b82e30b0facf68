// Graded: exercises/05-batchnorm-forward.ts. Oracles: tf.batchNorm and tf.moments.
import { expectArrayClose, randomMatrix, randomVector, seededRandom, show } from "./check";
import { graded, submission } from "./harness";
import { tf, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/05-batchnorm-forward")>("05-batchnorm-forward");
useTfCpu();

interface Batch {
  x: number[][];
  gamma: number[];
  beta: number[];
  mean: number[];
  variance: number[];
}

function randomBatch(rng: () => number, n: number, c: number): Batch {
  return {
    x: randomMatrix(rng, n, c).map((r) => r.map((v) => 3 * v + 1)),
    gamma: randomVector(rng, c).map((v) => v + 1.5),
    beta: randomVector(rng, c),
    mean: randomVector(rng, c),
    variance: randomVector(rng, c).map((v) => v + 1.2),
  };
}

function tfBatchNorm(b: Batch, mean: number[], variance: number[], epsilon: number): number[][] {
  return tf.tidy(() => tf.batchNorm(tf.tensor2d(b.x), tf.tensor1d(mean), tf.tensor1d(variance), tf.tensor1d(b.beta), tf.tensor1d(b.gamma), epsilon).arraySync() as number[][]);
}

function checkInference(b: Batch, epsilon?: number): void {
  const call = `batchNormInference(a ${b.x.length}x${b.x[0].length} batch, ...${epsilon === undefined ? "" : `, epsilon ${epsilon}`})`;
  const got = epsilon === undefined
    ? sub.batchNormInference(b.x, b.gamma, b.beta, b.mean, b.variance)
    : sub.batchNormInference(b.x, b.gamma, b.beta, b.mean, b.variance, epsilon);
  expectArrayClose(got, tfBatchNorm(b, b.mean, b.variance, epsilon ?? 1e-3), call);
}

function training(b: Batch, epsilon: number) {
  const call = `batchNormTraining(a ${b.x.length}x${b.x[0].length} batch, ..., epsilon ${epsilon})`;
  const got = sub.batchNormTraining(b.x, b.gamma, b.beta, epsilon);
  if (typeof got !== "object" || got === null) throw new Error(`${call}: expected { output, mean, variance }, you returned ${show(got)}`);
  const { mean, variance } = tf.tidy(() => {
    const m = tf.moments(tf.tensor2d(b.x), 0);
    return { mean: m.mean.arraySync() as number[], variance: m.variance.arraySync() as number[] };
  });
  return { call, got, mean, variance };
}

graded("inference with running statistics (seeded)", 2, () => {
  const rng = seededRandom(511);
  checkInference(randomBatch(rng, 4, 3), 1e-3);
  checkInference(randomBatch(rng, 1, 5), 1e-3);
  checkInference(randomBatch(rng, 6, 1), 1e-3);
});

graded("inference: epsilon is used, and 1e-3 is the default", 1, () => {
  const rng = seededRandom(512);
  const b = randomBatch(rng, 3, 2);
  b.variance = [0.01, 0.002];
  checkInference(b, 0.1);
  checkInference(b);
});

graded("training: the batch mean and biased variance per channel (seeded)", 2, () => {
  const rng = seededRandom(513);
  for (const [n, c] of [[5, 3], [8, 2], [2, 4]]) {
    const { call, got, mean, variance } = training(randomBatch(rng, n, c), 1e-3);
    expectArrayClose(got.mean, mean, `${call}.mean`);
    expectArrayClose(got.variance, variance, `${call}.variance`);
  }
});

graded("training: the output normalised with the batch statistics (seeded)", 2, () => {
  const rng = seededRandom(514);
  for (const [n, c] of [[5, 3], [8, 2], [3, 1]]) {
    const b = randomBatch(rng, n, c);
    const { call, got, mean, variance } = training(b, 0.01);
    expectArrayClose(got.output, tfBatchNorm(b, mean, variance, 0.01), `${call}.output`);
  }
});
