// A small seeded PRNG (mulberry32) whose whole state is one uint32, so a checkpoint can store it
// and `fit({resume: true})` continues the exact same shuffle sequence.

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new Error(`SeededRandom: seed must be a finite number, got ${seed}`);
    this.state = seed >>> 0;
  }

  /** The full generator state (store it to resume). */
  getState(): number {
    return this.state;
  }

  setState(state: number): void {
    this.state = state >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A fresh 31-bit seed, e.g. for an augmentation or a weight initialiser. */
  nextSeed(): number {
    return Math.floor(this.next() * 0x7fffffff);
  }

  /** Fills `out` with a uniformly random permutation of 0..out.length-1 (Fisher-Yates), in place. */
  permutation(out: Int32Array): Int32Array {
    for (let i = 0; i < out.length; i++) out[i] = i;
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }
}
