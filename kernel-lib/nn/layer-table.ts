// A layer table like the lectures' (lecture 003's AlexNet / VGG / GoogLeNet tables): one row per
// layer with its output shape, parameters, multiply-accumulates and activation memory, totals at
// the bottom. Works on a plain list of layer specs (the lecture's tables as data, see
// models/specs) and on any tf.LayersModel (its layers are read back into the same specs, so both
// are counted by the same rules). Conventions are those of arithmetic.ts: MACs, 4-byte floats,
// KB = 1024 bytes, pooling ops = output values x window area.
import type * as tf from "@tensorflow/tfjs";
import pl from "nodejs-polars";
import {
  BYTES_PER_FLOAT32,
  type Padding,
  type ParamCount,
  type Size2,
  activationBytes,
  batchNormParams,
  conv2dOutputShape,
  convMacs,
  convParams,
  convTranspose2dOutputShape,
  convTransposeMacs,
  denseMacs,
  denseParams,
  kernelPair,
  pool2dOutputShape,
  poolOps,
  separableParams,
  shapeSize,
} from "./arithmetic";
import type { WindowLayer } from "./receptive-field";

/** One layer of a plain architecture description. Shapes are per image: [H, W, C] or [units]. */
export type LayerSpec =
  | { type: "input"; name?: string; shape: readonly number[] }
  | { type: "conv"; name?: string; filters: number; kernel: Size2; stride?: Size2; padding?: Padding; dilation?: Size2; groups?: number; bias?: boolean }
  | { type: "depthwiseConv"; name?: string; kernel: Size2; multiplier?: number; stride?: Size2; padding?: Padding; bias?: boolean }
  | { type: "separableConv"; name?: string; filters: number; kernel: Size2; stride?: Size2; padding?: Padding; bias?: boolean }
  | { type: "convTranspose"; name?: string; filters: number; kernel: Size2; stride?: Size2; padding?: Padding; outputPadding?: number; bias?: boolean }
  | { type: "maxPool" | "avgPool"; name?: string; window: Size2; stride?: Size2; padding?: Padding }
  | { type: "globalAvgPool"; name?: string }
  | { type: "flatten"; name?: string }
  | { type: "dense"; name?: string; units: number; bias?: boolean }
  | { type: "batchNorm"; name?: string }
  /** Parallel paths on the same input, concatenated along channels (an Inception module). */
  | { type: "branches"; name?: string; branches: readonly (readonly LayerSpec[])[] };

export interface LayerRow {
  name: string;
  type: string;
  inputShape: number[];
  outputShape: number[];
  /** Kernel, stride and padding as the lecture tables list them (undefined where none). */
  kernel?: string;
  stride?: number;
  padding?: Padding;
  /** Output channels (filters) or units. */
  filters?: number;
  /** Parameters as counted under the table's options (biases left out when biases: false). */
  params: number;
  trainable: number;
  nonTrainable: number;
  /** How many of the trainable parameters are biases (counted or not). */
  biases: number;
  macs: number;
  /** Bytes of this layer's output for one image. */
  memoryBytes: number;
}

export interface LayerTableTotals {
  params: number;
  trainable: number;
  nonTrainable: number;
  macs: number;
  memoryBytes: number;
}

export interface LayerTable {
  rows: LayerRow[];
  total: LayerTableTotals;
  /** Whether params include biases. */
  biases: boolean;
}

export interface LayerTableOptions {
  /** Count biases in the parameters (default true; lecture 003's FC rows leave them out). */
  biases?: boolean;
  /** Bytes per activation value (default 4, float32). */
  bytesPerValue?: number;
}

interface Counted {
  outputShape: number[];
  params: ParamCount;
  biases: number;
  macs: number;
}

function imageShape(shape: readonly number[], spec: LayerSpec, name: string): [number, number, number] {
  if (shape.length !== 3) throw new Error(`layerTable: ${spec.type} layer '${name}' needs an image input [H, W, C], got [${shape.join(", ")}]`);
  return [shape[0], shape[1], shape[2]];
}

const NO_PARAMS: ParamCount = { trainable: 0, nonTrainable: 0, total: 0 };

