// Assertions that tell a student what was expected and what they returned, and seeded random data.

/** Short text of a value for messages: numbers rounded, long arrays cut. */
export function show(value: unknown): string {
  const text = JSON.stringify(value, (_k, v) => (typeof v === "number" && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v));
  if (text === undefined) return String(value);
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

/** Fails with "<call>: expected <expected>, you returned <actual>" unless actual === expected. */
export function expectExact(actual: unknown, expected: number | string | boolean | null, call: string): void {
  if (actual !== expected) throw new Error(`${call}: expected ${show(expected)}, you returned ${show(actual)}`);
}

/** Fails unless `actual` is a number within `tolerance` (absolute, plus the same relative) of `expected`. */
export function expectNumberClose(actual: unknown, expected: number, call: string, tolerance = 1e-4): void {
  if (typeof actual !== "number" || !(Math.abs(actual - expected) <= tolerance * (1 + Math.abs(expected)))) {
    throw new Error(`${call}: expected ${show(expected)} (tolerance ${tolerance}), you returned ${show(actual)}`);
  }
}

function shapeOf(value: unknown): number[] | undefined {
  if (!Array.isArray(value)) return typeof value === "number" ? [] : undefined;
  if (value.length === 0) return [0];
  const inner = shapeOf(value[0]);
  if (inner === undefined) return undefined;
  for (const v of value) if (show(shapeOf(v)) !== show(inner)) return undefined;
  return [value.length, ...inner];
}

function describeShape(value: unknown): string {
  const shape = shapeOf(value);
  if (shape === undefined) return Array.isArray(value) ? "a ragged or non-numeric array" : `${show(value)} (not an array)`;
  return shape.length === 0 ? "a number" : `an array of shape [${shape.join(", ")}]`;
}

/**
 * Fails unless `actual` is a nested number array of the same shape as `expected` with every entry
 * within `tolerance`; the message names the first wrong entry.
 */
export function expectArrayClose(actual: unknown, expected: unknown, call: string, tolerance = 1e-4): void {
  const want = shapeOf(expected);
  if (want === undefined) throw new Error(`expectArrayClose: the expected value for ${call} is not a regular number array`);
  const got = shapeOf(actual);
  if (got === undefined || show(got) !== show(want)) {
    throw new Error(`${call}: expected an array of shape [${want.join(", ")}], you returned ${describeShape(actual)}`);
  }
  const walk = (a: unknown, e: unknown, at: number[]): void => {
    if (Array.isArray(e)) {
      e.forEach((ei, i) => walk((a as unknown[])[i], ei, [...at, i]));
      return;
    }
    const x = a as number;
    const y = e as number;
    if (!(Math.abs(x - y) <= tolerance * (1 + Math.abs(y)))) {
      throw new Error(`${call}: at [${at.join("][")}] expected ${show(y)}, you returned ${show(x)} (tolerance ${tolerance}); expected ${show(expected)}, you returned ${show(actual)}`);
    }
  };
  walk(actual, expected, []);
}

/** A seeded generator of uniform numbers in [0, 1) (mulberry32): the same cases on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [lo, hi]. */
export function randomInt(rng: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** A rows x cols matrix of numbers in [-1, 1), rounded to 2 decimals so messages stay readable. */
export function randomMatrix(rng: () => number, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => randomVector(rng, cols));
}

export function randomVector(rng: () => number, length: number): number[] {
  return Array.from({ length }, () => Math.round((rng() * 2 - 1) * 100) / 100);
}

/** A deep copy, to check that a submission did not modify its inputs. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
