/**
 * Exercise 05 (CNN layers): the forward pass of batch normalisation.
 *
 * x is a batch of N examples by C channels (x[n][c]). Per channel c:
 *   y = gamma[c] * (x - mean[c]) / sqrt(variance[c] + epsilon) + beta[c]
 * At inference mean and variance are the running statistics learnt in training. In training they
 * are the batch's own: mean over the N examples and the biased variance (divide by N).
 *
 * Signatures:
 *   batchNormInference(x, gamma, beta, runningMean, runningVariance, epsilon = 1e-3): number[][]
 *   batchNormTraining(x, gamma, beta, epsilon = 1e-3): { output: number[][]; mean: number[]; variance: number[] }
 * Example: batchNormInference([[1], [3]], [2], [0.5], [2], [1], 0) gives [[-1.5], [2.5]];
 *          batchNormTraining([[1], [3]], [1], [0], 0) gives { output: [[-1], [1]], mean: [2], variance: [1] }.
 */
export function batchNormInference(
  x: number[][],
  gamma: number[],
  beta: number[],
  runningMean: number[],
  runningVariance: number[],
  epsilon = 1e-3,
): number[][] {
  return x.map((row) => row.map((v, c) => (gamma[c] * (v - runningMean[c])) / Math.sqrt(runningVariance[c] + epsilon) + beta[c]));
}

export function batchNormTraining(x: number[][], gamma: number[], beta: number[], epsilon = 1e-3): { output: number[][]; mean: number[]; variance: number[] } {
  const n = x.length;
  const mean = x[0].map((_, c) => x.reduce((s, row) => s + row[c], 0) / n);
  const variance = x[0].map((_, c) => x.reduce((s, row) => s + (row[c] - mean[c]) ** 2, 0) / n);
  return { output: batchNormInference(x, gamma, beta, mean, variance, epsilon), mean, variance };
}
