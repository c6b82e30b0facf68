// Graded: exercises/01-flatten-image.ts. Oracles: tf.reshape, and countParams() of tf.layers.dense.
import { copy, expectArrayClose, expectExact, randomInt, randomMatrix, seededRandom } from "./check";
import { graded, submission } from "./harness";
import { tf, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/01-flatten-image")>("01-flatten-image");
useTfCpu();

function randomImage(rng: () => number, h: number, w: number, c: number): number[][][] {
  return Array.from({ length: h }, () => randomMatrix(rng, w, c));
}

function checkFlatten(image: number[][][]): void {
  const expected = tf.tidy(() => tf.reshape(tf.tensor3d(image), [-1]).arraySync() as number[]);
  const [h, w, c] = [image.length, image[0].length, image[0][0].length];
  expectArrayClose(sub.flattenImage(image), expected, `flattenImage(a ${h}x${w}x${c} image)`);
}

function tfDenseParams(inputs: number, units: number): number {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [inputs], units, kernelInitializer: "zeros" })] });
  const n = model.countParams();
  model.dispose();
  return n;
}

graded("flattenImage on RGB images (seeded)", 2, () => {
  const rng = seededRandom(101);
  for (let i = 0; i < 4; i++) checkFlatten(randomImage(rng, randomInt(rng, 1, 5), randomInt(rng, 1, 5), 3));
});

graded("flattenImage on single-channel and many-channel images", 1, () => {
  const rng = seededRandom(102);
  checkFlatten(randomImage(rng, 4, 3, 1));
  checkFlatten(randomImage(rng, 2, 3, 7));
});

graded("flattenImage leaves the image unchanged", 1, () => {
  const image = randomImage(seededRandom(103), 3, 2, 3);
  const before = copy(image);
  checkFlatten(image);
  expectArrayClose(image, before, "the image after flattenImage (it must not change)", 0);
});

graded("denseParamsForImage: MNIST and small images", 2, () => {
  for (const [h, w, c, units] of [[28, 28, 1, 100], [32, 32, 3, 10], [5, 7, 2, 3]]) {
    expectExact(sub.denseParamsForImage(h, w, c, units), tfDenseParams(h * w * c, units), `denseParamsForImage(${h}, ${w}, ${c}, ${units})`);
  }
});

graded("denseParamsForImage: one neuron on a 224x224 RGB image, and random sizes (seeded)", 2, () => {
  expectExact(sub.denseParamsForImage(224, 224, 3, 1), tfDenseParams(224 * 224 * 3, 1), "denseParamsForImage(224, 224, 3, 1)");
  const rng = seededRandom(104);
  for (let i = 0; i < 5; i++) {
    const [h, w, c, units] = [randomInt(rng, 1, 30), randomInt(rng, 1, 30), randomInt(rng, 1, 4), randomInt(rng, 1, 20)];
    expectExact(sub.denseParamsForImage(h, w, c, units), tfDenseParams(h * w * c, units), `denseParamsForImage(${h}, ${w}, ${c}, ${units})`);
  }
});