/** Output shape, parameters and MACs of one (non-branching) spec on an input of this shape. */
function countLayer(spec: Exclude<LayerSpec, { type: "branches" }>, input: readonly number[], name: string): Counted {
  switch (spec.type) {
    case "input":
      return { outputShape: [...spec.shape], params: NO_PARAMS, biases: 0, macs: 0 };
    case "conv": {
      const [, , c] = imageShape(input, spec, name);
      const out = conv2dOutputShape(input, spec);
      const groups = spec.groups ?? 1;
      const bias = spec.bias !== false;
      return {
        outputShape: out,
        params: convParams({ kernel: spec.kernel, inChannels: c, filters: spec.filters, groups, bias }),
        biases: bias ? spec.filters : 0,
        macs: convMacs({ outputSize: out.slice(0, 2), kernel: kernelPair(spec.kernel), inChannels: c, filters: spec.filters, groups }),
      };
    }
    case "depthwiseConv": {
      const [, , c] = imageShape(input, spec, name);
      const filters = c * (spec.multiplier ?? 1);
      const out = conv2dOutputShape(input, { ...spec, filters });
      const bias = spec.bias !== false;
      return {
        outputShape: out,
        params: convParams({ kernel: spec.kernel, inChannels: c, filters, groups: c, bias }),
        biases: bias ? filters : 0,
        macs: convMacs({ outputSize: out.slice(0, 2), kernel: kernelPair(spec.kernel), inChannels: c, filters, groups: c }),
      };
    }
    case "separableConv": {
      const [, , c] = imageShape(input, spec, name);
      const out = conv2dOutputShape(input, spec);
      const bias = spec.bias !== false;
      const spatial = out.slice(0, 2);
      return {
        outputShape: out,
        params: separableParams(spec.kernel, c, spec.filters, bias),
        biases: bias ? spec.filters : 0,
        macs: convMacs({ outputSize: spatial, kernel: kernelPair(spec.kernel), inChannels: c, filters: c, groups: c }) + convMacs({ outputSize: spatial, kernel: 1, inChannels: c, filters: spec.filters }),
      };
    }
    case "convTranspose": {
      const [h, w, c] = imageShape(input, spec, name);
      const bias = spec.bias !== false;
      return {
        outputShape: convTranspose2dOutputShape(input, spec),
        params: convParams({ kernel: spec.kernel, inChannels: c, filters: spec.filters, bias }),
        biases: bias ? spec.filters : 0,
        macs: convTransposeMacs([h, w], spec.kernel, c, spec.filters),
      };
    }
    case "maxPool":
    case "avgPool": {
      imageShape(input, spec, name);
      const out = pool2dOutputShape(input, spec);
      return { outputShape: out, params: NO_PARAMS, biases: 0, macs: poolOps(out, spec.window) };
    }
    case "globalAvgPool": {
      const [, , c] = imageShape(input, spec, name);
      return { outputShape: [c], params: NO_PARAMS, biases: 0, macs: shapeSize(input) };
    }
    case "flatten":
      return { outputShape: [shapeSize(input)], params: NO_PARAMS, biases: 0, macs: 0 };
    case "dense": {
      const inUnits = input[input.length - 1];
      const bias = spec.bias !== false;
      const lead = input.slice(0, -1);
      return {
        outputShape: [...lead, spec.units],
        params: denseParams(inUnits, spec.units, bias),
        biases: bias ? spec.units : 0,
        macs: shapeSize(lead) * denseMacs(inUnits, spec.units),
      };
    }
    case "batchNorm":
      // Inference form: one multiply-add per value (scale and shift folded).
      return { outputShape: [...input], params: batchNormParams(input[input.length - 1]), biases: 0, macs: shapeSize(input) };
  }
}

function describe(spec: LayerSpec): Pick<LayerRow, "kernel" | "stride" | "padding" | "filters"> {
  const k = (size: Size2) => kernelPair(size).join("x");
  const s = (size: Size2 | undefined, dflt: number) => (size === undefined ? dflt : kernelPair(size)[0]);
  switch (spec.type) {
    case "conv":
    case "separableConv":
      return { kernel: k(spec.kernel), stride: s(spec.stride, 1), padding: spec.padding ?? 0, filters: spec.filters };
    case "depthwiseConv":
      return { kernel: k(spec.kernel), stride: s(spec.stride, 1), padding: spec.padding ?? 0 };
    case "convTranspose":
      return { kernel: k(spec.kernel), stride: s(spec.stride, 1), padding: spec.padding ?? 0, filters: spec.filters };
    case "maxPool":
    case "avgPool":
      return { kernel: k(spec.window), stride: s(spec.stride, kernelPair(spec.window)[0]), padding: spec.padding ?? 0 };
    case "dense":
      return { filters: spec.units };
    default:
      return {};
  }
}

