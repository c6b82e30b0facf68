// Graded: exercises/02-zero-padding.ts. Oracles: tf.pad, and tf.conv2d with padding "same".
import type * as TF from "@tensorflow/tfjs";
import { copy, expectArrayClose, randomInt, randomMatrix, seededRandom, show } from "./check";
import { graded, submission } from "./harness";
import { filter4d, image4d, tf, toMatrix, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/02-zero-padding")>("02-zero-padding");
useTfCpu();

function checkPad(image: number[][], padRows: number, padCols: number): void {
  const expected = tf.tidy(() => tf.pad(tf.tensor2d(image), [[padRows, padRows], [padCols, padCols]]).arraySync() as number[][]);
  expectArrayClose(sub.zeroPad(image, padRows, padCols), expected, `zeroPad(a ${image.length}x${image[0].length} image, ${padRows}, ${padCols})`);
}

// The answer is right when a valid convolution of the image padded that way (by tf.pad) equals
// TF.js's own "same" convolution, for a non-square kernel of each size.
function checkSame(kernelSize: number, seed: number): void {
  const rng = seededRandom(seed);
  const image = randomMatrix(rng, 7, 8);
  const kernel = randomMatrix(rng, kernelSize, kernelSize);
  const answer = sub.samePadding(kernelSize);
  const call = `samePadding(${kernelSize})`;
  if (!Array.isArray(answer) || answer.length !== 2 || !answer.every((v) => Number.isInteger(v) && v >= 0)) {
    throw new Error(`${call}: expected [before, after] (two whole numbers >= 0), you returned ${show(answer)}`);
  }
  const [before, after] = answer;
  if (before + after !== kernelSize - 1) {
    throw new Error(`${call}: before + after must be ${kernelSize - 1} for the size to stay the same, you returned ${show(answer)}`);
  }
  tf.tidy(() => {
    const same = toMatrix(tf.conv2d(image4d(image), filter4d(kernel), 1, "same"));
    const padded = tf.pad(image4d(image), [[0, 0], [before, after], [before, after], [0, 0]]) as TF.Tensor4D;
    const mine = toMatrix(tf.conv2d(padded, filter4d(kernel), 1, "valid"));
    expectArrayClose(mine, same, `${call} = ${show(answer)}: a valid convolution after this padding differs from TF.js's "same" convolution`);
  });
}

graded("zeroPad with equal padding (seeded)", 2, () => {
  const rng = seededRandom(211);
  for (let i = 0; i < 4; i++) {
    const p = randomInt(rng, 1, 3);
    checkPad(randomMatrix(rng, randomInt(rng, 1, 5), randomInt(rng, 1, 5)), p, p);
  }
});

graded("zeroPad with different row and column padding", 1, () => {
  const rng = seededRandom(212);
  checkPad(randomMatrix(rng, 3, 4), 2, 0);
  checkPad(randomMatrix(rng, 2, 5), 0, 3);
  checkPad(randomMatrix(rng, 4, 4), 1, 2);
});

graded("zeroPad returns a new image and leaves the input unchanged", 1, () => {
  const image = randomMatrix(seededRandom(213), 3, 3);
  const before = copy(image);
  checkPad(image, 0, 0);
  if (sub.zeroPad(image, 0, 0) === image) throw new Error("zeroPad(image, 0, 0): expected a new array, you returned the input itself");
  checkPad(image, 1, 1);
  expectArrayClose(image, before, "the image after zeroPad (it must not change)", 0);
});

graded("samePadding for odd kernel sizes", 1, () => {
  for (const k of [1, 3, 5, 7]) checkSame(k, 214 + k);
});

graded("samePadding for even kernel sizes", 2, () => {
  for (const k of [2, 4, 6]) checkSame(k, 218 + k);
});
