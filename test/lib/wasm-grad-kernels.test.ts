// The gradient kernels registered for wasm must agree with the CPU backend's reference kernels,
// leak nothing, and let a small CNN train with model.fit on wasm.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { type PlainTensor, gradientsOn, initBackend, relativeError } from "../../kernel-lib/backend";
import { Rng } from "../../kernel-lib/data/random";
import { WASM_GRAD_KERNEL_NAMES, registerWasmGradKernels } from "../../kernel-lib/backend/wasm-grad-kernels";

type Backend = "cpu" | "wasm";
type Pad = "same" | "valid" | number | [[number, number], [number, number], [number, number], [number, number]];

function seeded(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
}

function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function plain(shape: number[], seed: number): PlainTensor {
  return { shape, values: seeded(size(shape), seed) };
}

async function on<T>(backend: Backend, f: () => T): Promise<T> {
  await tf.setBackend(backend);
  return f();
}

/**
 * Gradients of sum(op(x, w) * r) for x and w on cpu and wasm (r: a fixed random upstream
 * gradient, passed as an input so each backend gets its own copy) must agree.
 */
async function compareGrads(
  op: (x: tf.Tensor4D, w: tf.Tensor4D, ...more: tf.Tensor[]) => tf.Tensor4D,
  inputs: PlainTensor[],
): Promise<void> {
  const outShape = await on("cpu", () =>
    tf.tidy(() => {
      const [x, w, ...more] = inputs.map((p) => tf.tensor(p.values, p.shape));
      return op(x as tf.Tensor4D, w as tf.Tensor4D, ...more).shape as number[];
    }));
  const all = [...inputs, plain(outShape, 99)];
  const f = (...xs: tf.Tensor[]) => tf.sum(tf.mul(op(xs[0] as tf.Tensor4D, xs[1] as tf.Tensor4D, ...xs.slice(2, -1)), xs[xs.length - 1]));
  const ref = await gradientsOn("cpu", f, all);
  const got = await gradientsOn("wasm", f, all);
  for (let i = 0; i < inputs.length; i++) {
    expect(relativeError(got[i].values, ref[i].values), `gradient of input ${i}`).toBeLessThanOrEqual(1e-4);
  }
}

