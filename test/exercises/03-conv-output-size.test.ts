// Graded: exercises/03-conv-output-size.ts. Oracle: the output shape of tf.conv2d itself.
import type * as TF from "@tensorflow/tfjs";
import { expectExact, randomInt, seededRandom } from "./check";
import { graded, submission } from "./harness";
import { explicitPadding, tf, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/03-conv-output-size")>("03-conv-output-size");
useTfCpu();

// TF.js refuses stride > 1 together with dilation > 1, so the dilated kernel is written out:
// K taps with D-1 zeros between them (D*(K-1)+1 wide), which is what dilation means.
function tfOutputSize(n: number, k: number, stride: number, pad: number, dilation: number): number {
  return tf.tidy(() => {
    const x = tf.zeros([1, n, n, 1]) as TF.Tensor4D;
    if (stride === 1 && dilation > 1) {
      return tf.conv2d(x, tf.zeros([k, k, 1, 1]) as TF.Tensor4D, 1, explicitPadding(pad), "NHWC", dilation).shape[1];
    }
    const span = dilation * (k - 1) + 1;
    return tf.conv2d(x, tf.zeros([span, span, 1, 1]) as TF.Tensor4D, stride, explicitPadding(pad)).shape[1];
  });
}

function check(n: number, k: number, s: number, p: number, d: number): void {
  expectExact(sub.convOutputSize(n, k, s, p, d), tfOutputSize(n, k, s, p, d), `convOutputSize(${n}, ${k}, ${s}, ${p}, ${d})`);
}

graded("no padding, stride 1", 1, () => {
  for (const [n, k] of [[5, 3], [7, 5], [28, 5], [32, 1], [6, 6]]) check(n, k, 1, 0, 1);
});

graded("padding, stride 1", 2, () => {
  for (const [n, k, p] of [[128, 5, 2], [7, 3, 1], [32, 5, 2], [10, 3, 3], [5, 5, 1]]) check(n, k, 1, p, 1);
});

graded("stride, including sizes the stride does not divide", 2, () => {
  for (const [n, k, s, p] of [[7, 3, 2, 1], [227, 11, 4, 0], [8, 3, 2, 0], [224, 7, 2, 3], [10, 3, 3, 1], [9, 2, 2, 0]]) check(n, k, s, p, 1);
});

graded("dilation", 2, () => {
  for (const [n, k, p, d] of [[7, 3, 0, 2], [15, 3, 2, 2], [32, 3, 4, 4], [20, 5, 0, 3]]) check(n, k, 1, p, d);
});

graded("random sizes, strides, paddings and dilations (seeded)", 3, () => {
  const rng = seededRandom(301);
  for (let i = 0; i < 25; i++) {
    const k = randomInt(rng, 1, 5);
    const d = randomInt(rng, 1, 3);
    const p = randomInt(rng, 0, 3);
    const n = randomInt(rng, d * (k - 1) + 1, 40);
    check(n, k, randomInt(rng, 1, 4), p, d);
  }
});
