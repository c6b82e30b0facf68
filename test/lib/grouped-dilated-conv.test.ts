// dilatedConv2d and groupedConv2d: forward equals tf.conv2d with dilations / one tf.conv2d per
// group; gradients equal finite differences and agree between cpu and wasm; the DilatedConv2D
// and GroupedConv2D layers serialize and train inside models on wasm.
import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { type PlainTensor, type ScalarFn, gradientsOn, initBackend, numericalGradients, relativeError } from "../../kernel-lib/backend";
import { Rng } from "../../kernel-lib/data/random";
import { DilatedConv2D, GroupedConv2D, dilatedConv2d, groupedConv2d } from "../../kernel-lib/nn";

function plain(shape: number[], seed: number): PlainTensor {
  const rng = new Rng(seed);
  return { shape, values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1)) };
}

const t4 = (p: PlainTensor) => tf.tensor4d(p.values, p.shape as [number, number, number, number]);

interface GradCase<O> {
  name: string;
  x: number[];
  w: number[];
  out: number[];
  opts: O;
}

/** Gradients of sum(conv(x, w) * r): finite differences on cpu, then cpu against wasm. */
function gradientTests<O>(cases: GradCase<O>[], loss: (opts: O) => ScalarFn): void {
  for (const c of cases) {
    it(`match finite differences (${c.name})`, async () => {
      const inputs = [plain(c.x, 1), plain(c.w, 2), plain(c.out, 3)];
      const analytic = await gradientsOn("cpu", loss(c.opts), inputs);
      const numeric = numericalGradients(loss(c.opts), inputs);
      expect(analytic[0].shape).toEqual(c.x);
      expect(relativeError(analytic[0].values, numeric[0].values), "input gradient").toBeLessThan(1e-2);
      expect(relativeError(analytic[1].values, numeric[1].values), "filter gradient").toBeLessThan(1e-2);
    });

    it(`agree between cpu and wasm (${c.name})`, async () => {
      const inputs = [plain(c.x, 4), plain(c.w, 5), plain(c.out, 6)];
      const ref = await gradientsOn("cpu", loss(c.opts), inputs);
      const got = await gradientsOn("wasm", loss(c.opts), inputs);
      expect(relativeError(got[0].values, ref[0].values)).toBeLessThanOrEqual(1e-4);
      expect(relativeError(got[1].values, ref[1].values)).toBeLessThanOrEqual(1e-4);
    });
  }
}

/** Rebuilds a layer the way model loading does: class looked up by name, then fromConfig. */
function fromRegisteredConfig<T>(className: string, config: tf.serialization.ConfigDict): T {
  const [ctor, fromConfig] = tf.serialization.SerializationMap.getMap().classNameMap[className];
  return fromConfig(ctor, config) as T;
}

/** Trains `model` on (x, y) and returns the loss history. */
async function lossHistory(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, loss: string): Promise<number[]> {
  model.compile({ optimizer: tf.train.adam(0.05), loss });
  const history = await model.fit(x, y, { epochs: 10, batchSize: 16, shuffle: false, verbose: 0 });
  return history.history.loss as number[];
}

/** Saves the model to memory, loads it back (needs the custom classes registered), compares predictions. */
async function expectSameAfterSaveLoad(model: tf.LayersModel, x: tf.Tensor): Promise<void> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
  }));
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
  const a = model.predict(x) as tf.Tensor;
  const b = loaded.predict(x) as tf.Tensor;
  expect(relativeError(b.dataSync(), a.dataSync())).toBeLessThan(1e-6);
  tf.dispose([a, b]);
  loaded.dispose();
}

beforeAll(async () => {
  await initBackend("wasm");
  await tf.setBackend("cpu");
});

/** The filter with zeros inserted between taps, built element by element (independent of the library). */
function spreadFilter(w: PlainTensor, rate: [number, number]): PlainTensor {
  const [kh, kw, ci, co] = w.shape;
  const eh = (kh - 1) * rate[0] + 1;
  const ew = (kw - 1) * rate[1] + 1;
  const inner = ci * co;
  const values = new Float32Array(eh * ew * inner);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      values.set(w.values.subarray((i * kw + j) * inner, (i * kw + j + 1) * inner), (i * rate[0] * ew + j * rate[1]) * inner);
    }
  }
  return { shape: [eh, ew, ci, co], values };
}

