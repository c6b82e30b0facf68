// Convolution arithmetic as plain numbers: output sizes, parameter counts, multiply-accumulates
// and activation memory, in the lectures' notation (lecture 002 "input/output dimensions" and
// "parameter calculation", lecture 003 "a closer look at spatial dimensions").
//
// Conventions (checked against the lecture tables, see notebooks/03-convolution-arithmetic):
// - shapes are NHWC (batch first, channels last), as in TF.js; the lectures write [N, W, H, C];
// - a MAC is one multiply-accumulate; FLOPs = 2 x MACs. Lecture 003's "flop (M)" column and
//   its "ops" are MACs, and its pooling "flop" is (output values) x (window area);
// - memory counts 4 bytes per float32 value and KB = 1024 bytes.

/** Padding on each side: a number of pixels, "valid" (= 0) or "same" (TF's rule: out = ceil(in / stride)). */
export type Padding = number | "valid" | "same";

export interface ConvAxisOptions {
  /** Step between windows (default 1). */
  stride?: number;
  /** Pixels added on each side (default 0). */
  padding?: Padding;
  /** Spacing between kernel taps (default 1); the effective kernel is dilation*(kernel-1)+1. */
  dilation?: number;
}

function checkPositiveInt(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) throw new Error(`arithmetic: ${what} must be a positive integer, got ${value}`);
}

/** The span a dilated kernel covers: D(K-1)+1. */
export function effectiveKernel(kernel: number, dilation = 1): number {
  checkPositiveInt(kernel, "kernel");
  checkPositiveInt(dilation, "dilation");
  return dilation * (kernel - 1) + 1;
}

/**
 * Output length along one axis of a convolution or pooling window:
 * floor((W_in - F + 2P) / S) + 1, the lecture's formula (frameworks floor when S does not divide).
 * With padding "same" the output is ceil(W_in / S), whatever the kernel.
 */
export function convOutputSize(inputSize: number, kernel: number, opts: ConvAxisOptions = {}): number {
  const stride = opts.stride ?? 1;
  const padding = opts.padding ?? 0;
  checkPositiveInt(inputSize, "input size");
  checkPositiveInt(stride, "stride");
  const span = effectiveKernel(kernel, opts.dilation ?? 1);
  if (padding === "same") return Math.ceil(inputSize / stride);
  const p = padding === "valid" ? 0 : padding;
  if (!Number.isInteger(p) || p < 0) throw new Error(`arithmetic: padding must be a non-negative integer, "same" or "valid", got ${padding}`);
  const room = inputSize + 2 * p - span;
  if (room < 0) throw new Error(`arithmetic: a ${span}-wide window does not fit an input of ${inputSize} padded by ${p} on each side`);
  return Math.floor(room / stride) + 1;
}

/** Padding that keeps the size at stride 1 for an odd kernel: (F - 1) / 2 (lecture 003: F=3 -> 1, 5 -> 2, 7 -> 3). */
export function samePadding(kernel: number, dilation = 1): number {
  const span = effectiveKernel(kernel, dilation);
  if (span % 2 === 0) throw new Error(`arithmetic: an even window (${span}) cannot keep the size with equal padding on both sides`);
  return (span - 1) / 2;
}

/** Pooling output length; the stride defaults to the window (lecture 002: then W_out = (W_in + 2P) / F). */
export function poolOutputSize(inputSize: number, window: number, opts: { stride?: number; padding?: Padding } = {}): number {
  return convOutputSize(inputSize, window, { stride: opts.stride ?? window, padding: opts.padding ?? 0 });
}

/**
 * Output length of a transposed convolution: (W_in - 1)S - 2P + D(K-1) + 1 + outputPadding,
 * the inverse of convOutputSize's map when S divides evenly; "same" gives W_in x S (TF.js).
 */
export function convTransposeOutputSize(
  inputSize: number,
  kernel: number,
  opts: { stride?: number; padding?: Padding; dilation?: number; outputPadding?: number } = {},
): number {
  const stride = opts.stride ?? 1;
  const outputPadding = opts.outputPadding ?? 0;
  checkPositiveInt(inputSize, "input size");
  checkPositiveInt(stride, "stride");
  if (opts.padding === "same") return inputSize * stride;
  const padding = opts.padding === "valid" ? 0 : opts.padding ?? 0;
  if (outputPadding < 0 || outputPadding >= stride) throw new Error(`arithmetic: outputPadding must be in [0, stride), got ${outputPadding}`);
  const out = (inputSize - 1) * stride - 2 * padding + effectiveKernel(kernel, opts.dilation ?? 1) + outputPadding;
  if (out < 1) throw new Error(`arithmetic: padding ${padding} removes the whole transposed-convolution output`);
  return out;
}

