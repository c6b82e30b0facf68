// Seeded augmentation of image batches [B, H, W, C] in [0, 1]. Each op draws its per-image
// choices from the Rng it is given, so a run is reproducible; compose() chains them, and
// Dataset.batches({augment}) applies them inside training. augmentationPreview() makes the grid
// a notebook shows with lab.display.imageGrid.
import { tf } from "../backend";
import type { Augment, Dataset } from "./dataset";

export type AugmentOp = Augment;
import { Rng } from "./random";

/** Per-image values drawn from `draw`, shaped [B, 1, 1, 1] to scale or shift whole images. */
function perImage(b: number, draw: () => number): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from({ length: b }, draw), [b, 1, 1, 1]);
}

/** A [B, 1, 1, 1] boolean mask (broadcasts over images), each entry true with probability p. */
function coinFlips(b: number, p: number, rng: Rng): tf.Tensor4D {
  return tf.tensor4d(Array.from({ length: b }, () => rng.next() < p), [b, 1, 1, 1], "bool");
}

function checkProbability(name: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new Error(`augment.${name}: probability must be in [0, 1], got ${p}`);
}

/** Mirrors each image left-right with probability p. */
export function flipHorizontal(p = 0.5): Augment {
  checkProbability("flipHorizontal", p);
  return (xs, rng) => tf.tidy(() => tf.where(coinFlips(xs.shape[0], p, rng), tf.reverse(xs, 2), xs));
}

/** Mirrors each image top-bottom with probability p. */
export function flipVertical(p = 0.5): Augment {
  checkProbability("flipVertical", p);
  return (xs, rng) => tf.tidy(() => tf.where(coinFlips(xs.shape[0], p, rng), tf.reverse(xs, 1), xs));
}

/** Pads each image by `padding` pixels of zeros, then cuts it back to its size at a random offset. */
export function randomCrop(padding = 4): Augment {
  if (!Number.isInteger(padding) || padding < 0) throw new Error(`augment.randomCrop: padding must be a whole number >= 0, got ${padding}`);
  return (xs, rng) =>
    tf.tidy(() => {
      const [b, h, w] = xs.shape;
      const padded = tf.pad(xs, [[0, 0], [padding, padding], [padding, padding], [0, 0]]);
      const ph = h + 2 * padding;
      const pw = w + 2 * padding;
      // normalized boxes whose corners fall on whole pixels: cropAndResize then copies exactly
      const boxes: number[][] = [];
      for (let i = 0; i < b; i++) {
        const y = rng.int(2 * padding + 1);
        const x = rng.int(2 * padding + 1);
        boxes.push([y / (ph - 1), x / (pw - 1), (y + h - 1) / (ph - 1), (x + w - 1) / (pw - 1)]);
      }
      const idx = tf.tensor1d(Int32Array.from({ length: b }, (_, i) => i), "int32");
      return tf.image.cropAndResize(padded, tf.tensor2d(boxes, [b, 4]), idx, [h, w], "bilinear");
    });
}

/** Rotates each image about its centre by a random angle in [-maxDegrees, maxDegrees]; corners fill with 0. */
export function rotate(maxDegrees = 15): Augment {
  return (xs, rng) =>
    tf.tidy(() => {
      const [b, h, w] = xs.shape;
      const cx = (w - 1) / 2;
      const cy = (h - 1) / 2;
      const m = new Float32Array(8 * b);
      for (let i = 0; i < b; i++) {
        const t = (rng.uniform(-maxDegrees, maxDegrees) * Math.PI) / 180;
        const c = Math.cos(t);
        const s = Math.sin(t);
        // output pixel (x, y) samples input (c(x-cx) - s(y-cy) + cx, s(x-cx) + c(y-cy) + cy)
        m.set([c, -s, cx - c * cx + s * cy, s, c, cy - s * cx - c * cy, 0, 0], 8 * i);
      }
      if (tf.getBackend() !== "cpu") return tf.image.transform(xs, tf.tensor2d(m, [b, 8]), "bilinear", "constant", 0);
      // tfjs-backend-cpu 4.22's Transform returns after the first image of a batch: one at a time there
      const images = tf.split(xs, b, 0).map((x, i) => tf.image.transform(x as tf.Tensor4D, tf.tensor2d(m.subarray(8 * i, 8 * i + 8), [1, 8]), "bilinear", "constant", 0));
      return tf.concat(images, 0);
    });
}

