// Graded: exercises/06-conv-gradients.ts. Oracle: TF.js's automatic differentiation of
// L = sum(conv2d(X, K) * G), whose gradient dL/dO is G.
import type * as TF from "@tensorflow/tfjs";
import { expectArrayClose, randomMatrix, seededRandom } from "./check";
import { graded, submission } from "./harness";
import { filter4d, image4d, tf, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/06-conv-gradients")>("06-conv-gradients");
useTfCpu();

function tfGradients(input: number[][], kernel: number[][], outputGradient: number[][]): { dX: number[][]; dK: number[][] } {
  return tf.tidy(() => {
    const g = image4d(outputGradient);
    const loss = (x: TF.Tensor, k: TF.Tensor) => tf.sum(tf.mul(tf.conv2d(x as TF.Tensor4D, k as TF.Tensor4D, 1, "valid"), g));
    const [dX, dK] = tf.grads(loss)([image4d(input), filter4d(kernel)]);
    const plain = (t: TF.Tensor, rows: number, cols: number) => t.reshape([rows, cols]).arraySync() as number[][];
    return { dX: plain(dX, input.length, input[0].length), dK: plain(dK, kernel.length, kernel[0].length) };
  });
}

type Case = { input: number[][]; kernel: number[][]; outputGradient: number[][] };

function randomCase(rng: () => number, h: number, w: number, kh: number, kw: number): Case {
  return { input: randomMatrix(rng, h, w), kernel: randomMatrix(rng, kh, kw), outputGradient: randomMatrix(rng, h - kh + 1, w - kw + 1) };
}

function checkFilter(c: Case): void {
  const call = `filterGradient(a ${c.input.length}x${c.input[0].length} input, a ${c.outputGradient.length}x${c.outputGradient[0].length} dL/dO)`;
  expectArrayClose(sub.filterGradient(c.input, c.outputGradient), tfGradients(c.input, c.kernel, c.outputGradient).dK, call);
}

function checkInput(c: Case): void {
  const call = `inputGradient(a ${c.kernel.length}x${c.kernel[0].length} kernel, a ${c.outputGradient.length}x${c.outputGradient[0].length} dL/dO)`;
  expectArrayClose(sub.inputGradient(c.kernel, c.outputGradient), tfGradients(c.input, c.kernel, c.outputGradient).dX, call);
}

graded("filter gradient, square (seeded)", 2, () => {
  const rng = seededRandom(601);
  checkFilter(randomCase(rng, 4, 4, 3, 3));
  checkFilter(randomCase(rng, 6, 6, 2, 2));
  checkFilter(randomCase(rng, 5, 5, 5, 5));
});

graded("filter gradient, non-square (seeded)", 1, () => {
  const rng = seededRandom(602);
  checkFilter(randomCase(rng, 5, 7, 2, 3));
  checkFilter(randomCase(rng, 6, 3, 4, 1));
});

graded("input gradient, square (seeded)", 2, () => {
  const rng = seededRandom(603);
  checkInput(randomCase(rng, 4, 4, 3, 3));
  checkInput(randomCase(rng, 6, 6, 2, 2));
  checkInput(randomCase(rng, 3, 3, 1, 1));
});

graded("input gradient, non-square (seeded)", 2, () => {
  const rng = seededRandom(604);
  checkInput(randomCase(rng, 5, 7, 2, 3));
  checkInput(randomCase(rng, 6, 3, 4, 1));
});
