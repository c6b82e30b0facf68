// Gradient kernels the WASM backend does not ship (TF.js 4.22): Conv2DBackpropFilter,
// DepthwiseConv2dNativeBackpropFilter, DepthwiseConv2dNativeBackpropInput. Without them any
// convnet fails to train on wasm. Each is composed from kernels wasm DOES have, called directly
// as kernel functions (no tf ops: a kernel must not open engine scopes or touch the tape), so
// the data stays in the WASM heap and the heavy parts run in XNNPACK:
//   - filter gradients: themselves convolutions, of the input (channels moved to the batch
//     axis, batch moved to the channel axis) with dy as the filter, the forward stride becoming
//     the dilation and the forward dilation the stride: one Conv2D (or DepthwiseConv2dNative)
//     call plus transposes. (An im2col + matmul version spent 90% of its time in StridedSlice
//     and in Concat along the channel axis, which wasm copies element by element.)
//   - depthwise input gradient: a depthwise convolution of the zero-inserted, padded dy with
//     the 180-degree-rotated filter.
import * as tf from "@tensorflow/tfjs";
import { type Info, type KernelArgs, WasmKernelScope } from "./wasm-kernel-scope";

type Pair = [number, number];
type ConvInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

function pair(v: number | number[] | undefined, name: string): Pair {
  if (v === undefined || v === null) return [1, 1];
  if (typeof v === "number") return [v, v];
  if (v.length === 1) return [v[0], v[0]];
  if (v.length === 2) return [v[0], v[1]];
  throw new Error(`wasm-grad-kernels: ${name} must be a number or a pair, got [${v.join(", ")}]`);
}

function checkFloat(kernel: string, ...infos: Info[]): void {
  for (const t of infos) {
    if (t.dtype !== "float32") throw new Error(`${kernel} (wasm): expected float32 tensors, got ${t.dtype}`);
  }
}

function checkOutShape(kernel: string, info: ConvInfo, dy: Info): void {
  const want = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  const got = dy.shape;
  if (got.length !== 4 || want.some((v, i) => v !== got[i])) {
    throw new Error(`${kernel} (wasm): dy has shape [${got.join(", ")}] but the convolution's output shape is [${want.join(", ")}]`);
  }
}

/**
 * Pads x (NHWC) as the forward convolution described by `info` saw it: rows/cols before the
 * image from padInfo, after it only as many as the last output position reads.
 */
function padForTaps(k: WasmKernelScope, x: Info, info: ConvInfo): Info {
  const { top, left } = info.padInfo;
  const needH = (info.outHeight - 1) * info.strideHeight + (info.filterHeight - 1) * info.dilationHeight + 1;
  const needW = (info.outWidth - 1) * info.strideWidth + (info.filterWidth - 1) * info.dilationWidth + 1;
  const bottom = Math.max(0, needH - top - info.inHeight);
  const right = Math.max(0, needW - left - info.inWidth);
  if (top === 0 && left === 0 && bottom === 0 && right === 0) return x;
  return k.run("PadV2", { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 });
}

/**
 * The filter gradient as a convolution over (oh, ow), summing over the batch:
 *   dW[kh, kw, ci, co] = sum over (oh, ow, b) of xpad[b, kh*d + oh*s, kw*d + ow*s, ci] * dy[b, oh, ow, co],
 * i.e. Conv2D of xT = xpad as [ci, h, w, b] with dyT = dy as [oh, ow, b, co], stride d,
 * dilation s, 'valid'; its output [ci, kh', kw', co] has kh' >= kh (extra rows are cropped).
 */
function conv2dFilterGradNHWC(k: WasmKernelScope, x: Info, dy: Info, info: ConvInfo): Info {
  const { filterHeight: KH, filterWidth: KW, inChannels: Ci, outChannels: Co } = info;
  const xT = k.run("Transpose", { x: padForTaps(k, x, info) }, { perm: [3, 1, 2, 0] });
  const dyT = k.run("Transpose", { x: dy }, { perm: [1, 2, 0, 3] });
  let g = k.run("Conv2D", { x: xT, filter: dyT }, {
    strides: [info.dilationHeight, info.dilationWidth],
    dilations: [info.strideHeight, info.strideWidth],
    pad: "valid",
    dataFormat: "NHWC",
  });
  if (g.shape[1] !== KH || g.shape[2] !== KW) g = k.run("Slice", { x: g }, { begin: [0, 0, 0, 0], size: [Ci, KH, KW, Co] });
  return k.run("Transpose", { x: g }, { perm: [1, 2, 0, 3] });
}