/** The definition: group g's outputs are tf.conv2d of group g's input channels with group g's filters. */
function perGroupReference(x: tf.Tensor4D, w: tf.Tensor4D, groups: number, strides: number, pad: "same" | "valid", dilation: number): tf.Tensor4D {
  const inPer = x.shape[3] / groups;
  const outPer = w.shape[3] / groups;
  const outs: tf.Tensor4D[] = [];
  for (let g = 0; g < groups; g++) {
    const xg = tf.slice(x, [0, 0, 0, g * inPer], [-1, -1, -1, inPer]);
    const wg = tf.slice(w, [0, 0, 0, g * outPer], [-1, -1, -1, outPer]);
    outs.push(tf.conv2d(xg, wg, strides, pad, "NHWC", dilation));
  }
  return tf.concat(outs, 3);
}

describe("dilatedConv2d forward", () => {
  const cases: { x: number[]; w: number[]; rate: [number, number]; pad: "same" | "valid" }[] = [
    { x: [2, 9, 9, 2], w: [3, 3, 2, 3], rate: [2, 2], pad: "same" },
    { x: [1, 10, 7, 3], w: [3, 3, 3, 2], rate: [2, 2], pad: "valid" },
    { x: [2, 11, 10, 2], w: [3, 2, 2, 2], rate: [3, 2], pad: "same" },
    { x: [1, 12, 12, 1], w: [2, 2, 1, 4], rate: [4, 4], pad: "same" },
    { x: [2, 8, 9, 2], w: [3, 3, 2, 2], rate: [1, 3], pad: "valid" },
  ];
  for (const c of cases) {
    it(`equals tf.conv2d with dilations ${c.rate} (x ${c.x}, w ${c.w}, ${c.pad})`, () => {
      tf.tidy(() => {
        const x = t4(plain(c.x, 1));
        const w = t4(plain(c.w, 2));
        const want = tf.conv2d(x, w, 1, c.pad, "NHWC", c.rate);
        const got = dilatedConv2d(x, w, { rate: c.rate, padding: c.pad });
        expect(got.shape).toEqual(want.shape);
        expect(relativeError(got.dataSync(), want.dataSync())).toBeLessThan(1e-5);
      });
    });
  }

  it("with stride 2 equals an undilated conv2d with the zero-spread filter", () => {
    tf.tidy(() => {
      const xp = plain([2, 11, 10, 2], 3);
      const wp = plain([3, 3, 2, 3], 4);
      for (const pad of ["same", "valid"] as const) {
        const want = tf.conv2d(t4(xp), t4(spreadFilter(wp, [2, 2])), 2, pad);
        const got = dilatedConv2d(t4(xp), t4(wp), { rate: 2, strides: 2, padding: pad });
        expect(got.shape).toEqual(want.shape);
        expect(relativeError(got.dataSync(), want.dataSync())).toBeLessThan(1e-5);
      }
    });
  });

  it("accepts an unbatched [h, w, c] input and rejects bad shapes clearly", () => {
    tf.tidy(() => {
      const x = tf.tensor3d(plain([7, 7, 2], 5).values, [7, 7, 2]);
      const w = t4(plain([3, 3, 2, 1], 6));
      expect(dilatedConv2d(x, w, { rate: 2, padding: "same" }).shape).toEqual([7, 7, 1]);
      expect(() => dilatedConv2d(x, t4(plain([3, 3, 3, 1], 7)), { rate: 2 })).toThrow(/2 channels but the filter expects 3/);
      expect(() => dilatedConv2d(x, w, { rate: 0 })).toThrow(/rate must be positive integers/);
      expect(() => dilatedConv2d(x, w, { rate: 4, padding: "valid" })).toThrow(/smaller than the dilated kernel 9/);
    });
  });
});

