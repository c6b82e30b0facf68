// dilatedConv2d: forward equals tf.conv2d with dilations; gradients equal finite differences
// and agree between cpu and wasm; the DilatedConv2D layer serializes and trains on wasm.
import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { type PlainTensor, gradientsOn, initBackend, numericalGradients, relativeError } from "../../kernel-lib/backend";
import { Rng } from "../../kernel-lib/data/random";
import { DilatedConv2D, dilatedConv2d } from "../../kernel-lib/nn";

function plain(shape: number[], seed: number): PlainTensor {
  const rng = new Rng(seed);
  return { shape, values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1)) };
}

const t4 = (p: PlainTensor) => tf.tensor4d(p.values, p.shape as [number, number, number, number]);

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

beforeAll(async () => {
  await initBackend("wasm");
  await tf.setBackend("cpu");
});

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
  const loss = (opts: Parameters<typeof dilatedConv2d>[2]) => (x: tf.Tensor, w: tf.Tensor, r: tf.Tensor) =>
    tf.sum(tf.mul(dilatedConv2d(x as tf.Tensor4D, w as tf.Tensor4D, opts), r));
  const cases = [
    { name: "rate 2, same", x: [1, 5, 5, 2], w: [2, 2, 2, 2], out: [1, 5, 5, 2], opts: { rate: 2, padding: "same" as const } },
    { name: "rate [2, 3], valid", x: [2, 6, 7, 1], w: [2, 2, 1, 2], out: [2, 4, 4, 2], opts: { rate: [2, 3] as [number, number], padding: "valid" as const } },
    { name: "rate 2, stride 2, same", x: [1, 6, 6, 2], w: [2, 2, 2, 1], out: [1, 3, 3, 1], opts: { rate: 2, strides: 2, padding: "same" as const } },
  ];
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
});

describe("DilatedConv2D layer", () => {
  it("round-trips its config and computes its output shape", () => {
    const layer = new DilatedConv2D({ filters: 3, kernelSize: 3, dilationRate: 2, padding: "valid", activation: "relu", seed: 7, name: "atrous" });
    const config = layer.getConfig();
    // What model loading does: look the class up by name, rebuild it from its config.
    const [ctor, fromConfig] = tf.serialization.SerializationMap.getMap().classNameMap["DilatedConv2D"];
    const copy = fromConfig(ctor, config) as DilatedConv2D;
    expect(copy).toBeInstanceOf(DilatedConv2D);
    expect(copy.getConfig()).toEqual(config);
    expect(layer.computeOutputShape([null, 12, 10, 4])).toEqual([null, 8, 6, 3]);
    expect(() => new DilatedConv2D({ filters: 2, kernelSize: 3, activation: "swish" as never })).toThrow(/activation 'swish' is not one of/);
  });

  it("trains inside a model on wasm (loss decreases) and survives save/load", async () => {
    await tf.setBackend("wasm");
    const rng = new Rng(11);
    const n = 32;
    const x = tf.tensor4d(Float32Array.from({ length: n * 10 * 10 * 2 }, () => rng.uniform(-1, 1)), [n, 10, 10, 2]);
    // A target that a dilated filter can represent: a fixed rate-2 convolution of the input.
    const target = tf.tidy(() => tf.conv2d(x, t4(plain([3, 3, 2, 1], 12)), 1, "same", "NHWC", 2).reshape([n, 100]));
    const model = tf.sequential({
      layers: [
        new DilatedConv2D({ inputShape: [10, 10, 2], filters: 1, kernelSize: 3, dilationRate: 2, padding: "same", seed: 1 }),
        tf.layers.flatten(),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.05), loss: "meanSquaredError" });
    const history = await model.fit(x, target, { epochs: 10, batchSize: 16, shuffle: false, verbose: 0 });
    const loss = history.history.loss as number[];
    expect(loss[loss.length - 1]).toBeLessThan(0.5 * loss[0]);

    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(relativeError(b.dataSync(), a.dataSync())).toBeLessThan(1e-6);
    tf.dispose([x, target, a, b]);
    model.dispose();
    loaded.dispose();
  });
});
