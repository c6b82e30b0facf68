/**
 * Exercise 06 (training with backpropagation): one manual SGD step on a tiny network.
 *
 * The network has one hidden ReLU layer and a softmax output:
 *   h = relu(W1 x + b1),  p = softmax(W2 h + b2),  loss = -ln p[label]  (cross-entropy)
 * w1 is hidden x inputs (w1[j][i] connects input i to hidden unit j); w2 is classes x hidden.
 * forward: return the class probabilities p.
 * sgdStep: do one training step by hand (plain arrays, no TF.js): forward pass, loss, gradients
 * of the loss for w1, b1, w2, b2 by backpropagation, and the update w <- w - learningRate * dL/dw.
 * Return the loss and probabilities before the step, the updated network (a NEW object: leave the
 * input network unchanged), and the probabilities after the step.
 *
 * Signatures: forward(net: TinyNet, x: number[]): number[]
 *             sgdStep(net: TinyNet, x: number[], label: number, learningRate: number): SgdStep
 * Example: with w1 = [[1]], b1 = [0], w2 = [[1], [-1]], b2 = [0, 0], x = [1]: forward gives
 *          [0.8808, 0.1192]; sgdStep(net, [1], 0, 0.5) gives loss 0.1269 and w2 [[1.0596], [-1.0596]].
 */
export interface TinyNet {
  /** hidden x inputs */
  w1: number[][];
  b1: number[];
  /** classes x hidden */
  w2: number[][];
  b2: number[];
}

export interface SgdStep {
  /** -ln p[label] before the step */
  loss: number;
  probsBefore: number[];
  /** The updated network (the input network is left unchanged). */
  net: TinyNet;
  /** forward(net after the step, x) */
  probsAfter: number[];
}

export function forward(net: TinyNet, x: number[]): number[] {
  throw new Error("TODO: forward (exercises/06-sgd-step.ts)");
}

export function sgdStep(net: TinyNet, x: number[], label: number, learningRate: number): SgdStep {
  throw new Error("TODO: sgdStep (exercises/06-sgd-step.ts)");
}