describe("dilatedConv2d gradients", () => {
  gradientTests<Parameters<typeof dilatedConv2d>[2]>([
    { name: "rate 2, same", x: [1, 5, 5, 2], w: [2, 2, 2, 2], out: [1, 5, 5, 2], opts: { rate: 2, padding: "same" } },
    { name: "rate [2, 3], valid", x: [2, 6, 7, 1], w: [2, 2, 1, 2], out: [2, 4, 4, 2], opts: { rate: [2, 3], padding: "valid" } },
    { name: "rate 2, stride 2, same", x: [1, 6, 6, 2], w: [2, 2, 2, 1], out: [1, 3, 3, 1], opts: { rate: 2, strides: 2, padding: "same" } },
  ], (opts) => (x, w, r) => tf.sum(tf.mul(dilatedConv2d(x as tf.Tensor4D, w as tf.Tensor4D, opts), r)));
});

describe("DilatedConv2D layer", () => {
  it("round-trips its config and computes its output shape", () => {
    const layer = new DilatedConv2D({ filters: 3, kernelSize: 3, dilationRate: 2, padding: "valid", activation: "relu", seed: 7, name: "atrous" });
    const copy = fromRegisteredConfig<DilatedConv2D>("DilatedConv2D", layer.getConfig());
    expect(copy).toBeInstanceOf(DilatedConv2D);
    expect(copy.getConfig()).toEqual(layer.getConfig());
    expect(layer.computeOutputShape([null, 12, 10, 4])).toEqual([null, 8, 6, 3]);
    expect(() => new DilatedConv2D({ filters: 2, kernelSize: 3, activation: "swish" as never })).toThrow(/activation 'swish' is not one of/);
  });

  it("trains inside a sequential model on wasm (loss decreases) and survives save/load", async () => {
    await tf.setBackend("wasm");
    const n = 32;
    const x = t4(plain([n, 10, 10, 2], 11));
    // A target that a dilated filter can represent: a fixed rate-2 convolution of the input.
    const target = tf.tidy(() => tf.conv2d(x, t4(plain([3, 3, 2, 1], 12)), 1, "same", "NHWC", 2).reshape([n, 100]));
    const model = tf.sequential({
      layers: [
        new DilatedConv2D({ inputShape: [10, 10, 2], filters: 1, kernelSize: 3, dilationRate: 2, padding: "same", seed: 1 }),
        tf.layers.flatten(),
      ],
    });
    const loss = await lossHistory(model, x, target, "meanSquaredError");
    expect(loss[loss.length - 1]).toBeLessThan(0.5 * loss[0]);
    await expectSameAfterSaveLoad(model, x);
    tf.dispose([x, target]);
    model.dispose();
  });
});

describe("groupedConv2d forward", () => {
  const cases = [
    { x: [2, 7, 7, 4], w: [3, 3, 2, 6], groups: 2, s: 1, pad: "same" as const, d: 1 },
    { x: [1, 8, 8, 6], w: [3, 3, 2, 3], groups: 3, s: 2, pad: "valid" as const, d: 1 },
    { x: [2, 6, 6, 3], w: [3, 3, 1, 6], groups: 3, s: 1, pad: "same" as const, d: 1 }, // depthwise, multiplier 2
    { x: [1, 6, 6, 2], w: [3, 3, 2, 4], groups: 1, s: 2, pad: "same" as const, d: 1 },
    { x: [2, 9, 9, 4], w: [3, 3, 2, 4], groups: 2, s: 1, pad: "same" as const, d: 2 },
    { x: [1, 10, 9, 4], w: [3, 3, 1, 4], groups: 4, s: 1, pad: "valid" as const, d: 2 },
  ];
  for (const c of cases) {
    it(`equals per-group tf.conv2d: groups ${c.groups}, x ${c.x}, w ${c.w}, stride ${c.s}, ${c.pad}, dilation ${c.d}`, () => {
      tf.tidy(() => {
        const x = t4(plain(c.x, 1));
        const w = t4(plain(c.w, 2));
        const want = perGroupReference(x, w, c.groups, c.s, c.pad, c.d);
        const got = groupedConv2d(x, w, { groups: c.groups, strides: c.s, padding: c.pad, dilations: c.d });
        expect(got.shape).toEqual(want.shape);
        expect(relativeError(got.dataSync(), want.dataSync())).toBeLessThan(1e-5);
      });
    });
  }

  it("rejects channel counts that do not split into the groups", () => {
    tf.tidy(() => {
      const x = t4(plain([1, 5, 5, 6], 1));
      expect(() => groupedConv2d(x, t4(plain([3, 3, 3, 4], 2)), { groups: 4 })).toThrow(/divisible by groups=4/);
      expect(() => groupedConv2d(x, t4(plain([3, 3, 2, 4], 2)), { groups: 2 })).toThrow(/expected 6\/2 = 3/);
    });
  });
});

