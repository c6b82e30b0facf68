/**
 * Exercise 02 (the convolution process): 2D cross-correlation by hand, with plain arrays.
 *
 * Slide `kernel` over `image` WITHOUT flipping it (this is what CNN libraries call convolution),
 * only where it fits entirely (no padding), moving `stride` pixels at a time; each output pixel is
 * the sum of the element-wise products of the kernel and the image patch under it.
 * Write the loops yourself (no TF.js).
 *
 * Signature: crossCorrelate2d(image: number[][], kernel: number[][], stride = 1): number[][]
 * Example: crossCorrelate2d([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [0, -1]])
 *          === [[-4, -4], [-4, -4]]   (1*1 + 2*0 + 4*0 + 5*(-1) = -4, ...)
 * Do not modify the inputs.
 */
export function crossCorrelate2d(image: number[][], kernel: number[][], stride = 1): number[][] {
  throw new Error("TODO: crossCorrelate2d (exercises/02-cross-correlation.ts)");
}
