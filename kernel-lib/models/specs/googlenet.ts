// GoogLeNet (Inception v1) pieces from lecture 003: the aggressive stem (224 -> 28) and the
// global-average-pooling head; and the Inception module, naive or with 1x1 reductions.
import type { LayerSpec } from "../../nn/layer-table";

export const googlenetStemSpec: readonly LayerSpec[] = [
  { type: "input", name: "input", shape: [224, 224, 3] },
  { type: "conv", name: "conv", filters: 64, kernel: 7, stride: 2, padding: 3 },
  { type: "maxPool", name: "max-pool", window: 3, stride: 2, padding: 1 },
  { type: "conv", name: "conv-1x1", filters: 64, kernel: 1 },
  { type: "conv", name: "conv-3x3", filters: 192, kernel: 3, padding: 1 },
  { type: "maxPool", name: "max-pool-2", window: 3, stride: 2, padding: 1 },
];

/** The classifier: 7x7 average pool over 1024 channels, then one linear layer (no big FC stack). */
export const googlenetHeadSpec: readonly LayerSpec[] = [
  { type: "input", name: "input", shape: [7, 7, 1024] },
  { type: "avgPool", name: "avg-pool", window: 7, stride: 1 },
  { type: "dense", name: "fc", units: 1000 },
];

/** Branch widths of an Inception module; a reduction of 0 (or left out) means no 1x1 before it. */
export interface InceptionWidths {
  c1: number;
  c3: number;
  c5: number;
  c3reduce?: number;
  c5reduce?: number;
  /** 1x1 after the pooling branch; 0 or left out keeps the pooled input's depth. */
  poolProj?: number;
}

/** An Inception module: 1x1, (1x1 ->) 3x3, (1x1 ->) 5x5 and 3x3 max pool (-> 1x1), concatenated. */
export function inceptionModuleSpec(widths: InceptionWidths, name = "inception"): LayerSpec {
  const reduce = (n: number | undefined, label: string): LayerSpec[] => (n ? [{ type: "conv", name: label, filters: n, kernel: 1 }] : []);
  return {
    type: "branches",
    name,
    branches: [
      [{ type: "conv", name: "1x1", filters: widths.c1, kernel: 1 }],
      [...reduce(widths.c3reduce, "3x3-reduce"), { type: "conv", name: "3x3", filters: widths.c3, kernel: 3, padding: 1 }],
      [...reduce(widths.c5reduce, "5x5-reduce"), { type: "conv", name: "5x5", filters: widths.c5, kernel: 5, padding: 2 }],
      [{ type: "maxPool", name: "pool", window: 3, stride: 1, padding: 1 }, ...reduce(widths.poolProj, "pool-proj")],
    ],
  };
}

/** Lecture 003's example module input: 28x28x256. */
export const INCEPTION_EXAMPLE_INPUT = [28, 28, 256] as const;

/** The lecture's naive module: 1x1 128, 3x3 192, 5x5 96, 3x3 pool, no reductions. */
export const inceptionNaiveSpec: readonly LayerSpec[] = [
  { type: "input", name: "input", shape: INCEPTION_EXAMPLE_INPUT },
  inceptionModuleSpec({ c1: 128, c3: 192, c5: 96 }, "naive"),
];

/** The same branches with the lecture's 64-filter 1x1 bottlenecks (before 3x3, 5x5 and after the pool). */
export const inceptionReducedSpec: readonly LayerSpec[] = [
  { type: "input", name: "input", shape: INCEPTION_EXAMPLE_INPUT },
  inceptionModuleSpec({ c1: 128, c3reduce: 64, c3: 192, c5reduce: 64, c5: 96, poolProj: 64 }, "reduced"),
];
