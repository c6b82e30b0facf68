import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../../kernel-lib/backend";
import {
  FILTER_GALLERY,
  X_KERNEL,
  applyFilter,
  getFilter,
  getWorkedExample,
  highestContrastWindow,
  kernelSum,
  kernelValues,
} from "../../kernel-lib/nn/filters";

beforeAll(async () => {
  await initBackend("cpu");
});

/** A small deterministic RGB image with structure in every channel. */
function testImage(h = 6, w = 7): tf.Tensor3D {
  return tf.tidy(() => tf.randomUniform([h, w, 3], 0, 1, "float32", 7) as tf.Tensor3D);
}

describe("filter gallery", () => {
  it("holds lecture 003's seven kernels in the lecture's order", () => {
    expect(FILTER_GALLERY.map((f) => f.id)).toEqual([
      "identity", "edge-diagonal", "edge-laplacian-4", "edge-laplacian-8", "sharpen", "box-blur", "gaussian-blur",
    ]);
    expect(getFilter("gaussian-blur").entries).toEqual([[1, 2, 1], [2, 4, 2], [1, 2, 1]]);
    expect(getFilter("gaussian-blur").divisor).toBe(16);
    expect(() => getFilter("nope" as never)).toThrow(/no filter 'nope'.*identity/);
  });

  it("blurs, sharpen and identity keep brightness (sum 1); edge detectors sum to 0", () => {
    const sums = Object.fromEntries([...FILTER_GALLERY, X_KERNEL].map((f) => [f.id, kernelSum(f)]));
    for (const id of ["identity", "sharpen", "box-blur", "gaussian-blur"]) expect(sums[id]).toBeCloseTo(1, 12);
    for (const id of ["edge-diagonal", "edge-laplacian-4", "edge-laplacian-8"]) expect(sums[id]).toBe(0);
    expect(sums["x-kernel"]).toBe(5);
  });

  it("identity returns the image unchanged with 'same' padding", () => {
    const img = testImage();
    const out = applyFilter(img, getFilter("identity"), { padding: "same" });
    expect(out.shape).toEqual([6, 7, 3]);
    expect(Array.from(out.dataSync())).toEqual(Array.from(img.dataSync()));
    tf.dispose([img, out]);
  });

  it("'valid' shrinks by kernel size - 1 and a flat image gives 0 for edges, itself for blurs", () => {
    const flat = tf.fill([5, 5, 3], 0.25) as tf.Tensor3D;
    for (const f of FILTER_GALLERY) {
      const out = applyFilter(flat, f);
      expect(out.shape).toEqual([3, 3, 3]);
      const want = 0.25 * kernelSum(f);
      for (const v of out.dataSync()) expect(v).toBeCloseTo(want, 6);
      out.dispose();
    }
    flat.dispose();
  });

  it("filters each channel independently with the same kernel", () => {
    const img = testImage();
    const f = getFilter("edge-laplacian-8");
    const all = applyFilter(img, f, { padding: "same" });
    const channels = tf.unstack(img, 2) as tf.Tensor2D[];
    channels.forEach((c, i) => {
      const one = applyFilter(c, f, { padding: "same" });
      const fromAll = all.slice([0, 0, i], [-1, -1, 1]).squeeze([2]);
      expect(one.shape).toEqual([6, 7]);
      expect(tf.max(tf.abs(tf.sub(one, fromAll))).dataSync()[0]).toBeLessThan(1e-6);
      tf.dispose([one, fromAll]);
    });
    tf.dispose([img, all, ...channels]);
  });

  it("sharpen equals identity minus the 4-neighbour Laplacian, pixel by pixel", () => {
    const img = testImage();
    const sharp = applyFilter(img, getFilter("sharpen"));
    const id = applyFilter(img, getFilter("identity"));
    const lap = applyFilter(img, getFilter("edge-laplacian-4"));
    const diff = tf.max(tf.abs(tf.sub(sharp, tf.sub(id, lap)))).dataSync()[0];
    expect(diff).toBeLessThan(1e-5);
    tf.dispose([img, sharp, id, lap]);
  });

  it("clip keeps results in [0, 1]", () => {
    const img = testImage();
    const raw = applyFilter(img, getFilter("edge-laplacian-8"));
    const clipped = applyFilter(img, getFilter("edge-laplacian-8"), { clip: true });
    expect(tf.min(raw).dataSync()[0]).toBeLessThan(0);
    expect(tf.min(clipped).dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(tf.max(clipped).dataSync()[0]).toBeLessThanOrEqual(1);
    tf.dispose([img, raw, clipped]);
  });

  it("does not leak tensors", () => {
    const img = testImage();
    const before = tf.memory().numTensors;
    const out = applyFilter(img, getFilter("box-blur"), { padding: "same", clip: true });
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([img, out]);
  });

  it("rejects bad kernels and images with messages that name the problem", () => {
    const img = tf.zeros([2, 2]) as tf.Tensor2D;
    expect(() => applyFilter(img, getFilter("identity"))).toThrow(/3x3 kernel does not fit a 2x2 image/);
    expect(() => applyFilter(img, [[1, 2], [3]])).toThrow(/row 1 has 1 entries/);
    expect(() => applyFilter(img, [])).toThrow(/empty/);
    expect(() => applyFilter(tf.zeros([2]) as never, [[1]])).toThrow(/\[H, W\] or \[H, W, C\]/);
    img.dispose();
  });
});

describe("the lectures' worked examples", () => {
  it("lecture 002's 5x5 input and 3x3 kernel give 12 12 17 / 10 17 19 / 9 6 14", () => {
    const ex = getWorkedExample("lecture-002-5x5");
    const x = tf.tensor2d(ex.input.flat(), [5, 5]);
    const out = applyFilter(x, ex.kernel);
    expect(Array.from(out.dataSync())).toEqual([12, 12, 17, 10, 17, 19, 9, 6, 14]);
    expect(Array.from(out.dataSync())).toEqual(ex.slideShows);
    tf.dispose([x, out]);
  });

  it("the example is cross-correlation: the flipped kernel (true convolution) gives other numbers", () => {
    const ex = getWorkedExample("lecture-002-5x5");
    const flipped = ex.kernel.map((r) => [...r].reverse()).reverse();
    const x = tf.tensor2d(ex.input.flat(), [5, 5]);
    const out = applyFilter(x, flipped);
    expect(Array.from(out.dataSync())[0]).not.toBe(12);
    tf.dispose([x, out]);
  });

  it("lecture 003's binary image with the X kernel gives 4 in the first position", () => {
    const ex = getWorkedExample("lecture-003-binary-x");
    const x = tf.tensor2d(ex.input.flat(), [5, 5]);
    const out = applyFilter(x, X_KERNEL);
    expect(out.shape).toEqual([3, 3]);
    expect(out.dataSync()[0]).toBe(4);
    expect(kernelValues(X_KERNEL)).toEqual([[1, 0, 1], [0, 1, 0], [1, 0, 1]]);
    tf.dispose([x, out]);
  });
});

describe("applyFilter stride", () => {
  it("stride 2 on a 7x7 image with a 3x3 kernel gives 3x3 (lecture 003), the stride-1 map subsampled", () => {
    const img = tf.tidy(() => tf.randomUniform([7, 7], 0, 1, "float32", 3) as tf.Tensor2D);
    const f = getFilter("gaussian-blur");
    const s1 = applyFilter(img, f).arraySync();
    const s2 = applyFilter(img, f, { stride: 2 }).arraySync();
    expect([s2.length, s2[0].length]).toEqual([3, 3]);
    s2.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(s1[2 * i][2 * j], 6)));
    expect(() => applyFilter(img, f, { stride: 0 })).toThrow(/stride must be a positive integer, got 0/);
    img.dispose();
  });
});

