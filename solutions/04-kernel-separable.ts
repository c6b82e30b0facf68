/**
 * Exercise 04 (convolution variants): is a kernel spatially separable, and into which 1-D kernels?
 *
 * A K_h x K_w kernel is separable when it is an outer product column x row (rank 1): then one
 * K_h x 1 pass followed by one 1 x K_w pass does the same work with K_h + K_w instead of
 * K_h * K_w multiplications per pixel. Every row is a multiple of one non-zero row, so take the
 * row with the largest entry as `row` and each row's multiple of it as `column`; the kernel is
 * separable when column x row reproduces it (within `tolerance`, relative to its largest entry).
 *
 * Signature: separateKernel(kernel: number[][], tolerance = 1e-6): { column: number[]; row: number[] } | null
 * Example: separateKernel([[1, 0, -1], [2, 0, -2], [1, 0, -1]]) gives column [1, 2, 1], row [1, 0, -1]
 *          (any scaling of the pair whose outer product is the kernel is right);
 *          separateKernel([[0, 1, 0], [1, -4, 1], [0, 1, 0]]) gives null (the Laplacian is rank 2).
 */
export function separateKernel(kernel: number[][], tolerance = 1e-6): { column: number[]; row: number[] } | null {
  let pivot = { i: 0, j: 0, value: 0 };
  kernel.forEach((r, i) => r.forEach((v, j) => {
    if (Math.abs(v) > Math.abs(pivot.value)) pivot = { i, j, value: v };
  }));
  if (pivot.value === 0) return null;
  const row = [...kernel[pivot.i]];
  const column = kernel.map((r) => r[pivot.j] / pivot.value);
  const scale = Math.abs(pivot.value);
  const rankOne = kernel.every((r, i) => r.every((v, j) => Math.abs(column[i] * row[j] - v) <= tolerance * scale));
  return rankOne ? { column, row } : null;
}
