/**
 * Exercise 04 (convolution variants): is a kernel spatially separable, and into which 1-D kernels?
 *
 * A kernel is separable when it is the outer product of a column vector and a row vector
 * (kernel[i][j] = column[i] * row[j], i.e. it has rank 1): a K x 1 pass then a 1 x K pass replace
 * the K x K one. Return such a pair when it exists (within `tolerance`, relative to the kernel's
 * largest absolute entry), else null. Any pair whose outer product is the kernel is accepted.
 * An all-zero kernel counts as not separable (return null).
 *
 * Signature: separateKernel(kernel: number[][], tolerance = 1e-6): { column: number[]; row: number[] } | null
 * Example: separateKernel([[1, 0, -1], [2, 0, -2], [1, 0, -1]]) gives column [1, 2, 1], row [1, 0, -1]
 *          (or e.g. column [0.5, 1, 0.5], row [2, 0, -2]);
 *          separateKernel([[0, 1, 0], [1, -4, 1], [0, 1, 0]]) gives null (the Laplacian is rank 2).
 */
export function separateKernel(kernel: number[][], tolerance = 1e-6): { column: number[]; row: number[] } | null {
  throw new Error("TODO: separateKernel (exercises/04-kernel-separable.ts)");
}