/** Runs one kernel directly (covers attrs the op-level gradients never pass, e.g. dilations). */
async function compareKernel(
  kernel: string,
  inputs: Record<string, { shape: number[]; seed: number }>,
  attrs: Record<string, unknown>,
): Promise<void> {
  const run = () =>
    tf.tidy(() => {
      const ins: Record<string, tf.Tensor> = {};
      for (const [k, v] of Object.entries(inputs)) ins[k] = tf.tensor(seeded(size(v.shape), v.seed), v.shape);
      const out = tf.engine().runKernel(kernel, ins as unknown as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
      return { shape: out.shape, values: out.dataSync() as Float32Array };
    });
  const ref = await on("cpu", run);
  const got = await on("wasm", run);
  expect(got.shape).toEqual(ref.shape);
  expect(relativeError(got.values, ref.values)).toBeLessThanOrEqual(1e-4);
}

beforeAll(async () => {
  await initBackend("wasm");
});

afterEach(async () => {
  await tf.setBackend("wasm");
});

describe("registration", () => {
  it("provides the three missing kernels on wasm, idempotently", () => {
    for (const name of WASM_GRAD_KERNEL_NAMES) expect(tf.getKernel(name, "wasm"), name).toBeDefined();
    const before = tf.getKernelsForBackend("wasm").length;
    registerWasmGradKernels();
    registerWasmGradKernels();
    expect(tf.getKernelsForBackend("wasm").length).toBe(before);
  });
});

describe("Conv2DBackpropFilter on wasm matches cpu", () => {
  const cases: { x: number[]; w: number[]; s: number | [number, number]; pad: Pad; round?: "floor" | "round" | "ceil" }[] = [
    { x: [2, 7, 7, 3], w: [3, 3, 3, 4], s: 1, pad: "same" },
    { x: [2, 8, 8, 3], w: [3, 3, 3, 5], s: 2, pad: "same" },
    { x: [2, 9, 7, 3], w: [3, 3, 3, 2], s: 2, pad: "same" },
    { x: [3, 9, 8, 2], w: [5, 4, 2, 3], s: 2, pad: "valid" },
    { x: [2, 7, 6, 2], w: [3, 2, 2, 3], s: [2, 1], pad: "valid" },
    { x: [2, 6, 6, 2], w: [3, 3, 2, 2], s: 1, pad: [[0, 0], [1, 2], [0, 1], [0, 0]] },
    { x: [2, 7, 7, 2], w: [3, 3, 2, 3], s: 2, pad: 1, round: "floor" },
    { x: [1, 5, 5, 4], w: [1, 1, 4, 3], s: 1, pad: "valid" },
  ];
  for (const c of cases) {
    it(`x ${c.x} w ${c.w} stride ${c.s} pad ${JSON.stringify(c.pad)}`, async () => {
      await compareGrads((x, w) => tf.conv2d(x, w, c.s, c.pad, "NHWC", 1, c.round), [plain(c.x, 1), plain(c.w, 2)]);
    });
  }

  it("honours dataFormat NCHW", async () => {
    await compareKernel(
      tf.Conv2DBackpropFilter,
      { x: { shape: [2, 3, 7, 6], seed: 4 }, dy: { shape: [2, 4, 4, 3], seed: 5 } },
      { strides: [2, 2], pad: "same", dataFormat: "NCHW", filterShape: [3, 3, 3, 4] },
    );
  });
});

describe("DepthwiseConv2dNative gradients on wasm match cpu", () => {
  const cases: { x: number[]; w: number[]; s: number; pad: Pad }[] = [
    { x: [2, 7, 7, 3], w: [3, 3, 3, 1], s: 1, pad: "same" },
    { x: [2, 7, 7, 3], w: [3, 3, 3, 2], s: 1, pad: "same" },
    { x: [2, 8, 8, 2], w: [3, 3, 2, 1], s: 2, pad: "same" },
    { x: [2, 9, 9, 2], w: [3, 3, 2, 2], s: 2, pad: "same" },
    { x: [3, 9, 8, 2], w: [5, 3, 2, 2], s: 2, pad: "valid" },
    { x: [2, 6, 6, 3], w: [3, 3, 3, 2], s: 1, pad: [[0, 0], [2, 0], [1, 1], [0, 0]] },
  ];
  for (const c of cases) {
    it(`x ${c.x} w ${c.w} stride ${c.s} pad ${JSON.stringify(c.pad)}`, async () => {
      await compareGrads((x, w) => tf.depthwiseConv2d(x, w, c.s, c.pad), [plain(c.x, 1), plain(c.w, 2)]);
    });
  }

  // TF.js's own cpu kernels ignore `dilations` in these two kernels, so the reference is the
  // identity "dilated filter = filter with zeros inserted, undilated": the cpu input gradient
  // with the expanded filter, and the cpu filter gradient of the expanded filter sampled every
  // d-th tap.
  for (const [dil, mult, pad, stride] of [[[2, 2], 1, "same", 1], [[1, 2], 2, "valid", 1], [[3, 2], 2, "same", 1], [[2, 2], 2, "same", 2], [[2, 1], 1, "valid", 2]] as const) {
    it(`input and filter gradients with dilations ${dil}, multiplier ${mult}, pad ${pad}, stride ${stride}`, async () => {
      const [B, H, W, C] = [2, 9, 8, 2];
      const [KH, KW] = [3, 3];
      const [EH, EW] = [(KH - 1) * dil[0] + 1, (KW - 1) * dil[1] + 1];
      const oh = pad === "same" ? Math.ceil(H / stride) : Math.ceil((H - EH + 1) / stride);
      const ow = pad === "same" ? Math.ceil(W / stride) : Math.ceil((W - EW + 1) / stride);
      const x = seeded(B * H * W * C, 8);
      const dy = seeded(B * oh * ow * C * mult, 9);
      const w = seeded(KH * KW * C * mult, 7);
      const expanded = new Float32Array(EH * EW * C * mult);
      const inner = C * mult;
      for (let i = 0; i < KH; i++) {
        for (let j = 0; j < KW; j++) {
          expanded.set(w.subarray((i * KW + j) * inner, (i * KW + j + 1) * inner), (i * dil[0] * EW + j * dil[1]) * inner);
        }
      }
      const run = (kernel: string, ins: Record<string, [Float32Array, number[]]>, attrs: object) =>
        tf.tidy(() => {
          const named: Record<string, tf.Tensor> = {};
          for (const [k, [v, shape]] of Object.entries(ins)) named[k] = tf.tensor(v, shape);
          return (tf.engine().runKernel(kernel, named as unknown as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor).dataSync() as Float32Array;
        });
      const dyIn: [Float32Array, number[]] = [dy, [B, oh, ow, C * mult]];
      const common = { strides: [stride, stride], pad };

      await tf.setBackend("cpu");
      const refDx = run(tf.DepthwiseConv2dNativeBackpropInput,
        { dy: dyIn, filter: [expanded, [EH, EW, C, mult]] }, { ...common, dilations: [1, 1], inputShape: [B, H, W, C] });
      const refDwExpanded = run(tf.DepthwiseConv2dNativeBackpropFilter,
        { x: [x, [B, H, W, C]], dy: dyIn }, { ...common, dilations: [1, 1], filterShape: [EH, EW, C, mult] });
      const refDw = new Float32Array(KH * KW * inner);
      for (let i = 0; i < KH; i++) {
        for (let j = 0; j < KW; j++) {
          const from = (i * dil[0] * EW + j * dil[1]) * inner;
          refDw.set(refDwExpanded.subarray(from, from + inner), (i * KW + j) * inner);
        }
      }

      await tf.setBackend("wasm");
      const dx = run(tf.DepthwiseConv2dNativeBackpropInput,
        { dy: dyIn, filter: [w, [KH, KW, C, mult]] }, { ...common, dilations: [...dil], inputShape: [B, H, W, C] });
      const dw = run(tf.DepthwiseConv2dNativeBackpropFilter,
        { x: [x, [B, H, W, C]], dy: dyIn }, { ...common, dilations: [...dil], filterShape: [KH, KW, C, mult] });
      expect(relativeError(dx, refDx), "input gradient").toBeLessThanOrEqual(1e-4);
      expect(relativeError(dw, refDw), "filter gradient").toBeLessThanOrEqual(1e-4);
    });
  }

  it("separableConv2d gradients (depthwise + pointwise) match", async () => {
    const op = (x: tf.Tensor4D, w: tf.Tensor4D, p: tf.Tensor) => tf.separableConv2d(x, w, p as tf.Tensor4D, 1, "same");
    await compareGrads(op, [plain([2, 6, 6, 2], 1), plain([3, 3, 2, 2], 2), plain([1, 1, 4, 5], 3)]);
  });
});

describe("no leaks", () => {
  it("leaves tensor and wasm buffer counts unchanged after gradient computations", async () => {
    await tf.setBackend("wasm");
    const backend = tf.engine().backend;
    const x = tf.tensor4d(seeded(2 * 8 * 8 * 3, 1), [2, 8, 8, 3]);
    const w = tf.tensor4d(seeded(3 * 3 * 3 * 4, 2), [3, 3, 3, 4]);
    const dw = tf.tensor4d(seeded(3 * 3 * 3 * 2, 3), [3, 3, 3, 2]);
    const step = () => {
      const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, "same")))([x, w]);
      const [hx, hw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, "same")))([x, dw]);
      tf.dispose([gx, gw, hx, hw]);
    };
    step(); // warm-up: backend caches (XNNPACK operators) are not leaks
    const tensors = tf.memory().numTensors;
    const buffers = backend.numDataIds();
    step();
    step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(buffers);
    tf.dispose([x, w, dw]);
  });
});

