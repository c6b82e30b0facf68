import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../../kernel-lib/backend";
import { alexnetSpec, example1Spec, googlenetHeadSpec, googlenetStemSpec, inceptionNaiveSpec, inceptionReducedSpec, vgg16Spec } from "../../kernel-lib/models/specs";
import { DilatedConv2D } from "../../kernel-lib/nn/dilated-conv";
import { GroupedConv2D } from "../../kernel-lib/nn/grouped-conv";
import { type LayerSpec, formatLayerTable, layerTable, layerTableFrame, selectRows, specWindows } from "../../kernel-lib/nn/layer-table";
import { stackReceptiveField } from "../../kernel-lib/nn/receptive-field";

const kb = (bytes: number) => Math.round(bytes / 1024);
const k = (n: number) => Math.round(n / 1e3);
const m = (n: number) => Math.round(n / 1e6);

beforeAll(async () => {
  await initBackend("cpu");
});

describe("lecture tables from specs", () => {
  it("reproduces lecture 003's AlexNet table (memory KB, params k without FC biases, MACs M)", () => {
    const t = layerTable(alexnetSpec, { biases: false });
    const rows = t.rows.filter((r) => r.type !== "input");
    expect(rows.map((r) => r.outputShape)).toEqual([
      [56, 56, 64], [27, 27, 64], [27, 27, 192], [13, 13, 192], [13, 13, 384], [13, 13, 256], [13, 13, 256], [6, 6, 256], [9216], [4096], [4096], [1000],
    ]);
    expect(rows.map((r) => kb(r.memoryBytes))).toEqual([784, 182, 547, 127, 254, 169, 169, 36, 36, 16, 16, 4]);
    expect(rows.map((r) => k(r.params))).toEqual([23, 0, 307, 0, 664, 885, 590, 0, 0, 37749, 16777, 4096]);
    // conv4's 150 is where the lecture prints 145 (see notebook 03).
    expect(rows.map((r) => m(r.macs))).toEqual([73, 0, 224, 0, 112, 150, 100, 0, 0, 38, 17, 4]);
    // With biases the FC rows become 37,753 / 16,781 / 4,097 k: the lecture left them out.
    const withBias = layerTable(alexnetSpec).rows.filter((r) => r.type === "dense").map((r) => k(r.params));
    expect(withBias).toEqual([37753, 16781, 4097]);
  });

  it("reproduces lecture 003's GoogLeNet stem and head", () => {
    const stem = layerTable(googlenetStemSpec).rows.filter((r) => r.type !== "input");
    expect(stem.map((r) => [r.outputShape[2], r.outputShape[0], kb(r.memoryBytes), k(r.params), m(r.macs)])).toEqual([
      [64, 112, 3136, 9, 118],
      [64, 56, 784, 0, 2],
      [64, 56, 784, 4, 13],
      [192, 56, 2352, 111, 347],
      [192, 28, 588, 0, 1],
    ]);
    const head = layerTable(googlenetHeadSpec).rows.filter((r) => r.type !== "input");
    expect(head.map((r) => [kb(r.memoryBytes), k(r.params), m(r.macs)])).toEqual([
      [4, 0, 0],
      [4, 1025, 1],
    ]);
  });

  it("counts VGG-16's 138M parameters and the lecture's per-layer weights (no biases)", () => {
    const t = layerTable(vgg16Spec, { biases: false });
    expect(t.rows.find((r) => r.name === "conv1_1")?.params).toBe(1728);
    expect(t.rows.find((r) => r.name === "fc6")?.params).toBe(102_760_448);
    expect(t.total.params).toBe(138_344_128);
    expect(layerTable(vgg16Spec).total.params).toBe(138_357_544);
    // The lecture's "compare VGG-16" stem figures stop after conv3_2: 7485 MFLOP and 1.1M params.
    const upTo = selectRows(t, (r) => r.type === "conv" && r.name < "conv3_3");
    expect(m(upTo.total.macs)).toBe(7485);
    expect(upTo.total.params).toBe(1_144_512);
    expect(upTo.total.memoryBytes / 2 ** 20).toBeCloseTo(42.875, 3);
  });

  it("counts the inception modules' convolutions as 854M (naive) and 271M (reduced)", () => {
    const convMacs = (specs: readonly LayerSpec[]) => layerTable(specs).rows.filter((r) => r.type === "conv").reduce((s, r) => s + r.macs, 0);
    expect(convMacs(inceptionNaiveSpec)).toBe(854_196_224);
    expect(convMacs(inceptionReducedSpec)).toBe(271_351_808);
    expect(layerTable(inceptionNaiveSpec).rows.at(-1)?.outputShape).toEqual([28, 28, 672]);
    expect(layerTable(inceptionReducedSpec).rows.at(-1)?.outputShape).toEqual([28, 28, 480]);
  });

  it("completes lecture 002's Example 1", () => {
    const rows = layerTable(example1Spec).rows.filter((r) => r.type !== "input");
    expect(rows.map((r) => [r.name, r.outputShape, r.params])).toEqual([
      ["Conv1", [128, 128, 32], 2432],
      ["MaxPool1", [64, 64, 32], 0],
      ["Conv2", [62, 62, 64], 18496],
      ["MaxPool2", [31, 31, 64], 0],
      ["Flatten", [61504], 0],
      ["FC", [128], 7_872_640],
      ["FC (Output)", [4], 516],
    ]);
    expect(stackReceptiveField(specWindows(example1Spec, "Conv2"))).toBe(10);
    expect(stackReceptiveField(specWindows(example1Spec.filter((s) => s.name !== "MaxPool1"), "Conv2"))).toBe(7);
  });

  it("formats in the lecture's units with a total row, and as a DataFrame", () => {
    const t = layerTable(example1Spec);
    const rows = formatLayerTable(t, { params: "", macs: "M", decimals: 1 });
    expect(rows.at(-1)).toMatchObject({ layer: "total", params: 7_894_084 });
    expect(rows[1]).toMatchObject({ layer: "Conv1", "in C": 3, "in H/W": 128, filters: 32, kernel: "5x5", "out C": 32, "out H/W": 128, "memory (KB)": 2048 });
    const df = layerTableFrame(t);
    expect(df.height).toBe(t.rows.length);
    expect(df.getColumn("params").sum()).toBe(7_894_084);
  });

  it("rejects a spec list without an input and branches that disagree", () => {
    expect(() => layerTable([{ type: "dense", units: 3 }])).toThrow(/starts with/);
    const bad: LayerSpec[] = [{ type: "input", shape: [8, 8, 4] }, { type: "branches", branches: [[{ type: "conv", filters: 2, kernel: 3 }], [{ type: "conv", filters: 2, kernel: 1 }]] }];
    expect(() => layerTable(bad)).toThrow(/different spatial sizes/);
  });
});

