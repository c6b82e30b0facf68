// Graded: exercises/02-cross-correlation.ts. Oracles: a case worked by hand, and tf.conv2d.
import { copy, expectArrayClose, randomInt, randomMatrix, seededRandom } from "./check";
import { graded, submission } from "./harness";
import { tfCrossCorrelate, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/02-cross-correlation")>("02-cross-correlation");
useTfCpu();

function check(image: number[][], kernel: number[][], stride = 1): void {
  const call = `crossCorrelate2d(${JSON.stringify(image)}, ${JSON.stringify(kernel)}, ${stride})`;
  expectArrayClose(sub.crossCorrelate2d(image, kernel, stride), tfCrossCorrelate(image, kernel, stride), call);
}

graded("a 4x4 image and a 3x3 kernel worked by hand", 2, () => {
  const image = [[3, 0, 1, 2], [1, 5, 8, 9], [2, 7, 2, 5], [0, 1, 3, 1]];
  const kernel = [[1, 0, -1], [1, 0, -1], [1, 0, -1]]; // vertical-edge kernel, not symmetric: flipping it changes the sign
  // out[0][0] = (3 + 1 + 2) - (1 + 8 + 2) = -5; out[0][1] = (0 + 5 + 7) - (2 + 9 + 5) = -4;
  // out[1][0] = (1 + 2 + 0) - (8 + 2 + 3) = -10; out[1][1] = (5 + 7 + 1) - (9 + 5 + 1) = -2.
  expectArrayClose(sub.crossCorrelate2d(image, kernel), [[-5, -4], [-10, -2]], "crossCorrelate2d(4x4 image, vertical-edge kernel)");
});

graded("random images and kernels, stride 1 (seeded)", 3, () => {
  const rng = seededRandom(201);
  for (let i = 0; i < 6; i++) {
    const k = randomInt(rng, 1, 4);
    const n = randomInt(rng, k, 8);
    check(randomMatrix(rng, n, n), randomMatrix(rng, k, k));
  }
});

graded("non-square images and kernels", 2, () => {
  const rng = seededRandom(202);
  check(randomMatrix(rng, 3, 7), randomMatrix(rng, 2, 3));
  check(randomMatrix(rng, 6, 4), randomMatrix(rng, 3, 1));
  check(randomMatrix(rng, 5, 5), randomMatrix(rng, 1, 5));
});

graded("stride 2 and 3", 2, () => {
  const rng = seededRandom(203);
  check(randomMatrix(rng, 7, 7), randomMatrix(rng, 3, 3), 2);
  check(randomMatrix(rng, 8, 6), randomMatrix(rng, 2, 2), 2);
  check(randomMatrix(rng, 9, 10), randomMatrix(rng, 3, 2), 3);
});

graded("leaves its inputs unchanged", 1, () => {
  const rng = seededRandom(204);
  const image = randomMatrix(rng, 5, 5);
  const kernel = randomMatrix(rng, 3, 3);
  const [imageBefore, kernelBefore] = [copy(image), copy(kernel)];
  expectArrayClose(sub.crossCorrelate2d(image, kernel), tfCrossCorrelate(image, kernel), "crossCorrelate2d(5x5, 3x3)");
  expectArrayClose(image, imageBefore, "the image after crossCorrelate2d (it must not change)", 0);
  expectArrayClose(kernel, kernelBefore, "the kernel after crossCorrelate2d (it must not change)", 0);
});