describe("groupedConv2d gradients", () => {
  gradientTests<Parameters<typeof groupedConv2d>[2]>([
    { name: "2 groups, stride 2", x: [1, 5, 5, 4], w: [2, 2, 2, 4], out: [1, 3, 3, 4], opts: { groups: 2, strides: 2, padding: "same" } },
    { name: "depthwise (groups = channels)", x: [2, 4, 4, 2], w: [3, 3, 1, 4], out: [2, 2, 2, 4], opts: { groups: 2, padding: "valid" } },
    { name: "2 groups, dilation 2", x: [1, 5, 5, 4], w: [2, 2, 2, 2], out: [1, 5, 5, 2], opts: { groups: 2, dilations: 2, padding: "same" } },
  ], (opts) => (x, w, r) => tf.sum(tf.mul(groupedConv2d(x as tf.Tensor4D, w as tf.Tensor4D, opts), r)));
});

describe("GroupedConv2D layer", () => {
  it("round-trips its config, has in/groups kernel channels, and validates groups", () => {
    const layer = new GroupedConv2D({ filters: 8, kernelSize: [3, 1], groups: 4, strides: 2, padding: "same", seed: 3 });
    const copy = fromRegisteredConfig<GroupedConv2D>("GroupedConv2D", layer.getConfig());
    expect(copy).toBeInstanceOf(GroupedConv2D);
    expect(copy.getConfig()).toEqual(layer.getConfig());
    layer.build([null, 9, 9, 8]);
    expect(layer.getWeights()[0].shape).toEqual([3, 1, 2, 8]);
    expect(layer.countParams()).toBe(3 * 1 * 2 * 8 + 8);
    expect(layer.computeOutputShape([null, 9, 9, 8])).toEqual([null, 5, 5, 8]);
    expect(() => new GroupedConv2D({ filters: 6, kernelSize: 3, groups: 4 })).toThrow(/filters=6 is not divisible by groups=4/);
    expect(() => new GroupedConv2D({ filters: 4, kernelSize: 3, groups: 4 }).build([null, 5, 5, 6])).toThrow(/6 input channels are not divisible/);
  });

  it("trains in a functional model on wasm (loss decreases) and survives save/load", async () => {
    await tf.setBackend("wasm");
    const n = 32;
    // Two-channel images whose class is which channel carries a bright blob.
    const rng = new Rng(5);
    const pixels = new Float32Array(n * 8 * 8 * 2);
    const labels = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const cls = i % 2;
      labels[i * 2 + cls] = 1;
      for (let p = 0; p < 64; p++) {
        const r = Math.floor(p / 8);
        const c = p % 8;
        const blob = r >= 2 && r < 6 && c >= 2 && c < 6 ? 1 : 0;
        for (let ch = 0; ch < 2; ch++) pixels[(i * 64 + p) * 2 + ch] = (ch === cls ? blob : 0) + 0.2 * rng.uniform(-1, 1);
      }
    }
    const x = tf.tensor4d(pixels, [n, 8, 8, 2]);
    const y = tf.tensor2d(labels, [n, 2]);
    const input = tf.input({ shape: [8, 8, 2] });
    const h1 = new GroupedConv2D({ filters: 4, kernelSize: 3, groups: 2, padding: "same", activation: "relu", seed: 1 }).apply(input) as tf.SymbolicTensor;
    const h2 = new GroupedConv2D({ filters: 4, kernelSize: 3, groups: 2, dilationRate: 2, padding: "same", activation: "relu", seed: 2 }).apply(h1) as tf.SymbolicTensor;
    const pooled = tf.layers.globalAveragePooling2d({}).apply(h2) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 2, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }).apply(pooled) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const loss = await lossHistory(model, x, y, "categoricalCrossentropy");
    expect(loss[loss.length - 1]).toBeLessThan(0.7 * loss[0]);
    await expectSameAfterSaveLoad(model, x);
    tf.dispose([x, y]);
    model.dispose();
  });
});