function makeRow(name: string, type: string, input: readonly number[], c: Counted, extra: Partial<LayerRow>, opts: Required<LayerTableOptions>): LayerRow {
  const leaveOut = opts.biases ? 0 : c.biases;
  return {
    name,
    type,
    inputShape: [...input],
    outputShape: c.outputShape,
    ...extra,
    params: c.params.total - leaveOut,
    trainable: c.params.trainable - leaveOut,
    nonTrainable: c.params.nonTrainable,
    biases: c.biases,
    macs: c.macs,
    memoryBytes: activationBytes(c.outputShape, opts.bytesPerValue),
  };
}

function resolve(opts: LayerTableOptions): Required<LayerTableOptions> {
  return { biases: opts.biases ?? true, bytesPerValue: opts.bytesPerValue ?? BYTES_PER_FLOAT32 };
}

/** Adds rows for `specs` applied in order from `input`; returns the final shape. */
function walk(specs: readonly LayerSpec[], input: readonly number[], prefix: string, rows: LayerRow[], opts: Required<LayerTableOptions>): number[] {
  let shape = [...input];
  specs.forEach((spec, i) => {
    const name = prefix + (spec.name ?? `${spec.type}${i + 1}`);
    if (spec.type === "branches") {
      const outs = spec.branches.map((branch, b) => walk(branch, shape, `${name}/b${b + 1}/`, rows, opts));
      const [h, w] = outs[0];
      for (const o of outs) {
        if (o.length !== 3 || o[0] !== h || o[1] !== w) throw new Error(`layerTable: branches of '${name}' end in different spatial sizes: ${outs.map((x) => `[${x.join(", ")}]`).join(" ")}`);
      }
      const out = [h, w, outs.reduce((sum, o) => sum + o[2], 0)];
      rows.push(makeRow(`${name}/concat`, "concat", shape, { outputShape: out, params: NO_PARAMS, biases: 0, macs: 0 }, {}, opts));
      shape = out;
      return;
    }
    if (spec.type !== "input" && i === 0 && prefix === "") throw new Error("layerTable: a spec list starts with { type: 'input', shape: [H, W, C] }");
    const counted = countLayer(spec, shape, name);
    rows.push(makeRow(name, spec.type, spec.type === "input" ? counted.outputShape : shape, counted, describe(spec), opts));
    shape = counted.outputShape;
  });
  return shape;
}

function totals(rows: readonly LayerRow[]): LayerTableTotals {
  const t = { params: 0, trainable: 0, nonTrainable: 0, macs: 0, memoryBytes: 0 };
  for (const r of rows) {
    t.params += r.params;
    t.trainable += r.trainable;
    t.nonTrainable += r.nonTrainable;
    t.macs += r.macs;
    t.memoryBytes += r.memoryBytes;
  }
  return t;
}

/** The table of a plain spec list (first entry: the input) or of a tf.LayersModel. */
export function layerTable(source: readonly LayerSpec[] | tf.LayersModel, options: LayerTableOptions = {}): LayerTable {
  const opts = resolve(options);
  const rows: LayerRow[] = [];
  if (Array.isArray(source)) walk(source as readonly LayerSpec[], [], "", rows, opts);
  else for (const layer of (source as tf.LayersModel).layers) rows.push(modelLayerRow(layer, opts));
  return { rows, total: totals(rows), biases: opts.biases };
}

/** Rows whose names pass `keep`, with the totals recomputed (e.g. VGG-16 up to conv3_2). */
export function selectRows(table: LayerTable, keep: (row: LayerRow, index: number) => boolean): LayerTable {
  const rows = table.rows.filter(keep);
  return { rows, total: totals(rows), biases: table.biases };
}

/**
 * The sliding windows of a spec list (convolutions and pooling, in order) for receptiveField,
 * up to and including the layer named `upTo`. Branching specs have no single field: they throw.
 */
export function specWindows(specs: readonly LayerSpec[], upTo?: string): WindowLayer[] {
  const windows: WindowLayer[] = [];
  for (const [i, spec] of specs.entries()) {
    const name = spec.name ?? `${spec.type}${i + 1}`;
    if (spec.type === "branches") throw new Error(`specWindows: '${name}' has parallel branches; take the receptive field of one branch`);
    if (spec.type === "conv" || spec.type === "depthwiseConv" || spec.type === "separableConv") {
      const pad = typeof spec.padding === "number" ? spec.padding : undefined;
      windows.push({ name, kernel: kernelPair(spec.kernel)[0], stride: kernelPair(spec.stride ?? 1)[0], dilation: spec.type === "conv" ? kernelPair(spec.dilation ?? 1)[0] : 1, padding: pad });
    } else if (spec.type === "maxPool" || spec.type === "avgPool") {
      const pad = typeof spec.padding === "number" ? spec.padding : undefined;
      windows.push({ name, kernel: kernelPair(spec.window)[0], stride: kernelPair(spec.stride ?? spec.window)[0], padding: pad });
    }
    if (name === upTo) return windows;
  }
  if (upTo !== undefined) throw new Error(`specWindows: no layer named '${upTo}'`);
  return windows;
}

