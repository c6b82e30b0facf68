// Reference max / average pooling as plain loops (lecture 002 "pooling layer"): each channel is
// pooled on its own; padded positions are never picked by max and never counted by average
// (as in TF.js).
import { type Size2, kernelPair } from "./arithmetic";
import { axisPadding } from "./reference-conv";
import { type RefTensor, refTensor, stridesOf } from "./reference-tensor";

export interface Pool2dOptions {
  window: Size2;
  /** Defaults to the window (non-overlapping pooling). */
  stride?: Size2;
  padding?: number | "valid" | "same";
}

function pool2d(x: RefTensor, opts: Pool2dOptions, kind: "max" | "avg"): RefTensor {
  const what = `${kind}Pool2d`;
  if (x.shape.length !== 4) throw new Error(`${what}: expects input [N, H, W, C], got shape [${x.shape.join(", ")}]`);
  const [n, h, w, c] = x.shape;
  const [kh, kw] = kernelPair(opts.window);
  const [sh, sw] = kernelPair(opts.stride ?? opts.window);
  const [top, bottom] = axisPadding(h, kh, sh, opts.padding ?? 0);
  const [left, right] = axisPadding(w, kw, sw, opts.padding ?? 0);
  const oh = Math.floor((h + top + bottom - kh) / sh) + 1;
  const ow = Math.floor((w + left + right - kw) / sw) + 1;
  if (oh < 1 || ow < 1) throw new Error(`${what}: a ${kh}x${kw} window does not fit a ${h}x${w} input`);
  const [xs0, xs1, xs2] = stridesOf(x.shape);
  const out = refTensor([n, oh, ow, c]);
  let idx = 0;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        for (let ch = 0; ch < c; ch++) {
          let acc = kind === "max" ? -Infinity : 0;
          let count = 0;
          for (let ky = 0; ky < kh; ky++) {
            const y = i * sh + ky - top;
            if (y < 0 || y >= h) continue;
            for (let kx = 0; kx < kw; kx++) {
              const xx = j * sw + kx - left;
              if (xx < 0 || xx >= w) continue;
              const v = x.data[b * xs0 + y * xs1 + xx * xs2 + ch];
              acc = kind === "max" ? Math.max(acc, v) : acc + v;
              count++;
            }
          }
          out.data[idx++] = kind === "max" ? acc : acc / count;
        }
      }
    }
  }
  return out;
}

/** The largest value in each window. */
export function maxPool2d(x: RefTensor, opts: Pool2dOptions): RefTensor {
  return pool2d(x, opts, "max");
}

/** The mean of the (unpadded) values in each window. */
export function avgPool2d(x: RefTensor, opts: Pool2dOptions): RefTensor {
  return pool2d(x, opts, "avg");
}
