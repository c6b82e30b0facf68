// Graded: exercises/06-sgd-step.ts. Oracle: the same network in TF.js, its gradients from tf.grads.
import type * as TF from "@tensorflow/tfjs";
import { copy, expectArrayClose, expectNumberClose, randomInt, randomMatrix, randomVector, seededRandom, show } from "./check";
import { graded, submission } from "./harness";
import { tf, useTfCpu } from "./oracles";
import type { SgdStep, TinyNet } from "../../exercises/06-sgd-step";

const sub = submission<typeof import("../../exercises/06-sgd-step")>("06-sgd-step");
useTfCpu();

type Case = { net: TinyNet; x: number[]; label: number; lr: number };

function randomCase(rng: () => number): Case {
  const [inputs, hiddenUnits, classes] = [randomInt(rng, 2, 5), randomInt(rng, 2, 6), randomInt(rng, 2, 4)];
  return {
    net: { w1: randomMatrix(rng, hiddenUnits, inputs), b1: randomVector(rng, hiddenUnits), w2: randomMatrix(rng, classes, hiddenUnits), b2: randomVector(rng, classes) },
    x: randomVector(rng, inputs),
    label: randomInt(rng, 0, classes - 1),
    lr: [0.1, 0.5, 1][randomInt(rng, 0, 2)],
  };
}

function tfProbs(net: TinyNet, x: number[]): number[] {
  return tf.tidy(() => tfForward(net.w1, net.b1, net.w2, net.b2, x).arraySync() as number[]);
}

function tfForward(w1: TF.Tensor | number[][], b1: TF.Tensor | number[], w2: TF.Tensor | number[][], b2: TF.Tensor | number[], x: number[]): TF.Tensor1D {
  const h = tf.relu(tf.add(tf.matMul(w1 as TF.Tensor2D, tf.tensor2d(x, [x.length, 1])).reshape([-1]), b1));
  return tf.softmax(tf.add(tf.matMul(w2 as TF.Tensor2D, h.reshape([-1, 1])).reshape([-1]), b2)) as TF.Tensor1D;
}

function tfStep({ net, x, label, lr }: Case): { loss: number; net: TinyNet } {
  return tf.tidy(() => {
    const params = [tf.tensor2d(net.w1), tf.tensor1d(net.b1), tf.tensor2d(net.w2), tf.tensor1d(net.b2)];
    const lossOf = (w1: TF.Tensor, b1: TF.Tensor, w2: TF.Tensor, b2: TF.Tensor) => tf.neg(tf.log(tfForward(w1, b1, w2, b2, x).gather([label]))).sum();
    const grads = tf.grads(lossOf)(params);
    const [w1, b1, w2, b2] = params.map((p, i) => tf.sub(p, tf.mul(lr, grads[i])).arraySync());
    const loss = (lossOf(params[0], params[1], params[2], params[3]).arraySync() as number);
    return { loss, net: { w1: w1 as number[][], b1: b1 as number[], w2: w2 as number[][], b2: b2 as number[] } };
  });
}

function step(c: Case): { call: string; got: SgdStep } {
  const call = `sgdStep(a ${c.net.w1[0].length}-${c.net.w1.length}-${c.net.w2.length} net, label ${c.label}, learningRate ${c.lr})`;
  const got = sub.sgdStep(c.net, c.x, c.label, c.lr);
  if (typeof got !== "object" || got === null || typeof got.net !== "object") {
    throw new Error(`${call}: expected { loss, probsBefore, net, probsAfter }, you returned ${show(got)}`);
  }
  return { call, got };
}

const CASES = (seed: number, n: number): Case[] => {
  const rng = seededRandom(seed);
  return Array.from({ length: n }, () => randomCase(rng));
};

graded("forward: the class probabilities (seeded)", 2, () => {
  for (const c of CASES(611, 5)) expectArrayClose(sub.forward(c.net, c.x), tfProbs(c.net, c.x), `forward(a ${c.net.w1[0].length}-${c.net.w1.length}-${c.net.w2.length} net, x)`);
});

graded("sgdStep: loss and probabilities before the step", 1, () => {
  for (const c of CASES(612, 4)) {
    const { call, got } = step(c);
    expectNumberClose(got.loss, tfStep(c).loss, `${call}.loss`);
    expectArrayClose(got.probsBefore, tfProbs(c.net, c.x), `${call}.probsBefore`);
  }
});

graded("sgdStep: updated output layer w2, b2", 2, () => {
  for (const c of CASES(613, 4)) {
    const { call, got } = step(c);
    const want = tfStep(c).net;
    expectArrayClose(got.net.w2, want.w2, `${call}.net.w2`);
    expectArrayClose(got.net.b2, want.b2, `${call}.net.b2`);
  }
});

graded("sgdStep: updated hidden layer w1, b1 (through the ReLU)", 3, () => {
  for (const c of CASES(614, 5)) {
    const { call, got } = step(c);
    const want = tfStep(c).net;
    expectArrayClose(got.net.w1, want.w1, `${call}.net.w1`);
    expectArrayClose(got.net.b1, want.b1, `${call}.net.b1`);
  }
});

graded("sgdStep: probabilities after the step, input network unchanged", 1, () => {
  for (const c of CASES(615, 4)) {
    const before = copy(c.net);
    const { call, got } = step(c);
    const after = tfProbs(tfStep(c).net, c.x);
    expectArrayClose(got.probsAfter, after, `${call}.probsAfter`);
    for (const key of ["w1", "b1", "w2", "b2"] as const) {
      expectArrayClose(c.net[key], before[key], `the input network's ${key} after ${call} (it must not change)`, 0);
    }
  }
});
