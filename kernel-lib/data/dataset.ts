// A loaded split: pixels kept as bytes (the size of the raw data), turned into float32 tensors
// in [0, 1] only when asked: all at once (tensors()) or a batch at a time (batches()).
import { tf } from "../backend";
import type { Split } from "./catalog";
import { Rng, mixSeed, permutation } from "./random";
import type { Skipped, SourceKind } from "./sources";

/** Where a loaded split came from, as `cnnlab data` and `cnnlab info` print it. */
export interface SourceReport {
  kind: SourceKind;
  /** The folder the files were read from. */
  path: string;
  description: string;
  files: string[];
  /** "verified: ...", "not checked: ...", or "differs: ..." (a user folder's recompressed copy). */
  checksum: string;
  /** True when the bundled fixtures stand in for the real dataset. */
  fixture: boolean;
  /** The earlier sources and why each was passed over. */
  skipped: Skipped[];
  /** Set when the data is not the real dataset (fixtures); also printed as a warning. */
  warning?: string;
}

/** Transforms a batch of images [B, H, W, C] in [0, 1]; seeded by `rng`. See augment.ts. */
export type Augment = (xs: tf.Tensor4D, rng: Rng) => tf.Tensor4D;

export interface BatchOptions {
  /** Shuffle seed (default: the seed given to load); `epoch` varies it per pass. */
  seed?: number;
  epoch?: number;
  /** false keeps file order (evaluation). Default true. */
  shuffle?: boolean;
  augment?: Augment;
  /** ys as one-hot float32 [B, classes] instead of int32 labels [B]. */
  oneHot?: boolean;
  /** Skip a last, smaller batch. */
  dropRemainder?: boolean;
}

export interface Batch {
  /** float32 [B, H, W, C] in [0, 1]. */
  xs: tf.Tensor4D;
  /** int32 [B] labels, or float32 [B, classes] one-hot. */
  ys: tf.Tensor;
  /** The records in this batch (indices into the split). */
  indices: Int32Array;
}

// byte -> [0, 1], exact (k / 255 in float32) and cheaper than a division per pixel
const UNIT = new Float32Array(256).map((_, k) => k / 255);

export class Dataset {
  constructor(
    readonly name: string,
    readonly split: Split,
    /** count x H x W x C bytes. */
    readonly images: Uint8Array,
    readonly labels: Uint8Array,
    readonly shape: readonly [number, number, number],
    readonly classNames: readonly string[],
    readonly source: SourceReport,
    /** Default shuffle seed for batches(). */
    readonly seed = 0,
  ) {
    if (labels.length * shape[0] * shape[1] * shape[2] !== images.length) {
      throw new Error(`${name} ${split}: ${images.length} pixel bytes do not make ${labels.length} images of ${shape.join(" x ")}`);
    }
  }

  get count(): number {
    return this.labels.length;
  }

  get numClasses(): number {
    return this.classNames.length;
  }

  /** Records per class, indexed by label. */
  classCounts(): number[] {
    const counts = new Array<number>(this.numClasses).fill(0);
    for (let i = 0; i < this.labels.length; i++) counts[this.labels[i]]++;
    return counts;
  }

  /** Pixels of the given records (all when omitted) as float32 in [0, 1]. */
  pixels(indices?: ArrayLike<number>): Float32Array {
    const per = this.shape[0] * this.shape[1] * this.shape[2];
    const n = indices ? indices.length : this.count;
    const out = new Float32Array(n * per);
    const src = this.images;
    for (let i = 0; i < n; i++) {
      const from = (indices ? indices[i] : i) * per;
      const to = i * per;
      for (let j = 0; j < per; j++) out[to + j] = UNIT[src[from + j]];
    }
    return out;
  }

  /** The whole split (or the given records) as tensors: xs float32 [N, H, W, C] in [0, 1], ys int32 [N]. The caller disposes them. */
  tensors(indices?: ArrayLike<number>): { xs: tf.Tensor4D; ys: tf.Tensor1D } {
    const n = indices ? indices.length : this.count;
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) labels[i] = this.labels[indices ? indices[i] : i];
    return { xs: tf.tensor4d(this.pixels(indices), [n, ...this.shape]), ys: tf.tensor1d(labels, "int32") };
  }

  /** Number of batches batches(batchSize) yields. */
  batchCount(batchSize: number, dropRemainder = false): number {
    return dropRemainder ? Math.floor(this.count / batchSize) : Math.ceil(this.count / batchSize);
  }

  /**
   * Seeded batches of {xs, ys}, made one at a time from the bytes. Each batch's tensors are
   * disposed when the loop moves on (or stops): keep one with tf.keep/clone if needed later.
   */
  *batches(batchSize: number, opts: BatchOptions = {}): Generator<Batch, void, undefined> {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batches: batch size must be a positive integer, got ${batchSize}`);
    const seed = mixSeed(opts.seed ?? this.seed, opts.epoch ?? 0);
    const order = opts.shuffle === false ? Int32Array.from({ length: this.count }, (_, i) => i) : permutation(this.count, seed);
    const rng = new Rng(seed ^ 0xa5a5a5a5);
    const batches = this.batchCount(batchSize, opts.dropRemainder);
    for (let b = 0; b < batches; b++) {
      const indices = order.subarray(b * batchSize, Math.min((b + 1) * batchSize, this.count));
      const made = tf.tidy(() => {
        const { xs, ys } = this.tensors(indices);
        const outX = opts.augment ? opts.augment(xs, rng) : xs;
        const outY = opts.oneHot ? tf.oneHot(ys, this.numClasses).toFloat() : ys;
        return { xs: outX, ys: outY };
      });
      try {
        yield { xs: made.xs, ys: made.ys, indices };
      } finally {
        made.xs.dispose();
        made.ys.dispose();
      }
    }
  }

  /** One line: what, how many, from where, checksum. */
  describe(): string {
    const s = this.source;
    return `${this.name} ${this.split}: ${this.count} images ${this.shape.join("x")}, ${this.numClasses} classes, from ${s.description} (${s.path}); checksum ${s.checksum}${s.warning ? `\nWARNING: ${s.warning}` : ""}`;
  }
}
