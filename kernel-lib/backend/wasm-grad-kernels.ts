// Gradient kernels the WASM backend does not ship (TF.js 4.22): Conv2DBackpropFilter,
// DepthwiseConv2dNativeBackpropFilter, DepthwiseConv2dNativeBackpropInput. Without them any
// convnet fails to train on wasm. Each is composed from kernels wasm DOES have, called directly
// as kernel functions (no tf ops: a kernel must not open engine scopes or touch the tape), so
// the data stays in the WASM heap and the heavy parts run in XNNPACK:
//   - filter gradients: im2col by strided slices of the padded input, then one matrix product
//     per batch chunk, laid out so BatchMatMul takes XNNPACK's fast path (no transposes, batch 1);
//   - depthwise input gradient: a depthwise convolution of the zero-inserted, padded dy with
//     the 180-degree-rotated filter.
import * as tf from "@tensorflow/tfjs";
import { type Info, type KernelArgs, WasmKernelScope } from "./wasm-kernel-scope";

type Pair = [number, number];
type ConvInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

/**
 * Largest im2col block (float32 elements) built at once; bigger batches are processed in
 * chunks whose gradients are summed, which bounds peak memory at about 2 x 64 MB. Mutable so
 * that tests can force the chunked path on tiny tensors.
 */
export const WASM_GRAD_LIMITS = { im2colMaxElements: 16 * 1024 * 1024 };

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
 * Pads x (NHWC) so that every tap of the convolution described by `info` can be read by a
 * strided slice: rows/cols before the image from padInfo, after it only as many as needed.
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

/** The input values tap (kh, kw) multiplies, for batch rows [b0, b0 + nb): shape [nb, OH, OW, C]. */
function tapSlice(k: WasmKernelScope, xpad: Info, info: ConvInfo, b0: number, nb: number, kh: number, kw: number): Info {
  const h0 = kh * info.dilationHeight;
  const w0 = kw * info.dilationWidth;
  const c = xpad.shape[3];
  return k.run("StridedSlice", { x: xpad }, {
    begin: [b0, h0, w0, 0],
    end: [b0 + nb, h0 + (info.outHeight - 1) * info.strideHeight + 1, w0 + (info.outWidth - 1) * info.strideWidth + 1, c],
    strides: [1, info.strideHeight, info.strideWidth, 1],
    beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0,
  });
}

function batchChunk(info: ConvInfo, channelsPerTap: number): number {
  const perImage = info.outHeight * info.outWidth * info.filterHeight * info.filterWidth * channelsPerTap;
  return Math.max(1, Math.min(info.batchSize, Math.floor(WASM_GRAD_LIMITS.im2colMaxElements / Math.max(1, perImage))));
}

/** dW[kh, kw, ci, co] = sum over (b, oh, ow) of xpad[b, oh*s + kh*d, ow*s + kw*d, ci] * dy[b, oh, ow, co]. */
function conv2dFilterGradNHWC(k: WasmKernelScope, x: Info, dy: Info, info: ConvInfo): Info {
  const { filterHeight: KH, filterWidth: KW, inChannels: Ci, outChannels: Co } = info;
  const xpad = padForTaps(k, x, info);
  const chunk = batchChunk(info, Ci);
  let acc: Info | undefined;
  for (let b0 = 0; b0 < info.batchSize; b0 += chunk) {
    const nb = Math.min(chunk, info.batchSize - b0);
    const n = nb * info.outHeight * info.outWidth;
    const taps: Info[] = [];
    for (let kh = 0; kh < KH; kh++) for (let kw = 0; kw < KW; kw++) taps.push(tapSlice(k, xpad, info, b0, nb, kh, kw));
    // Columns ordered (kh, kw, ci): exactly the filter's memory layout.
    const cols = taps.length === 1 ? taps[0] : k.run("Concat", taps, { axis: 3 });
    for (const t of taps) if (t !== cols) k.free(t);
    const colsMat = k.run("Reshape", { x: cols }, { shape: [1, n, KH * KW * Ci] });
    const dyChunk = nb === info.batchSize ? dy : k.run("Slice", { x: dy }, { begin: [b0, 0, 0, 0], size: [nb, -1, -1, -1] });
    const dyMat = k.run("Reshape", { x: dyChunk }, { shape: [n, Co] });
    // [Co, n] x [n, KH*KW*Ci]: neither operand transposed, so XNNPACK's GEMM does the work.
    const dyT = k.run("Reshape", { x: k.run("Transpose", { x: dyMat }, { perm: [1, 0] }) }, { shape: [1, Co, n] });
    const part = k.run("BatchMatMul", { a: dyT, b: colsMat }, { transposeA: false, transposeB: false });
    acc = acc === undefined ? part : k.run("Add", { a: acc, b: part });
    k.freeAllBut(acc, xpad, x, dy);
  }
  const grad = k.run("Transpose", { x: k.run("Reshape", { x: acc as Info }, { shape: [Co, KH * KW * Ci] }) }, { perm: [1, 0] });
  return k.run("Reshape", { x: grad }, { shape: [KH, KW, Ci, Co] });
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

/** dW[kh, kw, ci, m] = sum over (b, oh, ow) of xpad[b, oh*s + kh*d, ow*s + kw*d, ci] * dy[b, oh, ow, ci*M + m]. */
function depthwiseConv2dNativeBackpropFilter(args: KernelArgs): Info {
  const { x, dy } = args.inputs as { x: Info; dy: Info };
  const attrs = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
  checkFloat(tf.DepthwiseConv2dNativeBackpropFilter, x, dy);
  return WasmKernelScope.run(args.backend, (k) => {
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number], attrs.filterShape, attrs.strides,
      pair(attrs.dilations, "dilations"), attrs.pad, attrs.dimRoundingMode, true);
    checkOutShape(tf.DepthwiseConv2dNativeBackpropFilter, info, dy);
    const { filterHeight: KH, filterWidth: KW, inChannels: Ci } = info;
    const M = info.outChannels / Ci;
    const n = info.batchSize * info.outHeight * info.outWidth;
    const xpad = padForTaps(k, x, info);
    const dy3 = k.run("Reshape", { x: dy }, { shape: [n, Ci, M] });
    const taps: Info[] = [];
    for (let kh = 0; kh < KH; kh++) {
      for (let kw = 0; kw < KW; kw++) {
        const xs = k.run("Reshape", { x: tapSlice(k, xpad, info, 0, info.batchSize, kh, kw) }, { shape: [n, Ci, 1] });
        const prod = k.run("Multiply", { a: xs, b: dy3 });
        const tap = k.run("Sum", { x: prod }, { axis: [0], keepDims: true });
        k.freeAllBut(...taps, tap, xpad, dy3, x, dy);
        taps.push(tap);
      }
    }
    const all = taps.length === 1 ? taps[0] : k.run("Concat", taps, { axis: 0 });
    return k.run("Reshape", { x: all }, { shape: [KH, KW, Ci, M] });
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
