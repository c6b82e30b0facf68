// Augmentation: each op does what it says on tiny tensors, is reproducible from its seed,
// leaks no tensors, and works inside Dataset.batches().
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { initBackend, tf } from "../../kernel-lib/backend";
import { augment as A, load, Rng } from "../../kernel-lib/data";
import { tmpDir } from "./data-helpers";

beforeAll(async () => {
  await initBackend("cpu");
});
let before = 0;
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(before); // every test disposes what it made
});

function ramp(b: number, h: number, w: number, c: number): tf.Tensor4D {
  return tf.tidy(() => tf.linspace(0.1, 0.9, b * h * w * c).reshape([b, h, w, c]) as tf.Tensor4D);
}

function apply(aug: A.AugmentOp, xs: tf.Tensor4D, seed = 1): Float32Array {
  const out = aug(xs, new Rng(seed));
  const data = out.dataSync() as Float32Array;
  out.dispose();
  return data;
}

describe("augmentations", () => {
  it("flips: p = 1 mirrors, p = 0 keeps, p = 0.5 mixes per image", () => {
    const xs = ramp(16, 3, 4, 1);
    const left = tf.reverse(xs, 2);
    const up = tf.reverse(xs, 1);
    expect(apply(A.flipHorizontal(1), xs)).toEqual(left.dataSync());
    expect(apply(A.flipVertical(1), xs)).toEqual(up.dataSync());
    expect(apply(A.flipHorizontal(0), xs)).toEqual(xs.dataSync());
    const mixed = apply(A.flipHorizontal(0.5), xs);
    const per = 12;
    const flipped = Array.from({ length: 16 }, (_, i) => mixed.subarray(i * per, (i + 1) * per).every((v, j) => v === left.dataSync()[i * per + j]));
    const kept = Array.from({ length: 16 }, (_, i) => mixed.subarray(i * per, (i + 1) * per).every((v, j) => v === xs.dataSync()[i * per + j]));
    expect(flipped.some(Boolean) && kept.some(Boolean)).toBe(true);
    expect(flipped.every((f, i) => f !== kept[i])).toBe(true);
    expect(() => A.flipHorizontal(2)).toThrow(/probability must be in \[0, 1\]/);
    tf.dispose([xs, left, up]);
  });

  it("randomCrop returns a whole-pixel window of the zero-padded image", () => {
    const xs = ramp(6, 5, 5, 1);
    const pad = 2;
    const out = apply(A.randomCrop(pad), xs, 7);
    const src = xs.dataSync();
    const offsets = new Set<string>();
    for (let i = 0; i < 6; i++) {
      let match: string | undefined;
      for (let dy = -pad; dy <= pad && !match; dy++) {
        for (let dx = -pad; dx <= pad && !match; dx++) {
          let ok = true;
          for (let y = 0; y < 5 && ok; y++) {
            for (let x = 0; x < 5 && ok; x++) {
              const sy = y + dy;
              const sx = x + dx;
              const want = sy < 0 || sy >= 5 || sx < 0 || sx >= 5 ? 0 : src[i * 25 + sy * 5 + sx];
              ok = Math.abs(out[i * 25 + y * 5 + x] - want) < 1e-5;
            }
          }
          if (ok) match = `${dy},${dx}`;
        }
      }
      expect(match).toBeDefined();
      offsets.add(match!);
    }
    expect(offsets.size).toBeGreaterThan(1);
    xs.dispose();
  });

  it("rotate turns about the centre: the centre pixel stays, an off-centre dot keeps its distance", () => {
    const img = new Float32Array(8 * 9 * 9);
    for (let i = 0; i < 8; i++) {
      img[i * 81 + 4 * 9 + 4] = 1; // centre
      img[i * 81 + 1 * 9 + 4] = 1; // 3 pixels above it
    }
    const xs = tf.tensor4d(img, [8, 9, 9, 1]);
    const out = apply(A.rotate(40), xs, 3);
    const moved: number[] = [];
    for (let i = 0; i < 8; i++) {
      const im = out.subarray(i * 81, (i + 1) * 81);
      expect(im[40]).toBeCloseTo(1, 5);
      // centroid of everything outside the centre's 3x3 (bilinear sampling spreads the centre a little)
      let m = 0, sy = 0, sx = 0;
      im.forEach((v, k) => {
        if (Math.abs(Math.floor(k / 9) - 4) <= 1 && Math.abs((k % 9) - 4) <= 1) return;
        m += v;
        sy += v * Math.floor(k / 9);
        sx += v * (k % 9);
      });
      const d = Math.hypot(sy / m - 4, sx / m - 4);
      expect(d).toBeGreaterThan(2.5);
      expect(d).toBeLessThan(3.1);
      moved.push(Math.abs(sx / m - 4));
    }
    expect(Math.max(...moved)).toBeGreaterThan(0.5); // some really turned
    expect(apply(A.rotate(0), xs)).toEqual(xs.dataSync());
    xs.dispose();
  });

  it("brightness shifts, contrast keeps the mean, saturation leaves grey alone", () => {
    const flat = tf.fill([4, 3, 3, 3], 0.5) as tf.Tensor4D;
    const bright = apply(A.brightness(0.2), flat);
    for (let i = 0; i < 4; i++) {
      const im = bright.subarray(i * 27, (i + 1) * 27);
      expect(im.every((v) => v === im[0])).toBe(true);
      expect(Math.abs(im[0] - 0.5)).toBeLessThanOrEqual(0.2);
    }
    const xs = tf.tidy(() => tf.add(0.4, tf.mul(0.2, ramp(4, 3, 3, 3))) as tf.Tensor4D);
    const out = A.contrast(0.5, 1.5)(xs, new Rng(2));
    const meanIn = tf.mean(xs, [1, 2]);
    const meanOut = tf.mean(out, [1, 2]);
    const d = tf.tidy(() => tf.max(tf.abs(tf.sub(meanIn, meanOut))));
    expect(d.dataSync()[0]).toBeLessThan(1e-6);
    expect(out.dataSync()).not.toEqual(xs.dataSync());
    expect(apply(A.saturation(0.2, 2), flat)).toEqual(flat.dataSync()); // r = g = b: grey
    const grey1 = ramp(2, 3, 3, 1);
    expect(apply(A.saturation(0.2, 2), grey1)).toEqual(grey1.dataSync());
    tf.dispose([flat, xs, out, meanIn, meanOut, d, grey1]);
  });

  it("noise has the asked spread; resize changes the size; compose is reproducible from its seed", () => {
    const flat = tf.fill([2, 32, 32, 1], 0.5) as tf.Tensor4D;
    const noisy = apply(A.gaussianNoise(0.05), flat);
    const mean = noisy.reduce((a, b) => a + b, 0) / noisy.length;
    const sd = Math.sqrt(noisy.reduce((a, b) => a + (b - mean) ** 2, 0) / noisy.length);
    expect(sd).toBeGreaterThan(0.045);
    expect(sd).toBeLessThan(0.055);
    const big = A.resize(48, 40)(flat, new Rng(0));
    expect(big.shape).toEqual([2, 48, 40, 1]);
    big.dispose();
    const xs = ramp(4, 8, 8, 3);
    const recipe = A.compose(A.randomCrop(2), A.flipHorizontal(), A.rotate(10), A.brightness(), A.contrast(), A.saturation(), A.gaussianNoise(0.02));
    expect(apply(recipe, xs, 5)).toEqual(apply(recipe, xs, 5));
    expect(apply(recipe, xs, 5)).not.toEqual(apply(recipe, xs, 6));
    tf.dispose([flat, xs]);
  });
});

describe("augmentation with data", () => {
  it("runs inside batches() and in the preview grid", async () => {
    process.env.CNNLAB_CACHE = tmpDir("cache");
    const ds = await load("cifar10", { source: "fixtures", split: "test", limit: 12 });
    const sizes: number[] = [];
    for (const { xs } of ds.batches(5, { augment: A.standardCifar(), seed: 2 })) sizes.push(xs.shape[0]);
    expect(sizes).toEqual([5, 5, 2]);
    const grid = A.augmentationPreview(ds, A.standardCifar(), { count: 3, variants: 4 });
    expect(grid.shape).toEqual([15, 32, 32, 3]);
    const originals = ds.tensors([0, 1, 2]);
    const firstOfRows = tf.gather(grid, [0, 5, 10]);
    expect(firstOfRows.dataSync()).toEqual(originals.xs.dataSync());
    tf.dispose([grid, originals.xs, originals.ys, firstOfRows]);
  });
});