// ---------------------------------------------------------------- tf.LayersModel

type Config = Record<string, unknown>;

function num(v: unknown): number {
  return Array.isArray(v) ? Number(v[0]) : Number(v);
}

function size2(v: unknown): Size2 {
  return Array.isArray(v) ? [Number(v[0]), Number(v[1])] : Number(v);
}

function tfPadding(v: unknown): Padding {
  if (v === "same" || v === "valid") return v;
  throw new Error(`layerTable: padding '${String(v)}' is not supported (only 'same' and 'valid')`);
}

/** The spec a TF.js layer corresponds to, or undefined for layers that do no counted work. */
export function specOfLayer(layer: tf.layers.Layer): LayerSpec | undefined {
  const c = layer.getConfig() as Config;
  const name = layer.name;
  if (c.dataFormat === "channelsFirst") throw new Error(`layerTable: layer '${name}' is channelsFirst; only channelsLast (NHWC) models are counted`);
  const common = { name, stride: size2(c.strides ?? 1), padding: tfPadding(c.padding ?? "valid") };
  switch (layer.getClassName()) {
    case "Conv2D":
    case "GroupedConv2D":
    case "DilatedConv2D":
      return { type: "conv", ...common, filters: num(c.filters), kernel: size2(c.kernelSize), dilation: size2(c.dilationRate ?? 1), groups: c.groups === undefined ? 1 : num(c.groups), bias: c.useBias !== false };
    case "Conv2DTranspose":
      return { type: "convTranspose", ...common, filters: num(c.filters), kernel: size2(c.kernelSize), bias: c.useBias !== false };
    case "DepthwiseConv2D":
      return { type: "depthwiseConv", ...common, kernel: size2(c.kernelSize), multiplier: num(c.depthMultiplier ?? 1), bias: c.useBias !== false };
    case "SeparableConv2D":
      if (num(c.depthMultiplier ?? 1) !== 1) throw new Error(`layerTable: SeparableConv2D '${name}' with depthMultiplier != 1 is not counted`);
      return { type: "separableConv", ...common, filters: num(c.filters), kernel: size2(c.kernelSize), bias: c.useBias !== false };
    case "MaxPooling2D":
    case "AveragePooling2D":
      return { type: layer.getClassName() === "MaxPooling2D" ? "maxPool" : "avgPool", ...common, window: size2(c.poolSize), stride: size2(c.strides ?? c.poolSize) };
    case "GlobalAveragePooling2D":
      return { type: "globalAvgPool", name };
    case "Flatten":
      return { type: "flatten", name };
    case "Dense":
      return { type: "dense", name, units: num(c.units), bias: c.useBias !== false };
    case "BatchNormalization":
      return { type: "batchNorm", name };
    default:
      return undefined;
  }
}

function perImage(shape: unknown, what: string): number[] {
  if (!Array.isArray(shape) || shape.some((d, i) => i > 0 && (d === null || typeof d !== "number"))) {
    throw new Error(`layerTable: ${what} has shape ${JSON.stringify(shape)}; expected [batch, ...fixed sizes]`);
  }
  return (shape as number[]).slice(1);
}

function weightSizes(weights: readonly tf.LayerVariable[], pick: (w: tf.LayerVariable) => boolean): number {
  return weights.filter(pick).reduce((sum, w) => sum + shapeSize(w.shape as number[]), 0);
}

const isBias = (w: tf.LayerVariable) => /(^|\/)bias(_\d+)?$/.test(w.originalName ?? w.name);