/** A kernel given as one size (square) or [height, width]. */
export type Size2 = number | readonly [number, number];

export function kernelPair(size: Size2): [number, number] {
  return typeof size === "number" ? [size, size] : [size[0], size[1]];
}

export interface Conv2dShapeOptions {
  filters: number;
  kernel: Size2;
  stride?: Size2;
  padding?: Padding;
  dilation?: Size2;
}

/** Splits [N, H, W, C] or [H, W, C] into its batch part and H, W, C. */
function splitImageShape(shape: readonly number[], what: string): { batch: number[]; h: number; w: number; c: number } {
  if (shape.length !== 3 && shape.length !== 4) throw new Error(`arithmetic: ${what} expects an image shape [N, H, W, C] or [H, W, C], got [${shape.join(", ")}]`);
  const [h, w, c] = shape.slice(-3);
  return { batch: shape.slice(0, shape.length - 3), h, w, c };
}

/** Output shape of a 2D convolution for [N, H, W, C] (or [H, W, C]) input: [N, H', W', filters]. */
export function conv2dOutputShape(inputShape: readonly number[], opts: Conv2dShapeOptions): number[] {
  const { batch, h, w } = splitImageShape(inputShape, "conv2dOutputShape");
  const [kh, kw] = kernelPair(opts.kernel);
  const [sh, sw] = kernelPair(opts.stride ?? 1);
  const [dh, dw] = kernelPair(opts.dilation ?? 1);
  checkPositiveInt(opts.filters, "filters");
  return [
    ...batch,
    convOutputSize(h, kh, { stride: sh, padding: opts.padding, dilation: dh }),
    convOutputSize(w, kw, { stride: sw, padding: opts.padding, dilation: dw }),
    opts.filters,
  ];
}

/** Output shape of 2D pooling: channels are kept (C_out = C_in). */
export function pool2dOutputShape(inputShape: readonly number[], opts: { window: Size2; stride?: Size2; padding?: Padding }): number[] {
  const { batch, h, w, c } = splitImageShape(inputShape, "pool2dOutputShape");
  const [kh, kw] = kernelPair(opts.window);
  const [sh, sw] = kernelPair(opts.stride ?? opts.window);
  return [...batch, convOutputSize(h, kh, { stride: sh, padding: opts.padding }), convOutputSize(w, kw, { stride: sw, padding: opts.padding }), c];
}

/** Output shape of a 2D transposed convolution. */
export function convTranspose2dOutputShape(
  inputShape: readonly number[],
  opts: { filters: number; kernel: Size2; stride?: Size2; padding?: Padding; outputPadding?: number },
): number[] {
  const { batch, h, w } = splitImageShape(inputShape, "convTranspose2dOutputShape");
  const [kh, kw] = kernelPair(opts.kernel);
  const [sh, sw] = kernelPair(opts.stride ?? 1);
  const common = { padding: opts.padding, outputPadding: opts.outputPadding };
  return [...batch, convTransposeOutputSize(h, kh, { ...common, stride: sh }), convTransposeOutputSize(w, kw, { ...common, stride: sw }), opts.filters];
}

/** Flattening keeps the batch and multiplies the rest: [N, H, W, C] -> [N, H*W*C]. */
export function flattenOutputShape(inputShape: readonly number[], hasBatch = inputShape.length === 4): number[] {
  const rest = hasBatch ? inputShape.slice(1) : inputShape;
  const units = shapeSize(rest);
  return hasBatch ? [inputShape[0], units] : [units];
}

export function shapeSize(values: readonly number[]): number {
  return values.reduce((a, b) => a * b, 1);
}

// ---------------------------------------------------------------- parameters

/** Parameters split the way Keras reports them. */
export interface ParamCount {
  trainable: number;
  nonTrainable: number;
  total: number;
}

function params(trainable: number, nonTrainable = 0): ParamCount {
  return { trainable, nonTrainable, total: trainable + nonTrainable };
}

export interface ConvParamOptions {
  kernel: Size2;
  inChannels: number;
  filters: number;
  /** Channel groups (default 1): each filter sees inChannels / groups channels. */
  groups?: number;
  /** Count one bias per filter (default true). */
  bias?: boolean;
  /** Kernel depth for 3D convolution (default: a 2D convolution). */
  depth?: number;
}

