// wasm's BatchMatMul is wrapped so transposed operands go through an explicit Transpose
// (kernel-lib/backend/wasm-matmul.ts): results must equal the CPU backend's for every
// transpose combination, batched and broadcast, gradients included, with nothing leaked.
import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { type PlainTensor, gradientsOn, initBackend, relativeError } from "../../kernel-lib/backend";
import { Rng } from "../../kernel-lib/data/random";
import { registerWasmFastMatMul } from "../../kernel-lib/backend/wasm-matmul";

function plain(shape: number[], seed: number): PlainTensor {
  const rng = new Rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, values: Float32Array.from({ length: n }, () => rng.uniform(-1, 1)) };
}

async function matMulOn(backend: string, a: PlainTensor, b: PlainTensor, ta: boolean, tb: boolean): Promise<PlainTensor> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const out = tf.matMul(tf.tensor(a.values, a.shape), tf.tensor(b.values, b.shape), ta, tb);
    return { shape: out.shape, values: out.dataSync() as Float32Array };
  });
}

describe("wasm BatchMatMul with transposed operands", () => {
  beforeAll(async () => {
    await initBackend("wasm");
  });

  it("is the wrapped kernel, and wrapping again changes nothing", () => {
    const before = tf.getKernel(tf.BatchMatMul, "wasm")!.kernelFunc;
    expect((before as unknown as Record<symbol, boolean>)[Symbol.for("cnn-lab.wasm-matmul")]).toBe(true);
    registerWasmFastMatMul();
    expect(tf.getKernel(tf.BatchMatMul, "wasm")!.kernelFunc).toBe(before);
  });

  const cases: { name: string; a: number[]; b: number[]; ta: boolean; tb: boolean }[] = [
    { name: "plain 2D", a: [5, 7], b: [7, 3], ta: false, tb: false },
    { name: "A^T 2D", a: [7, 5], b: [7, 3], ta: true, tb: false },
    { name: "B^T 2D", a: [5, 7], b: [3, 7], ta: false, tb: true },
    { name: "A^T B^T 2D", a: [7, 5], b: [3, 7], ta: true, tb: true },
    { name: "batched A^T", a: [4, 9, 6], b: [4, 9, 2], ta: true, tb: false },
    { name: "batched B^T", a: [4, 6, 9], b: [4, 2, 9], ta: false, tb: true },
    { name: "broadcast batch, A^T B^T", a: [1, 9, 6], b: [3, 2, 9], ta: true, tb: true },
  ];
  for (const c of cases) {
    it(`matches cpu: ${c.name}`, async () => {
      const a = plain(c.a, 1);
      const b = plain(c.b, 2);
      const ref = await matMulOn("cpu", a, b, c.ta, c.tb);
      const got = await matMulOn("wasm", a, b, c.ta, c.tb);
      expect(got.shape).toEqual(ref.shape);
      expect(relativeError(got.values, ref.values)).toBeLessThanOrEqual(1e-5);
    });
  }

  it("gives a dense layer's gradients (dW = x^T dy, dx = dy W^T) equal to cpu's", async () => {
    const inputs = [plain([8, 12], 3), plain([12, 5], 4), plain([8, 5], 5)];
    const f = (x: tf.Tensor, w: tf.Tensor, r: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, w), r));
    const ref = await gradientsOn("cpu", f, inputs);
    const got = await gradientsOn("wasm", f, inputs);
    for (let i = 0; i < 2; i++) expect(relativeError(got[i].values, ref[i].values)).toBeLessThanOrEqual(1e-5);
  });

  it("leaks no tensor and no wasm buffer", async () => {
    await tf.setBackend("wasm");
    const a = tf.tensor(plain([16, 8], 6).values, [16, 8]);
    const b = tf.tensor(plain([4, 8], 7).values, [4, 8]);
    tf.matMul(a, b, false, true).dispose();
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    for (let i = 0; i < 3; i++) tf.matMul(a, b, false, true).dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    tf.dispose([a, b]);
  });
});