function conv2DBackpropFilter(args: KernelArgs): Info {
  const { x, dy } = args.inputs as { x: Info; dy: Info };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  checkFloat(tf.Conv2DBackpropFilter, x, dy);
  return WasmKernelScope.run(args.backend, (k) => {
    const channelsFirst = attrs.dataFormat === "NCHW";
    // NCHW is handled by converting both operands to NHWC, the layout XNNPACK computes in.
    const xh = channelsFirst ? k.run("Transpose", { x }, { perm: [0, 2, 3, 1] }) : x;
    const dyh = channelsFirst ? k.run("Transpose", { x: dy }, { perm: [0, 2, 3, 1] }) : dy;
    const info = tf.backend_util.computeConv2DInfo(
      xh.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1,
      attrs.pad, attrs.dimRoundingMode, false, "channelsLast");
    checkOutShape(tf.Conv2DBackpropFilter, info, dyh);
    return conv2dFilterGradNHWC(k, xh, dyh, info);
  });
}

/**
 * dW[kh, kw, ci, m] = sum over (b, oh, ow) of xpad[b, kh*d + oh*s, kw*d + ow*s, ci] * dy[b, oh, ow, ci*M + m]:
 * the conv2d trick above with (b, ci) as the channels of one depthwise convolution, then a sum
 * over b of the small result.
 */
function depthwiseConv2dNativeBackpropFilter(args: KernelArgs): Info {
  const { x, dy } = args.inputs as { x: Info; dy: Info };
  const attrs = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
  checkFloat(tf.DepthwiseConv2dNativeBackpropFilter, x, dy);
  return WasmKernelScope.run(args.backend, (k) => {
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number], attrs.filterShape, attrs.strides,
      pair(attrs.dilations, "dilations"), attrs.pad, attrs.dimRoundingMode, true);
    checkOutShape(tf.DepthwiseConv2dNativeBackpropFilter, info, dy);
    const { batchSize: B, filterHeight: KH, filterWidth: KW, inChannels: Ci, outChannels: C } = info;
    const M = C / Ci;
    const xpad = padForTaps(k, x, info);
    const [, hp, wp] = xpad.shape;
    const xT = k.run("Reshape", { x: k.run("Transpose", { x: xpad }, { perm: [1, 2, 0, 3] }) }, { shape: [1, hp, wp, B * Ci] });
    const dyT = k.run("Reshape", { x: k.run("Transpose", { x: dy }, { perm: [1, 2, 0, 3] }) }, { shape: [info.outHeight, info.outWidth, B * Ci, M] });
    let g = k.run("DepthwiseConv2dNative", { x: xT, filter: dyT }, {
      strides: [info.dilationHeight, info.dilationWidth],
      dilations: [info.strideHeight, info.strideWidth],
      pad: "valid",
    });
    if (g.shape[1] !== KH || g.shape[2] !== KW) g = k.run("Slice", { x: g }, { begin: [0, 0, 0, 0], size: [1, KH, KW, B * C] });
    // [kh*kw, b, ci*M] -> [kh*kw, ci*M, b], summed over b (wasm reduces innermost axes only).
    const perImage = k.run("Transpose", { x: k.run("Reshape", { x: g }, { shape: [KH * KW, B, C] }) }, { perm: [0, 2, 1] });
    const sum = k.run("Sum", { x: perImage }, { axis: [2], keepDims: false });
    return k.run("Reshape", { x: sum }, { shape: [KH, KW, Ci, M] });
  });
}

/** Crop (negative) or pad (positive) amounts for one spatial axis of the input gradient. */
function fullCorrelationBounds(inSize: number, padBefore: number, k: number, dilation: number, zLen: number) {
  const before = (k - 1) * dilation - padBefore;
  const after = inSize + (k - 1) * dilation - before - zLen;
  return { cropStart: Math.max(0, -before), cropEnd: Math.max(0, -after), padStart: Math.max(0, before), padEnd: Math.max(0, after) };
}