describe("layer table of a tf.LayersModel", () => {
  function specsAndModel(): { specs: LayerSpec[]; model: tf.LayersModel } {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [12, 12, 3], filters: 8, kernelSize: 3, strides: 1, padding: "same" }),
        tf.layers.batchNormalization(),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, useBias: false }),
        tf.layers.separableConv2d({ filters: 6, kernelSize: 3, strides: 2, padding: "same" }),
        tf.layers.activation({ activation: "relu" }),
        tf.layers.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: "same" }),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dense({ units: 5 }),
      ],
    });
    const specs: LayerSpec[] = [
      { type: "input", shape: [12, 12, 3] },
      { type: "conv", filters: 8, kernel: 3, padding: "same" },
      { type: "batchNorm" },
      { type: "maxPool", window: 2 },
      { type: "depthwiseConv", kernel: 3, multiplier: 2, bias: false },
      { type: "separableConv", filters: 6, kernel: 3, stride: 2, padding: "same" },
      { type: "convTranspose", filters: 4, kernel: 3, stride: 2, padding: 1, outputPadding: 1 },
      { type: "globalAvgPool" },
      { type: "dense", units: 5 },
    ];
    return { specs, model };
  }

  it("agrees with the same architecture written as specs, and with TF.js's own counts", () => {
    const { specs, model } = specsAndModel();
    try {
      const fromModel = layerTable(model);
      const fromSpecs = layerTable(specs);
      const counted = fromModel.rows.filter((r) => r.type !== "Activation");
      const pick = (r: (typeof counted)[number]) => [r.outputShape, r.params, r.trainable, r.nonTrainable, r.macs, r.memoryBytes];
      // The transposed layer is "same" in TF.js and padding 1 + output padding 1 in the specs: the same 2 -> 4 map.
      expect(counted.map(pick)).toEqual(fromSpecs.rows.slice(1).map(pick));
      expect(fromModel.total.params).toBe(model.countParams());
      expect(fromModel.rows.find((r) => r.type === "batchNorm")).toMatchObject({ trainable: 16, nonTrainable: 16 });
      const noBias = layerTable(model, { biases: false });
      expect(fromModel.total.params - noBias.total.params).toBe(8 + 6 + 4 + 5);
    } finally {
      model.dispose();
    }
  });

  it("reads functional models with an InputLayer", () => {
    const input = tf.input({ shape: [6, 6, 2] });
    const out = tf.layers.dense({ units: 3 }).apply(tf.layers.flatten().apply(tf.layers.conv2d({ filters: 4, kernelSize: 3 }).apply(input))) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    try {
      const t = layerTable(model);
      expect(t.rows.map((r) => [r.type, r.outputShape])).toEqual([
        ["InputLayer", [6, 6, 2]],
        ["conv", [4, 4, 4]],
        ["flatten", [64]],
        ["dense", [3]],
      ]);
      expect(t.rows[1].macs).toBe(4 * 4 * 4 * 9 * 2);
    } finally {
      model.dispose();
    }
  });

  it("counts the custom GroupedConv2D and DilatedConv2D layers by class name", () => {
    const model = tf.sequential({
      layers: [
        new GroupedConv2D({ inputShape: [10, 10, 8], filters: 12, kernelSize: 3, groups: 4, padding: "same", seed: 1 }),
        new DilatedConv2D({ filters: 6, kernelSize: 3, dilationRate: 2, seed: 2 }),
      ],
    });
    try {
      const t = layerTable(model);
      const specs = layerTable([
        { type: "input", shape: [10, 10, 8] },
        { type: "conv", filters: 12, kernel: 3, groups: 4, padding: "same" },
        { type: "conv", filters: 6, kernel: 3, dilation: 2 },
      ]);
      expect(t.rows.map((r) => [r.type, r.outputShape, r.params, r.macs])).toEqual(specs.rows.slice(1).map((r) => ["conv", r.outputShape, r.params, r.macs]));
      expect(t.rows[0].params).toBe(3 * 3 * 2 * 12 + 12);
      expect(t.rows[1].outputShape).toEqual([6, 6, 6]);
    } finally {
      model.dispose();
    }
  });
});
