// groupedConv2d: forward equals one tf.conv2d per group; gradients equal finite differences and
// agree between cpu and wasm; the GroupedConv2D layer serializes and trains on wasm.
import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { type PlainTensor, gradientsOn, initBackend, numericalGradients, relativeError } from "../../kernel-lib/backend";
import { Rng } from "../../kernel-lib/data/random";
import { GroupedConv2D, groupedConv2d } from "../../kernel-lib/nn";

function plain(shape: number[], seed: number): PlainTensor {
  const rng = new Rng(seed);
  return { shape, values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1)) };
}

const t4 = (p: PlainTensor) => tf.tensor4d(p.values, p.shape as [number, number, number, number]);

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

beforeAll(async () => {
  await initBackend("wasm");
  await tf.setBackend("cpu");
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
  const loss = (opts: Parameters<typeof groupedConv2d>[2]) => (x: tf.Tensor, w: tf.Tensor, r: tf.Tensor) =>
    tf.sum(tf.mul(groupedConv2d(x as tf.Tensor4D, w as tf.Tensor4D, opts), r));
  const cases = [
    { name: "2 groups, stride 2", x: [1, 5, 5, 4], w: [2, 2, 2, 4], out: [1, 3, 3, 4], opts: { groups: 2, strides: 2, padding: "same" as const } },
    { name: "depthwise (groups = channels)", x: [2, 4, 4, 2], w: [3, 3, 1, 4], out: [2, 2, 2, 4], opts: { groups: 2, padding: "valid" as const } },
    { name: "2 groups, dilation 2", x: [1, 5, 5, 4], w: [2, 2, 2, 2], out: [1, 5, 5, 2], opts: { groups: 2, dilations: 2, padding: "same" as const } },
  ];
  for (const c of cases) {
    it(`match finite differences (${c.name})`, async () => {
      const inputs = [plain(c.x, 1), plain(c.w, 2), plain(c.out, 3)];
      const analytic = await gradientsOn("cpu", loss(c.opts), inputs);
      const numeric = numericalGradients(loss(c.opts), inputs);
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
});

describe("GroupedConv2D layer", () => {
  it("round-trips its config, has in/groups kernel channels, and validates groups", () => {
    const layer = new GroupedConv2D({ filters: 8, kernelSize: [3, 1], groups: 4, strides: 2, padding: "same", seed: 3 });
    const [ctor, fromConfig] = tf.serialization.SerializationMap.getMap().classNameMap["GroupedConv2D"];
    const copy = fromConfig(ctor, layer.getConfig()) as GroupedConv2D;
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
    model.compile({ optimizer: tf.train.adam(0.05), loss: "categoricalCrossentropy" });
    const history = await model.fit(x, y, { epochs: 10, batchSize: 16, shuffle: false, verbose: 0 });
    const loss = history.history.loss as number[];
    expect(loss[loss.length - 1]).toBeLessThan(0.7 * loss[0]);

    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(relativeError(b.dataSync(), a.dataSync())).toBeLessThan(1e-6);
    tf.dispose([x, y, a, b]);
    model.dispose();
    loaded.dispose();
  });
});
