/**
 * Exercise 02 (the convolution process): 2D cross-correlation by hand, with plain arrays.
 *
 * What deep-learning libraries call "convolution" slides the kernel over the image WITHOUT flipping
 * it: out[i][j] = sum over a, b of image[i*s + a][j*s + b] * kernel[a][b], for every position where
 * the kernel fits entirely ("valid": no padding), moving s pixels at a time.
 *
 * Signature: crossCorrelate2d(image: number[][], kernel: number[][], stride = 1): number[][]
 * Example: crossCorrelate2d([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [0, -1]])
 *          === [[-4, -4], [-4, -4]]   (1*1 + 2*0 + 4*0 + 5*(-1) = -4, ...)
 * Do not modify the inputs.
 */
export function crossCorrelate2d(image: number[][], kernel: number[][], stride = 1): number[][] {
  const kh = kernel.length;
  const kw = kernel[0].length;
  const outH = Math.floor((image.length - kh) / stride) + 1;
  const outW = Math.floor((image[0].length - kw) / stride) + 1;
  const out: number[][] = [];
  for (let i = 0; i < outH; i++) {
    const row: number[] = [];
    for (let j = 0; j < outW; j++) {
      let acc = 0;
      for (let a = 0; a < kh; a++) {
        for (let b = 0; b < kw; b++) acc += image[i * stride + a][j * stride + b] * kernel[a][b];
      }
      row.push(acc);
    }
    out.push(row);
  }
  return out;
}