describe("highestContrastWindow", () => {
  it("finds the window straddling the only edge of an image", () => {
    // 8x10 image, dark on the left, bright from column 5: a 4x4 window is half bright at left = 3.
    const img = tf.tidy(() => tf.pad(tf.ones([8, 5, 3]), [[0, 0], [5, 0], [0, 0]]) as tf.Tensor3D);
    expect(highestContrastWindow(img, 4)).toEqual({ top: 0, left: 3 });
    const flat = tf.zeros([4, 4]) as tf.Tensor2D;
    expect(highestContrastWindow(flat, 4)).toEqual({ top: 0, left: 0 });
    expect(() => highestContrastWindow(flat, 5)).toThrow(/5x5 window does not fit a 4x4 image/);
    tf.dispose([img, flat]);
  });
});

describe("applyFilter on wasm", () => {
  it("'same' padding with stride > kernel gives the cpu backend's values (wasm's own 'same' does not)", async () => {
    const img = tf.tidy(() => tf.randomUniform([16, 16, 3], 0, 1, "float32", 5) as tf.Tensor3D);
    const onCpu = applyFilter(img, getFilter("gaussian-blur"), { padding: "same", stride: 4 });
    const want = onCpu.arraySync();
    tf.dispose([img, onCpu]);
    await initBackend("wasm");
    try {
      const again = tf.tidy(() => tf.randomUniform([16, 16, 3], 0, 1, "float32", 5) as tf.Tensor3D);
      const onWasm = applyFilter(again, getFilter("gaussian-blur"), { padding: "same", stride: 4 });
      expect(onWasm.shape).toEqual([4, 4, 3]);
      const got = onWasm.arraySync();
      got.forEach((row, i) => row.forEach((px, j) => px.forEach((v, c) => expect(v).toBeCloseTo(want[i][j][c], 5))));
      tf.dispose([again, onWasm]);
    } finally {
      await initBackend("cpu");
    }
  });
});
