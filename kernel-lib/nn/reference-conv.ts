// Reference convolutions written as plain loops: the definitions from the lectures, slow but
// readable, used for teaching and as the tests' oracle for TF.js and our own layers.
// "Convolution" here is cross-correlation (no kernel flip), as in lecture 002's formula
// (I * K)_{i,j} = sum_m sum_n I_{i+m, j+n} K_{m,n} and in TF.js's conv2d.
// Layouts follow TF.js: input NHWC (NDHWC in 3D), filters [kh, kw, C_in / groups, C_out]
// ([kd, kh, kw, C_in, C_out] in 3D, [kh, kw, C_out, C_in] for transposed convolution).
import { type Size2, kernelPair } from "./arithmetic";
import { type RefTensor, refTensor, stridesOf } from "./reference-tensor";

/** Padding per side: pixels on every side, [top, bottom, left, right], "valid" (none) or "same" (TF's rule). */
export type RefPadding = number | "valid" | "same" | readonly [number, number, number, number];

/** What the padded border holds: zeros, or copies of the nearest edge pixel ("edge" = replicate). */
export type PadMode = "zero" | "edge";

/** [before, after] padding along one axis. TF's "same" puts the odd pixel after. */
export function axisPadding(inputSize: number, span: number, stride: number, padding: "valid" | "same" | number): [number, number] {
  if (padding === "valid") return [0, 0];
  if (padding === "same") {
    const total = Math.max((Math.ceil(inputSize / stride) - 1) * stride + span - inputSize, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  }
  if (!Number.isInteger(padding) || padding < 0) throw new Error(`reference: padding must be a non-negative integer, got ${padding}`);
  return [padding, padding];
}

function outSize(inputSize: number, before: number, after: number, span: number, stride: number, what: string): number {
  const room = inputSize + before + after - span;
  if (room < 0) throw new Error(`${what}: a ${span}-wide window does not fit an input of ${inputSize} padded by ${before}+${after}`);
  return Math.floor(room / stride) + 1;
}

function expectRank(t: RefTensor, rank: number, what: string, layout: string): void {
  if (t.shape.length !== rank) throw new Error(`${what}: expects ${layout}, got shape [${t.shape.join(", ")}]`);
}

export interface Corr2dOptions {
  stride?: Size2;
  padding?: RefPadding;
  padMode?: PadMode;
  dilation?: Size2;
  /** Split channels into groups (default 1); groups = C_in is a depthwise convolution. */
  groups?: number;
  /** One bias per output channel. */
  bias?: ArrayLike<number>;
}

/**
 * 2D cross-correlation of x [N, H, W, C_in] with w [kh, kw, C_in / groups, C_out]:
 * out[n, i, j, o] = bias[o] + sum over ky, kx, c of in[n, i*S + ky*D - padTop, j*S + kx*D - padLeft, g*C_g + c] * w[ky, kx, c, o],
 * where g = o's group and C_g = C_in / groups.
 */
export function corr2d(x: RefTensor, w: RefTensor, opts: Corr2dOptions = {}): RefTensor {
  expectRank(x, 4, "corr2d", "input [N, H, W, C]");
  expectRank(w, 4, "corr2d", "filters [kh, kw, C_in / groups, C_out]");
  const [n, h, wd, cIn] = x.shape;
  const [kh, kw, cInGroup, cOut] = w.shape;
  const groups = opts.groups ?? 1;
  if (cIn % groups !== 0 || cOut % groups !== 0 || cInGroup !== cIn / groups) {
    throw new Error(`corr2d: input has ${cIn} channels and filters expect ${cInGroup} per group; with groups=${groups} they need ${cIn / groups} and C_out (${cOut}) divisible by ${groups}`);
  }
  const [sh, sw] = kernelPair(opts.stride ?? 1);
  const [dh, dw] = kernelPair(opts.dilation ?? 1);
  const spanH = dh * (kh - 1) + 1;
  const spanW = dw * (kw - 1) + 1;
  const padding = opts.padding ?? 0;
  const [top, bottom, left, right] =
    typeof padding === "object" ? padding : [...axisPadding(h, spanH, sh, padding), ...axisPadding(wd, spanW, sw, padding)];
  const oh = outSize(h, top, bottom, spanH, sh, "corr2d");
  const ow = outSize(wd, left, right, spanW, sw, "corr2d");
  const bias = opts.bias;
  if (bias !== undefined && bias.length !== cOut) throw new Error(`corr2d: bias has ${bias.length} values for ${cOut} output channels`);
  const edge = (opts.padMode ?? "zero") === "edge";
  const cOutGroup = cOut / groups;
  const [xs0, xs1, xs2] = stridesOf(x.shape);
  const [ws0, ws1, ws2] = stridesOf(w.shape);
  const out = refTensor([n, oh, ow, cOut]);
  let k = 0;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        for (let o = 0; o < cOut; o++) {
          const firstChannel = Math.floor(o / cOutGroup) * cInGroup;
          let sum = bias === undefined ? 0 : bias[o];
          for (let ky = 0; ky < kh; ky++) {
            let y = i * sh + ky * dh - top;
            if (y < 0 || y >= h) {
              if (!edge) continue;
              y = Math.min(Math.max(y, 0), h - 1);
            }
            for (let kx = 0; kx < kw; kx++) {
              let xx = j * sw + kx * dw - left;
              if (xx < 0 || xx >= wd) {
                if (!edge) continue;
                xx = Math.min(Math.max(xx, 0), wd - 1);
              }
              for (let c = 0; c < cInGroup; c++) {
                sum += x.data[b * xs0 + y * xs1 + xx * xs2 + firstChannel + c] * w.data[ky * ws0 + kx * ws1 + c * ws2 + o];
              }
            }
          }
          out.data[k++] = sum;
        }
      }
    }
  }
  return out;
}