function modelLayerRow(layer: tf.layers.Layer, opts: Required<LayerTableOptions>): LayerRow {
  const outShapes = layer.outputShape;
  if (Array.isArray(outShapes[0])) throw new Error(`layerTable: layer '${layer.name}' has several outputs; not supported`);
  const out = perImage(outShapes, `layer '${layer.name}' output`);
  const className = layer.getClassName();
  let input: number[] = out;
  if (className !== "InputLayer") {
    const inbound = layer.input;
    input = Array.isArray(inbound) ? out : perImage(inbound.shape, `layer '${layer.name}' input`);
  }
  const spec = specOfLayer(layer);
  let macs = 0;
  let extra: Partial<LayerRow> = {};
  if (spec) {
    const counted = countLayer(spec as Exclude<LayerSpec, { type: "branches" }>, input, layer.name);
    if (counted.outputShape.join() !== out.join()) {
      throw new Error(`layerTable: layer '${layer.name}' (${className}) reports output [${out.join(", ")}] but its config gives [${counted.outputShape.join(", ")}]`);
    }
    macs = counted.macs;
    extra = describe(spec);
  }
  // Parameters come from the layer's actual weights, so custom layers are counted too.
  const trainable = weightSizes(layer.trainableWeights, () => true);
  const nonTrainable = weightSizes(layer.nonTrainableWeights, () => true);
  const biases = weightSizes(layer.trainableWeights, isBias);
  const params: ParamCount = { trainable, nonTrainable, total: trainable + nonTrainable };
  return makeRow(layer.name, spec?.type ?? className, input, { outputShape: out, params, biases, macs }, extra, opts);
}

// ---------------------------------------------------------------- presentation

export type MemoryUnit = "B" | "KB" | "MB";
export type CountUnit = "" | "k" | "M" | "G";

export interface FormatOptions {
  memory?: MemoryUnit;
  params?: CountUnit;
  macs?: CountUnit;
  /** Decimals after rounding to the unit (default 0, as the lecture tables). */
  decimals?: number;
  /** Add a "total" row (default true). */
  total?: boolean;
}

const MEMORY_DIVISOR: Record<MemoryUnit, number> = { B: 1, KB: 1024, MB: 1024 * 1024 };
const COUNT_DIVISOR: Record<CountUnit, number> = { "": 1, k: 1e3, M: 1e6, G: 1e9 };

function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

function shapeText(shape: readonly number[]): string {
  return shape.join("x");
}

/**
 * Rows for display (lab.display.table) in the lecture's layout: input and output C and H/W,
 * filters, kernel, stride, pad, then memory / params / MACs in the chosen units
 * (default KB, k, M, as lecture 003's tables).
 */
export function formatLayerTable(table: LayerTable, options: FormatOptions = {}): Record<string, string | number>[] {
  const mem = options.memory ?? "KB";
  const par = options.params ?? "k";
  const mac = options.macs ?? "M";
  const d = options.decimals ?? 0;
  const memCol = `memory (${mem})`;
  const parCol = `params${par ? ` (${par})` : ""}${table.biases ? "" : " no bias"}`;
  const macCol = `MACs${mac ? ` (${mac})` : ""}`;
  const spatial = (s: readonly number[]) => (s.length === 3 ? (s[0] === s[1] ? s[0] : `${s[0]}x${s[1]}`) : "");
  const channels = (s: readonly number[]) => (s.length === 3 ? s[2] : s.length === 1 ? s[0] : shapeText(s));
  const out: Record<string, string | number>[] = table.rows.map((r) => ({
    layer: r.name,
    "in C": channels(r.inputShape),
    "in H/W": spatial(r.inputShape),
    filters: r.filters ?? "",
    kernel: r.kernel ?? "",
    stride: r.stride ?? "",
    pad: r.padding ?? "",
    "out C": channels(r.outputShape),
    "out H/W": spatial(r.outputShape),
    [memCol]: round(r.memoryBytes / MEMORY_DIVISOR[mem], d),
    [parCol]: round(r.params / COUNT_DIVISOR[par], d),
    [macCol]: round(r.macs / COUNT_DIVISOR[mac], d),
  }));
  if (options.total ?? true) {
    const t = table.total;
    out.push({
      layer: "total", "in C": "", "in H/W": "", filters: "", kernel: "", stride: "", pad: "", "out C": "", "out H/W": "",
      [memCol]: round(t.memoryBytes / MEMORY_DIVISOR[mem], d),
      [parCol]: round(t.params / COUNT_DIVISOR[par], d),
      [macCol]: round(t.macs / COUNT_DIVISOR[mac], d),
    });
  }
  return out;
}

/** The exact counts as a nodejs-polars DataFrame (one row per layer, no total row). */
export function layerTableFrame(table: LayerTable): pl.DataFrame {
  return pl.DataFrame({
    layer: table.rows.map((r) => r.name),
    type: table.rows.map((r) => r.type),
    output: table.rows.map((r) => shapeText(r.outputShape)),
    params: table.rows.map((r) => r.params),
    trainable: table.rows.map((r) => r.trainable),
    nonTrainable: table.rows.map((r) => r.nonTrainable),
    macs: table.rows.map((r) => r.macs),
    memoryBytes: table.rows.map((r) => r.memoryBytes),
  });
}
