/**
 * Exercise 05 (CNN layers): the forward pass of batch normalisation.
 *
 * x is a batch of N examples by C channels (x[n][c]); gamma (scale) and beta (shift) have one
 * value per channel. Each channel is normalised with a mean and a variance, then scaled and
 * shifted: y = gamma * (x - mean) / sqrt(variance + epsilon) + beta.
 * batchNormInference uses the running statistics it is given (what a trained network does).
 * batchNormTraining uses the batch's own statistics per channel: the mean over the N examples and
 * the biased variance (divided by N), and returns them too. Do not modify the inputs.
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
  throw new Error("TODO: batchNormInference (exercises/05-batchnorm-forward.ts)");
}

export function batchNormTraining(x: number[][], gamma: number[], beta: number[], epsilon = 1e-3): { output: number[][]; mean: number[]; variance: number[] } {
  throw new Error("TODO: batchNormTraining (exercises/05-batchnorm-forward.ts)");
}