export interface Conv3dOptions {
  stride?: number | readonly [number, number, number];
  padding?: number | "valid" | "same";
  dilation?: number | readonly [number, number, number];
  bias?: ArrayLike<number>;
}

function triple(v: number | readonly [number, number, number]): [number, number, number] {
  return typeof v === "number" ? [v, v, v] : [v[0], v[1], v[2]];
}

/** 3D cross-correlation (video or volume) of x [N, D, H, W, C_in] with w [kd, kh, kw, C_in, C_out], zero padding. */
export function conv3d(x: RefTensor, w: RefTensor, opts: Conv3dOptions = {}): RefTensor {
  expectRank(x, 5, "conv3d", "input [N, D, H, W, C]");
  expectRank(w, 5, "conv3d", "filters [kd, kh, kw, C_in, C_out]");
  const [n, ...inSize] = x.shape.slice(0, 4);
  const cIn = x.shape[4];
  const k = w.shape.slice(0, 3);
  const [cInW, cOut] = w.shape.slice(3);
  if (cInW !== cIn) throw new Error(`conv3d: input has ${cIn} channels, filters expect ${cInW}`);
  const stride = triple(opts.stride ?? 1);
  const dilation = triple(opts.dilation ?? 1);
  const span = k.map((kk, a) => dilation[a] * (kk - 1) + 1);
  const pad = inSize.map((s, a) => axisPadding(s, span[a], stride[a], opts.padding ?? 0));
  const outDims = inSize.map((s, a) => outSize(s, pad[a][0], pad[a][1], span[a], stride[a], "conv3d"));
  const bias = opts.bias;
  if (bias !== undefined && bias.length !== cOut) throw new Error(`conv3d: bias has ${bias.length} values for ${cOut} output channels`);
  const xs = stridesOf(x.shape);
  const ws = stridesOf(w.shape);
  const out = refTensor([n, ...outDims, cOut]);
  let idx = 0;
  for (let b = 0; b < n; b++) {
    for (let od = 0; od < outDims[0]; od++) {
      for (let oi = 0; oi < outDims[1]; oi++) {
        for (let oj = 0; oj < outDims[2]; oj++) {
          for (let o = 0; o < cOut; o++) {
            let sum = bias === undefined ? 0 : bias[o];
            for (let kd = 0; kd < k[0]; kd++) {
              const z = od * stride[0] + kd * dilation[0] - pad[0][0];
              if (z < 0 || z >= inSize[0]) continue;
              for (let ky = 0; ky < k[1]; ky++) {
                const y = oi * stride[1] + ky * dilation[1] - pad[1][0];
                if (y < 0 || y >= inSize[1]) continue;
                for (let kx = 0; kx < k[2]; kx++) {
                  const xx = oj * stride[2] + kx * dilation[2] - pad[2][0];
                  if (xx < 0 || xx >= inSize[2]) continue;
                  for (let c = 0; c < cIn; c++) {
                    sum += x.data[b * xs[0] + z * xs[1] + y * xs[2] + xx * xs[3] + c] * w.data[kd * ws[0] + ky * ws[1] + kx * ws[2] + c * ws[3] + o];
                  }
                }
              }
            }
            out.data[idx++] = sum;
          }
        }
      }
    }
  }
  return out;
}

export interface ConvTranspose2dOptions {
  stride?: Size2;
  /** Pixels cropped from each side of the full output, or "valid" (0) / "same" (output = input x stride). */
  padding?: number | "valid" | "same";
  /** Extra rows/columns at the bottom/right (to reach sizes a strided convolution maps to the same input). */
  outputPadding?: number;
  bias?: ArrayLike<number>;
}

/** Output sizes and the rows/columns cropped at the top/left, for TF.js's conventions. */
function transposeGeometry(inSize: number, k: number, stride: number, opts: ConvTranspose2dOptions): { size: number; crop: number } {
  const padding = opts.padding ?? 0;
  const outputPadding = opts.outputPadding ?? 0;
  if (padding === "same") {
    const size = inSize * stride;
    return { size, crop: axisPadding(size, k, stride, "same")[0] };
  }
  const p = padding === "valid" ? 0 : padding;
  const size = (inSize - 1) * stride + k - 2 * p + outputPadding;
  if (size < 1) throw new Error(`convTranspose2d: padding ${p} removes the whole output`);
  return { size, crop: p };
}

