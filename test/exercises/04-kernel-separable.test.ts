// Graded: exercises/04-kernel-separable.ts. Oracles: the outer product of the returned factors must
// reproduce the kernel (tf.outerProduct), and kernels built with rank 2 must be refused.
import { expectArrayClose, randomInt, randomMatrix, randomVector, seededRandom, show } from "./check";
import { graded, submission } from "./harness";
import { tf, useTfCpu } from "./oracles";

const sub = submission<typeof import("../../exercises/04-kernel-separable")>("04-kernel-separable");
useTfCpu();

function outer(column: number[], row: number[]): number[][] {
  return tf.tidy(() => tf.outerProduct(tf.tensor1d(column), tf.tensor1d(row)).arraySync() as number[][]);
}

function checkSeparable(kernel: number[][]): void {
  const call = `separateKernel(${JSON.stringify(kernel)})`;
  const got = sub.separateKernel(kernel);
  if (!got || !Array.isArray(got.column) || !Array.isArray(got.row)) {
    throw new Error(`${call}: the kernel is separable, expected { column, row }, you returned ${show(got)}`);
  }
  if (got.column.length !== kernel.length || got.row.length !== kernel[0].length) {
    throw new Error(`${call}: expected a column of ${kernel.length} and a row of ${kernel[0].length} numbers, you returned ${show(got)}`);
  }
  expectArrayClose(outer(got.column, got.row), kernel, `the outer product column x row of your ${show(got)} for ${call}`, 1e-4);
}

function checkNotSeparable(kernel: number[][]): void {
  const got = sub.separateKernel(kernel);
  if (got !== null) throw new Error(`separateKernel(${JSON.stringify(kernel)}): the kernel has rank 2, expected null, you returned ${show(got)}`);
}

graded("Sobel and blur kernels", 2, () => {
  checkSeparable([[1, 0, -1], [2, 0, -2], [1, 0, -1]]);
  checkSeparable([[1, 2, 1], [0, 0, 0], [-1, -2, -1]]);
  checkSeparable(outer([1, 4, 6, 4, 1], [1, 4, 6, 4, 1]).map((r) => r.map((v) => v / 256)));
  checkSeparable([[1, 1, 1], [1, 1, 1], [1, 1, 1]].map((r) => r.map((v) => v / 9)));
});

graded("random rank-1 kernels, some with zero rows and columns (seeded)", 3, () => {
  const rng = seededRandom(421);
  for (let i = 0; i < 6; i++) {
    const column = randomVector(rng, randomInt(rng, 2, 5));
    const row = randomVector(rng, randomInt(rng, 2, 5));
    if (i % 2 === 0) column[0] = 0;
    if (i % 3 === 0) row[row.length - 1] = 0;
    checkSeparable(outer(column, row));
  }
});

graded("not separable: the Laplacian and random rank-2 kernels (seeded)", 2, () => {
  checkNotSeparable([[0, 1, 0], [1, -4, 1], [0, 1, 0]]);
  const rng = seededRandom(422);
  for (let i = 0; i < 4; i++) {
    const n = randomInt(rng, 2, 4);
    const a = outer(randomVector(rng, n), randomVector(rng, n));
    const b = outer(randomVector(rng, n), randomVector(rng, n));
    checkNotSeparable(a.map((r, y) => r.map((v, x) => v + b[y][x])));
  }
  checkNotSeparable(randomMatrix(rng, 3, 3));
});
