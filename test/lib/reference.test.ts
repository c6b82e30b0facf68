// The plain-loop reference convolutions against TF.js's ops on random small shapes (cpu backend).
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../../kernel-lib/backend";
import { getWorkedExample } from "../../kernel-lib/nn/filters";
import { conv3d, convTranspose2d, convTransposeByRegularConv, corr2d, insertZeros } from "../../kernel-lib/nn/reference-conv";
import { avgPool2d, maxPool2d } from "../../kernel-lib/nn/reference-pool";
import { type RefTensor, fromRows, fromTf, kernelFromRows, maxRelativeError, refTensor, toRows } from "../../kernel-lib/nn/reference-tensor";

const TOL = 1e-5;

/** Seeded uniform numbers in [-1, 1) (a linear congruential generator: tests stay reproducible). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
}

function random(shape: number[], next: () => number): RefTensor {
  const t = refTensor(shape);
  for (let i = 0; i < t.data.length; i++) t.data[i] = next();
  return t;
}

function tfOf(r: RefTensor): tf.Tensor {
  return tf.tensor(r.data, r.shape);
}

/** Runs a TF.js computation on reference tensors and copies the result out, disposing everything. */
function viaTf(f: () => tf.Tensor): RefTensor {
  const t = tf.tidy(f);
  try {
    return fromTf(t);
  } finally {
    t.dispose();
  }
}

function ints(next: () => number, lo: number, hi: number): number {
  return lo + Math.floor(((next() + 1) / 2) * (hi - lo + 1));
}

beforeAll(async () => {
  await initBackend("cpu");
});

describe("corr2d", () => {
  // The lectures' worked examples (data in nn/filters.ts): loops must reproduce what the slides print.
  it("computes lecture 002's worked example (12 12 17 / 10 17 19 / 9 6 14)", () => {
    const ex = getWorkedExample("lecture-002-5x5");
    expect(toRows(corr2d(fromRows(ex.input), kernelFromRows(ex.kernel))).flat()).toEqual([12, 12, 17, 10, 17, 19, 9, 6, 14]);
  });

  it("gives 4 at the first position of lecture 003's binary image with the X kernel", () => {
    const ex = getWorkedExample("lecture-003-binary-x");
    expect(toRows(corr2d(fromRows(ex.input), kernelFromRows(ex.kernel)))[0][0]).toBe(4);
  });

  it("matches tf.conv2d with stride, padding and bias on random shapes", () => {
    const next = rng(1);
    for (let trial = 0; trial < 12; trial++) {
      const [n, h, w, cIn, cOut, k] = [ints(next, 1, 2), ints(next, 5, 9), ints(next, 5, 9), ints(next, 1, 4), ints(next, 1, 5), ints(next, 1, 4)];
      const stride = ints(next, 1, 3);
      const padding = (["valid", "same", 1, 2] as const)[trial % 4];
      const x = random([n, h, w, cIn], next);
      const f = random([k, k, cIn, cOut], next);
      const bias = random([cOut], next);
      const ours = corr2d(x, f, { stride, padding, bias: bias.data });
      const theirs = viaTf(() => tf.add(tf.conv2d(tfOf(x) as tf.Tensor4D, tfOf(f) as tf.Tensor4D, stride, padding), tfOf(bias)));
      expect(ours.shape).toEqual(theirs.shape);
      expect(maxRelativeError(ours, theirs)).toBeLessThanOrEqual(TOL);
    }
  });

  it("matches tf.conv2d with dilation (TF.js allows it at stride 1) and rectangular kernels", () => {
    const next = rng(2);
    for (let trial = 0; trial < 6; trial++) {
      const dilation = ints(next, 1, 3);
      const x = random([1, ints(next, 8, 11), ints(next, 8, 11), ints(next, 1, 3)], next);
      const f = random([ints(next, 1, 3), ints(next, 1, 3), x.shape[3], ints(next, 1, 3)], next);
      const padding = trial % 2 === 0 ? "valid" : "same";
      const ours = corr2d(x, f, { dilation, padding });
      const theirs = viaTf(() => tf.conv2d(tfOf(x) as tf.Tensor4D, tfOf(f) as tf.Tensor4D, 1, padding, "NHWC", dilation));
      expect(maxRelativeError(ours, theirs)).toBeLessThanOrEqual(TOL);
    }
  });

  it("matches per-group tf.conv2d slices when channels are grouped (and depthwise)", () => {
    const next = rng(3);
    for (const [cIn, cOut, groups] of [[4, 6, 2], [6, 6, 3], [4, 4, 4], [3, 6, 3]]) {
      const x = random([2, 6, 7, cIn], next);
      const f = random([3, 3, cIn / groups, cOut], next);
      const ours = corr2d(x, f, { groups, padding: 1, stride: 2 });
      const theirs = viaTf(() => {
        const xs = tf.split(tfOf(x) as tf.Tensor4D, groups, 3);
        const fs = tf.split(tfOf(f) as tf.Tensor4D, groups, 3);
        return tf.concat(xs.map((xg, g) => tf.conv2d(xg as tf.Tensor4D, fs[g] as tf.Tensor4D, 2, 1)), 3);
      });
      expect(maxRelativeError(ours, theirs)).toBeLessThanOrEqual(TOL);
    }
  });

  it("pads with edge copies: equals a valid convolution of the symmetric-mirrored input at pad 1", () => {
    const next = rng(4);
    const x = random([1, 6, 5, 2], next);
    const f = random([3, 3, 2, 3], next);
    const ours = corr2d(x, f, { padding: 1, padMode: "edge" });
    const theirs = viaTf(() => tf.conv2d(tf.mirrorPad(tfOf(x) as tf.Tensor4D, [[0, 0], [1, 1], [1, 1], [0, 0]], "symmetric"), tfOf(f) as tf.Tensor4D, 1, "valid"));
    expect(maxRelativeError(ours, theirs)).toBeLessThanOrEqual(TOL);
  });

  it("replicates the border pixel at wider padding (hand case)", () => {
    // A 1x1 kernel sees only the padded input itself.
    const out = toRows(corr2d(fromRows([[1, 2], [3, 4]]), kernelFromRows([[1]]), { padding: 2, padMode: "edge" }));
    expect(out[0]).toEqual([1, 1, 1, 2, 2, 2]);
    expect(out[5]).toEqual([3, 3, 3, 4, 4, 4]);
    expect(out.map((r) => r[0])).toEqual([1, 1, 1, 3, 3, 3]);
  });

  it("fails loudly on mismatched channels", () => {
    expect(() => corr2d(refTensor([1, 4, 4, 3]), refTensor([3, 3, 2, 1]))).toThrow(/groups=1/);
  });
});

