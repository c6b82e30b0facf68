// Graded: exercises/04-transposed-conv.ts. Oracles: tf.conv2dTranspose (with a 1x1 kernel of 1,
// it is exactly zero insertion) and tf.reverse.
import { copy, expectArrayClose, randomInt, randomMatrix, seededRandom } from "./check";
import { graded, submission } from "./harness";
import { filter4d, image4d, tf, toMatrix, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/04-transposed-conv")>("04-transposed-conv");
useTfCpu();

function tfTransposed(input: number[][], kernel: number[][], stride: number): number[][] {
  const [h, w] = [input.length, input[0].length];
  const [kh, kw] = [kernel.length, kernel[0].length];
  const outShape: [number, number, number, number] = [1, (h - 1) * stride + kh, (w - 1) * stride + kw, 1];
  return tf.tidy(() => toMatrix(tf.conv2dTranspose(image4d(input), filter4d(kernel), outShape, stride, "valid")));
}

function checkTransposed(input: number[][], kernel: number[][], stride: number): void {
  const call = `transposedConv2d(a ${input.length}x${input[0].length} input, a ${kernel.length}x${kernel[0].length} kernel, stride ${stride})`;
  expectArrayClose(sub.transposedConv2d(input, kernel, stride), tfTransposed(input, kernel, stride), call);
}

graded("insertZeros (seeded)", 1, () => {
  const rng = seededRandom(401);
  for (const stride of [1, 2, 3]) {
    const input = randomMatrix(rng, randomInt(rng, 1, 4), randomInt(rng, 2, 4));
    expectArrayClose(sub.insertZeros(input, stride), tfTransposed(input, [[1]], stride), `insertZeros(a ${input.length}x${input[0].length} input, ${stride})`);
  }
});

graded("flipKernel (seeded)", 1, () => {
  const rng = seededRandom(402);
  for (const [kh, kw] of [[3, 3], [2, 4], [1, 3]]) {
    const kernel = randomMatrix(rng, kh, kw);
    const expected = tf.tidy(() => tf.reverse(tf.tensor2d(kernel), [0, 1]).arraySync() as number[][]);
    expectArrayClose(sub.flipKernel(kernel), expected, `flipKernel(${JSON.stringify(kernel)})`);
  }
});

graded("transposedConv2d, stride 1", 2, () => {
  const rng = seededRandom(403);
  checkTransposed(randomMatrix(rng, 3, 3), randomMatrix(rng, 3, 3), 1);
  checkTransposed(randomMatrix(rng, 2, 4), randomMatrix(rng, 2, 2), 1);
});

graded("transposedConv2d, stride 2 and 3 (upsampling)", 3, () => {
  const rng = seededRandom(404);
  checkTransposed(randomMatrix(rng, 2, 2), randomMatrix(rng, 3, 3), 2);
  checkTransposed(randomMatrix(rng, 3, 3), randomMatrix(rng, 2, 2), 2);
  checkTransposed(randomMatrix(rng, 2, 3), randomMatrix(rng, 3, 3), 3);
});

graded("transposedConv2d with non-square kernels, inputs unchanged", 1, () => {
  const rng = seededRandom(405);
  const input = randomMatrix(rng, 3, 2);
  const kernel = randomMatrix(rng, 2, 3);
  const [inputBefore, kernelBefore] = [copy(input), copy(kernel)];
  checkTransposed(input, kernel, 2);
  expectArrayClose(input, inputBefore, "the input after transposedConv2d (it must not change)", 0);
  expectArrayClose(kernel, kernelBefore, "the kernel after transposedConv2d (it must not change)", 0);
});