/**
 * Transposed convolution ("deconvolution", learnable upsampling) of x [N, H, W, C_in] with
 * w [kh, kw, C_out, C_in]: every input value scatters a copy of the kernel, scaled by itself,
 * into the output at (i*S, j*S); overlapping copies add up; then `padding` is cropped.
 */
export function convTranspose2d(x: RefTensor, w: RefTensor, opts: ConvTranspose2dOptions = {}): RefTensor {
  expectRank(x, 4, "convTranspose2d", "input [N, H, W, C]");
  expectRank(w, 4, "convTranspose2d", "filters [kh, kw, C_out, C_in]");
  const [n, h, wd, cIn] = x.shape;
  const [kh, kw, cOut, cInW] = w.shape;
  if (cInW !== cIn) throw new Error(`convTranspose2d: input has ${cIn} channels, filters expect ${cInW} (layout [kh, kw, C_out, C_in])`);
  const [sh, sw] = kernelPair(opts.stride ?? 1);
  const gh = transposeGeometry(h, kh, sh, opts);
  const gw = transposeGeometry(wd, kw, sw, opts);
  const out = refTensor([n, gh.size, gw.size, cOut]);
  const [os0, os1, os2] = stridesOf(out.shape);
  const [ws0, ws1, ws2] = stridesOf(w.shape);
  let idx = 0;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < wd; j++) {
        for (let c = 0; c < cIn; c++) {
          const v = x.data[idx++];
          for (let ky = 0; ky < kh; ky++) {
            const y = i * sh + ky - gh.crop;
            if (y < 0 || y >= gh.size) continue;
            for (let kx = 0; kx < kw; kx++) {
              const xx = j * sw + kx - gw.crop;
              if (xx < 0 || xx >= gw.size) continue;
              for (let o = 0; o < cOut; o++) out.data[b * os0 + y * os1 + xx * os2 + o] += v * w.data[ky * ws0 + kx * ws1 + o * ws2 + c];
            }
          }
        }
      }
    }
  }
  if (opts.bias !== undefined) addBias(out, opts.bias, "convTranspose2d");
  return out;
}

function addBias(t: RefTensor, bias: ArrayLike<number>, what: string): void {
  const c = t.shape[t.shape.length - 1];
  if (bias.length !== c) throw new Error(`${what}: bias has ${bias.length} values for ${c} output channels`);
  for (let i = 0; i < t.data.length; i++) t.data[i] += bias[i % c];
}

/** Puts (stride - 1) zeros between neighbouring pixels: [N, H, W, C] -> [N, (H-1)S+1, (W-1)S+1, C]. */
export function insertZeros(x: RefTensor, stride: number): RefTensor {
  expectRank(x, 4, "insertZeros", "input [N, H, W, C]");
  const [n, h, w, c] = x.shape;
  const out = refTensor([n, (h - 1) * stride + 1, (w - 1) * stride + 1, c]);
  const [os0, os1, os2] = stridesOf(out.shape);
  let idx = 0;
  for (let b = 0; b < n; b++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        for (let ch = 0; ch < c; ch++) out.data[b * os0 + i * stride * os1 + j * stride * os2 + ch] = x.data[idx++];
  return out;
}

/** The transposed-convolution kernel as a regular one: flipped in space, in/out channels swapped. */
export function flipKernelForTranspose(w: RefTensor): RefTensor {
  expectRank(w, 4, "flipKernelForTranspose", "filters [kh, kw, C_out, C_in]");
  const [kh, kw, cOut, cIn] = w.shape;
  const out = refTensor([kh, kw, cIn, cOut]);
  const [ws0, ws1, ws2] = stridesOf(w.shape);
  let idx = 0;
  for (let ky = 0; ky < kh; ky++)
    for (let kx = 0; kx < kw; kx++)
      for (let c = 0; c < cIn; c++)
        for (let o = 0; o < cOut; o++) out.data[idx++] = w.data[(kh - 1 - ky) * ws0 + (kw - 1 - kx) * ws1 + o * ws2 + c];
  return out;
}

/**
 * Lecture 000's "transposed convolution emulated with regular convolution": insert zeros between
 * the input pixels, pad by (k - 1 - padding) on every side (plus outputPadding at the bottom and
 * right), then run an ordinary stride-1 convolution with the flipped kernel. Equal to
 * convTranspose2d with numeric padding.
 */
export function convTransposeByRegularConv(x: RefTensor, w: RefTensor, opts: { stride?: number; padding?: number; outputPadding?: number } = {}): RefTensor {
  const [kh, kw] = w.shape;
  const p = opts.padding ?? 0;
  const extra = opts.outputPadding ?? 0;
  if (p > kh - 1 || p > kw - 1) throw new Error(`convTransposeByRegularConv: padding ${p} must be at most kernel - 1`);
  const spread = insertZeros(x, opts.stride ?? 1);
  return corr2d(spread, flipKernelForTranspose(w), { padding: [kh - 1 - p, kh - 1 - p + extra, kw - 1 - p, kw - 1 - p + extra] });
}