describe("conv3d", () => {
  it("matches tf.conv3d on random volumes", () => {
    const next = rng(5);
    for (let trial = 0; trial < 6; trial++) {
      const x = random([1, ints(next, 3, 6), ints(next, 4, 7), ints(next, 4, 7), ints(next, 1, 3)], next);
      const f = random([ints(next, 1, 3), ints(next, 1, 3), ints(next, 1, 3), x.shape[4], ints(next, 1, 3)], next);
      // TF.js 4.22's 3D "same" padding does not clamp a negative total padding at 0 (its 2D
      // version does), which shifts windows when stride > 1; compare "same" at stride 1 only.
      const padding = trial % 2 === 0 ? "valid" : "same";
      const stride = padding === "same" ? 1 : ints(next, 1, 2);
      const bias = random([f.shape[4]], next);
      const ours = conv3d(x, f, { stride, padding, bias: bias.data });
      const theirs = viaTf(() => tf.add(tf.conv3d(tfOf(x) as tf.Tensor5D, tfOf(f) as tf.Tensor5D, stride, padding), tfOf(bias)));
      expect(ours.shape).toEqual(theirs.shape);
      expect(maxRelativeError(ours, theirs)).toBeLessThanOrEqual(TOL);
    }
  });
});

describe("convTranspose2d", () => {
  it("matches tf.conv2dTranspose for valid, same and numeric padding", () => {
    const next = rng(6);
    for (let trial = 0; trial < 9; trial++) {
      const [h, w, cIn, cOut, k, stride] = [ints(next, 2, 5), ints(next, 2, 5), ints(next, 1, 3), ints(next, 1, 3), ints(next, 2, 4), ints(next, 1, 3)];
      const padding = (["valid", "same", 1] as const)[trial % 3];
      const x = random([2, h, w, cIn], next);
      const f = random([k, k, cOut, cIn], next);
      const ours = convTranspose2d(x, f, { stride, padding });
      const theirs = viaTf(() => tf.conv2dTranspose(tfOf(x) as tf.Tensor4D, tfOf(f) as tf.Tensor4D, [2, ours.shape[1], ours.shape[2], cOut], stride, padding));
      expect(maxRelativeError(ours, theirs)).toBeLessThanOrEqual(TOL);
    }
  });

  it("equals zero insertion + padding + a regular convolution with the flipped kernel (lecture 000)", () => {
    const next = rng(7);
    for (const [stride, padding, outputPadding, k] of [[2, 0, 0, 3], [2, 1, 1, 3], [3, 2, 0, 4], [1, 1, 0, 3]]) {
      const x = random([1, 4, 3, 2], next);
      const f = random([k, k, 3, 2], next);
      const direct = convTranspose2d(x, f, { stride, padding, outputPadding });
      const emulated = convTransposeByRegularConv(x, f, { stride, padding, outputPadding });
      expect(emulated.shape).toEqual(direct.shape);
      expect(maxRelativeError(emulated, direct)).toBeLessThanOrEqual(TOL);
    }
    expect(toRows(insertZeros(fromRows([[1, 2], [3, 4]]), 2))).toEqual([[1, 0, 2], [0, 0, 0], [3, 0, 4]]);
  });
});

describe("pooling", () => {
  it("matches tf.maxPool and tf.avgPool (padding excluded from averages)", () => {
    const next = rng(8);
    for (let trial = 0; trial < 8; trial++) {
      const x = random([2, ints(next, 4, 9), ints(next, 4, 9), ints(next, 1, 3)], next);
      const window = ints(next, 2, 3);
      const stride = ints(next, 1, 3);
      const padding = trial % 2 === 0 ? "valid" : "same";
      const mx = viaTf(() => tf.maxPool(tfOf(x) as tf.Tensor4D, window, stride, padding));
      const av = viaTf(() => tf.avgPool(tfOf(x) as tf.Tensor4D, window, stride, padding));
      expect(maxRelativeError(maxPool2d(x, { window, stride, padding }), mx)).toBeLessThanOrEqual(TOL);
      expect(maxRelativeError(avgPool2d(x, { window, stride, padding }), av)).toBeLessThanOrEqual(TOL);
    }
  });

  it("pools 2x2 with stride 2 by default", () => {
    const x = fromRows([[1, 3, 2, 1], [4, 6, 5, 0], [7, 2, 9, 8], [1, 1, 3, 4]]);
    expect(toRows(maxPool2d(x, { window: 2 }))).toEqual([[6, 5], [7, 9]]);
    expect(toRows(avgPool2d(x, { window: 2 }))).toEqual([[3.5, 2], [2.75, 6]]);
  });
});