/**
 * dx[b, i, j, ci] = sum over (kh, kw, m) of dy[b, oh, ow, ci*M + m] * w[kh, kw, ci, m] where
 * i + padTop = oh*s + kh*d: a stride-1 correlation of the zero-inserted dy with the rotated
 * filter, done as one depthwise convolution over Ci*M channels, then a sum over m.
 */
function depthwiseConv2dNativeBackpropInput(args: KernelArgs): Info {
  const { dy, filter } = args.inputs as { dy: Info; filter: Info };
  const attrs = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
  checkFloat(tf.DepthwiseConv2dNativeBackpropInput, dy, filter);
  return WasmKernelScope.run(args.backend, (k) => {
    const info = tf.backend_util.computeConv2DInfo(
      attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides,
      pair(attrs.dilations, "dilations"), attrs.pad, attrs.dimRoundingMode, true);
    checkOutShape(tf.DepthwiseConv2dNativeBackpropInput, info, dy);
    const { batchSize: B, inHeight: H, inWidth: W, inChannels: Ci, outChannels: C, strideHeight: sh, strideWidth: sw } = info;
    const M = C / Ci;
    let z = dy;
    if (sh > 1 || sw > 1) {
      // Zero insertion: [B, OH, 1, OW, 1, C] padded to [B, OH, sh, OW, sw, C] puts s-1 zeros after every value.
      const six = k.run("Reshape", { x: dy }, { shape: [B, info.outHeight, 1, info.outWidth, 1, C] });
      const spread = k.run("PadV2", { x: six }, { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 });
      z = k.run("Reshape", { x: spread }, { shape: [B, info.outHeight * sh, info.outWidth * sw, C] });
    }
    const hb = fullCorrelationBounds(H, info.padInfo.top, info.filterHeight, info.dilationHeight, z.shape[1]);
    const wb = fullCorrelationBounds(W, info.padInfo.left, info.filterWidth, info.dilationWidth, z.shape[2]);
    if (hb.cropStart + hb.cropEnd + wb.cropStart + wb.cropEnd > 0) {
      z = k.run("Slice", { x: z }, {
        begin: [0, hb.cropStart, wb.cropStart, 0],
        size: [B, z.shape[1] - hb.cropStart - hb.cropEnd, z.shape[2] - wb.cropStart - wb.cropEnd, C],
      });
    }
    const rotated = k.run("Reverse", { x: filter }, { dims: [0, 1] });
    const wr = k.run("Reshape", { x: rotated }, { shape: [info.filterHeight, info.filterWidth, C, 1] });
    const perChannel = k.run("DepthwiseConv2dNative", { x: z, filter: wr }, {
      strides: [1, 1],
      pad: [[0, 0], [hb.padStart, hb.padEnd], [wb.padStart, wb.padEnd], [0, 0]],
      dilations: [info.dilationHeight, info.dilationWidth],
    });
    if (M === 1) return perChannel;
    const split = k.run("Reshape", { x: perChannel }, { shape: [B, H, W, Ci, M] });
    return k.run("Sum", { x: split }, { axis: [4], keepDims: false });
  });
}

const GRAD_KERNELS: readonly { name: string; kernelFunc: (args: KernelArgs) => Info }[] = [
  { name: tf.Conv2DBackpropFilter, kernelFunc: conv2DBackpropFilter },
  { name: tf.DepthwiseConv2dNativeBackpropFilter, kernelFunc: depthwiseConv2dNativeBackpropFilter },
  { name: tf.DepthwiseConv2dNativeBackpropInput, kernelFunc: depthwiseConv2dNativeBackpropInput },
];

/** Names of the gradient kernels this module provides for wasm. */
export const WASM_GRAD_KERNEL_NAMES: readonly string[] = GRAD_KERNELS.map((g) => g.name);

/**
 * Registers the missing gradient kernels for the "wasm" backend. Idempotent, and leaves alone
 * any kernel a future tfjs-backend-wasm ships itself.
 */
export function registerWasmGradKernels(): void {
  for (const { name, kernelFunc } of GRAD_KERNELS) {
    if (tf.getKernel(name, "wasm")) continue;
    tf.registerKernel({ kernelName: name, backendName: "wasm", kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
}