/** {(k_w x k_h x C_in / groups) + 1} x C_out (lecture 002), the +1 only with biases. */
export function convParams(opts: ConvParamOptions): ParamCount {
  const [kh, kw] = kernelPair(opts.kernel);
  const groups = opts.groups ?? 1;
  checkGroups(opts.inChannels, opts.filters, groups);
  const perFilter = (opts.depth ?? 1) * kh * kw * (opts.inChannels / groups) + (opts.bias === false ? 0 : 1);
  return params(perFilter * opts.filters);
}

function checkGroups(inChannels: number, filters: number, groups: number): void {
  checkPositiveInt(groups, "groups");
  if (inChannels % groups !== 0 || filters % groups !== 0) {
    throw new Error(`arithmetic: groups=${groups} must divide both the input channels (${inChannels}) and the filters (${filters})`);
  }
}

/** (#inputs + 1) x #outputs (lecture 002), the +1 only with biases. */
export function denseParams(inputUnits: number, units: number, bias = true): ParamCount {
  return params((inputUnits + (bias ? 1 : 0)) * units);
}

/** gamma and beta are trained (2C); the moving mean and variance are not (2C more). */
export function batchNormParams(channels: number): ParamCount {
  return params(2 * channels, 2 * channels);
}

/** A depthwise convolution: one k x k kernel per input channel (times the depth multiplier). */
export function depthwiseParams(kernel: Size2, channels: number, multiplier = 1, bias = true): ParamCount {
  return convParams({ kernel, inChannels: channels, filters: channels * multiplier, groups: channels, bias });
}

/** Depthwise (k x k per channel) then pointwise (1 x 1 x C_in x C_out): lecture 000's (N x N x C) + (C x F). */
export function separableParams(kernel: Size2, inChannels: number, filters: number, bias = true): ParamCount {
  const depthwise = depthwiseParams(kernel, inChannels, 1, false).total;
  const pointwise = convParams({ kernel: 1, inChannels, filters, bias }).total;
  return params(depthwise + pointwise);
}

// ---------------------------------------------------------------- compute

export interface ConvMacOptions {
  /** Output spatial size [H', W'] (or [D', H', W'] for 3D). */
  outputSize: readonly number[];
  kernel: readonly number[] | number;
  inChannels: number;
  filters: number;
  groups?: number;
}

/** One MAC per kernel tap per output value: H' W' C_out x (k_h k_w C_in / groups). */
export function convMacs(opts: ConvMacOptions): number {
  const groups = opts.groups ?? 1;
  checkGroups(opts.inChannels, opts.filters, groups);
  const taps = typeof opts.kernel === "number" ? opts.kernel ** opts.outputSize.length : shapeSize(opts.kernel);
  return shapeSize(opts.outputSize) * opts.filters * taps * (opts.inChannels / groups);
}

/** A transposed convolution scatters every input value through the whole kernel: H W C_in x k_h k_w C_out. */
export function convTransposeMacs(inputSize: readonly number[], kernel: Size2, inChannels: number, filters: number): number {
  const [kh, kw] = kernelPair(kernel);
  return shapeSize(inputSize) * inChannels * kh * kw * filters;
}

export function denseMacs(inputUnits: number, units: number): number {
  return inputUnits * units;
}

/** Pooling does no multiplies; lecture 003 counts one operation per window element per output. */
export function poolOps(outputShape: readonly number[], window: Size2): number {
  const [kh, kw] = kernelPair(window);
  return shapeSize(outputShape) * kh * kw;
}

/** FLOPs count the multiply and the add of a MAC separately. */
export function macsToFlops(macs: number): number {
  return 2 * macs;
}

// ---------------------------------------------------------------- memory

export const BYTES_PER_FLOAT32 = 4;
export const BYTES_PER_KB = 1024;

/** Bytes to hold one activation tensor of this shape (no batch dimension = one image). */
export function activationBytes(shape: readonly number[], bytesPerValue = BYTES_PER_FLOAT32): number {
  return shapeSize(shape) * bytesPerValue;
}

export function bytesToKB(bytes: number): number {
  return bytes / BYTES_PER_KB;
}

export function bytesToMB(bytes: number): number {
  return bytes / (BYTES_PER_KB * BYTES_PER_KB);
}
