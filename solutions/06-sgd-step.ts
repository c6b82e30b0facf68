/**
 * Exercise 06 (training with backpropagation): one manual SGD step on a tiny network.
 *
 * The network: h = relu(W1 x + b1), p = softmax(W2 h + b2), loss = -ln p[label] (cross-entropy).
 * Backpropagation, output to input:
 *   dz2 = p - onehot(label);  dW2 = dz2 h^T;  db2 = dz2
 *   dh = W2^T dz2;  dz1 = dh where W1 x + b1 > 0, else 0;  dW1 = dz1 x^T;  db1 = dz1
 * and SGD moves every parameter against its gradient: w <- w - learningRate * dL/dw.
 *
 * Signatures: forward(net: TinyNet, x: number[]): number[]   (the class probabilities p)
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

const matVec = (m: number[][], v: number[], bias: number[]): number[] => m.map((row, i) => row.reduce((s, w, j) => s + w * v[j], bias[i]));

function hidden(net: TinyNet, x: number[]): { pre: number[]; h: number[] } {
  const pre = matVec(net.w1, x, net.b1);
  return { pre, h: pre.map((z) => Math.max(0, z)) };
}

function softmax(z: number[]): number[] {
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

export function forward(net: TinyNet, x: number[]): number[] {
  return softmax(matVec(net.w2, hidden(net, x).h, net.b2));
}

export function sgdStep(net: TinyNet, x: number[], label: number, learningRate: number): SgdStep {
  const { pre, h } = hidden(net, x);
  const p = softmax(matVec(net.w2, h, net.b2));
  const dz2 = p.map((v, k) => v - (k === label ? 1 : 0));
  const dz1 = h.map((_, j) => (pre[j] > 0 ? dz2.reduce((s, d, k) => s + d * net.w2[k][j], 0) : 0));
  const next: TinyNet = {
    w1: net.w1.map((row, j) => row.map((w, i) => w - learningRate * dz1[j] * x[i])),
    b1: net.b1.map((b, j) => b - learningRate * dz1[j]),
    w2: net.w2.map((row, k) => row.map((w, j) => w - learningRate * dz2[k] * h[j])),
    b2: net.b2.map((b, k) => b - learningRate * dz2[k]),
  };
  return { loss: -Math.log(p[label]), probsBefore: p, net: next, probsAfter: forward(next, x) };
}