/** Adds a random delta in [-maxDelta, maxDelta] to each image. */
export function brightness(maxDelta = 0.2): Augment {
  return (xs, rng) => tf.tidy(() => tf.clipByValue(tf.add(xs, perImage(xs.shape[0], () => rng.uniform(-maxDelta, maxDelta))), 0, 1) as tf.Tensor4D);
}

/** Scales each image's distance from its per-channel mean by a random factor in [lower, upper]. */
export function contrast(lower = 0.8, upper = 1.2): Augment {
  return (xs, rng) =>
    tf.tidy(() => {
      const mean = tf.mean(xs, [1, 2], true);
      const f = perImage(xs.shape[0], () => rng.uniform(lower, upper));
      return tf.clipByValue(tf.add(tf.mul(tf.sub(xs, mean), f), mean), 0, 1) as tf.Tensor4D;
    });
}

/** Moves each colour image towards (factor < 1) or away from (> 1) its grey version; grey images pass unchanged. */
export function saturation(lower = 0.7, upper = 1.3): Augment {
  return (xs, rng) =>
    tf.tidy(() => {
      const f = perImage(xs.shape[0], () => rng.uniform(lower, upper));
      if (xs.shape[3] !== 3) return xs.clone();
      const grey = tf.sum(tf.mul(xs, tf.tensor1d([0.299, 0.587, 0.114])), 3, true); // ITU-R BT.601 luma
      return tf.clipByValue(tf.add(grey, tf.mul(tf.sub(xs, grey), f)), 0, 1) as tf.Tensor4D;
    });
}

/** Adds Gaussian noise of standard deviation `stddev` to every pixel. */
export function gaussianNoise(stddev = 0.05): Augment {
  return (xs, rng) => tf.tidy(() => tf.clipByValue(tf.add(xs, tf.randomNormal(xs.shape, 0, stddev, "float32", rng.seed())), 0, 1) as tf.Tensor4D);
}

/** Resizes every image to height x width (bilinear); not random. */
export function resize(height: number, width = height): Augment {
  return (xs) => tf.tidy(() => tf.image.resizeBilinear(xs, [height, width], true));
}

/** Applies the augmentations in order. */
export function compose(...augments: Augment[]): Augment {
  return (xs, rng) =>
    tf.tidy(() => {
      let out = xs;
      for (const a of augments) out = a(out, rng);
      return out === xs ? xs.clone() : out;
    });
}

/** The usual recipe for 32x32 colour images (CIFAR-10): crop with padding 4, horizontal flip. */
export function standardCifar(): Augment {
  return compose(randomCrop(4), flipHorizontal(0.5));
}

/**
 * For a grid: `count` records, each followed by `variants` augmented versions, as one tensor
 * [count * (variants + 1), H, W, C] (the caller disposes it). Show with
 * lab.display.imageGrid(xs, { columns: variants + 1 }).
 */
export function augmentationPreview(ds: Dataset, augment: Augment, opts: { count?: number; variants?: number; seed?: number } = {}): tf.Tensor4D {
  const count = Math.min(opts.count ?? 4, ds.count);
  const variants = opts.variants ?? 5;
  const rng = new Rng(opts.seed ?? 0);
  const indices = Array.from({ length: count }, (_, i) => i);
  return tf.tidy(() => {
    const { xs } = ds.tensors(indices);
    const copies = tf.tile(xs, [variants, 1, 1, 1]); // [variants * count, ...], record-major after the gather below
    const augmented = augment(copies, rng);
    const rows: tf.Tensor4D[] = [];
    for (let i = 0; i < count; i++) {
      rows.push(xs.slice([i, 0, 0, 0], [1, -1, -1, -1]));
      for (let v = 0; v < variants; v++) rows.push(augmented.slice([v * count + i, 0, 0, 0], [1, -1, -1, -1]));
    }
    return tf.concat(rows, 0);
  });
}