describe("training on wasm", () => {
  it("a small CNN (conv2d, separableConv2d, batchNorm, maxPool, dense) lowers its loss with model.fit", async () => {
    await tf.setBackend("wasm");
    const n = 48;
    // Class = which quadrant holds a bright 4x4 square on a noisy 12x12 image.
    const noise = seeded(n * 12 * 12, 21);
    const pixels = new Float32Array(n * 12 * 12);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const cls = i % 4;
      labels[i] = cls;
      const r0 = cls < 2 ? 1 : 7;
      const c0 = cls % 2 === 0 ? 1 : 7;
      for (let r = 0; r < 12; r++) {
        for (let c = 0; c < 12; c++) {
          const inside = r >= r0 && r < r0 + 4 && c >= c0 && c < c0 + 4;
          pixels[(i * 12 + r) * 12 + c] = (inside ? 1 : 0) + 0.2 * noise[(i * 12 + r) * 12 + c];
        }
      }
    }
    const xs = tf.tensor4d(pixels, [n, 12, 12, 1]);
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, "int32"), 4));
    const init = (seed: number) => tf.initializers.glorotUniform({ seed });
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [12, 12, 1], filters: 4, kernelSize: 3, padding: "same", kernelInitializer: init(1) }),
        tf.layers.batchNormalization(),
        tf.layers.activation({ activation: "relu" }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.separableConv2d({
          filters: 6, kernelSize: 3, strides: 2, padding: "same", depthMultiplier: 2, activation: "relu",
          depthwiseInitializer: init(2), pointwiseInitializer: init(3),
        }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 4, activation: "softmax", kernelInitializer: init(4) }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.02), loss: "categoricalCrossentropy" });
    const history = await model.fit(xs, ys, { epochs: 8, batchSize: 16, shuffle: false, verbose: 0 });
    const loss = history.history.loss as number[];
    expect(loss.every(Number.isFinite)).toBe(true);
    expect(loss[loss.length - 1]).toBeLessThan(0.7 * loss[0]);
    model.dispose();
    tf.dispose([xs, ys]);
  });
});
