// A small seeded generator (mulberry32): same seed, same shuffles and augmentations on every
// machine and backend, which Math.random and TF.js's unseeded ops cannot promise.

/** Mixes two integers into one 32-bit seed (e.g. a run seed and an epoch number). */
export function mixSeed(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x27d4eb2d);
  return (h ^ (h >>> 15)) >>> 0;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = mixSeed(seed | 0, 0x5eed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** A 32-bit seed for a seeded TF.js op. */
  seed(): number {
    return this.int(0x7fffffff);
  }

  /** Shuffles in place (Fisher-Yates). */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}

/** 0..n-1 in a seeded random order. */
export function permutation(n: number, seed: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return new Rng(seed).shuffle(a);
}

/** k distinct indices from 0..n-1, chosen by seed, in increasing order. */
export function sampleIndices(n: number, k: number, seed: number): Int32Array {
  return permutation(n, seed).subarray(0, Math.min(k, n)).sort();
}
