// Lecture 002's "Example 1": a small CNN for 128x128 RGB images whose table the students complete.
import type { LayerSpec } from "../../nn/layer-table";

export const example1Spec: readonly LayerSpec[] = [
  { type: "input", name: "input", shape: [128, 128, 3] },
  { type: "conv", name: "Conv1", filters: 32, kernel: 5, padding: 2 },
  { type: "maxPool", name: "MaxPool1", window: 2, padding: 0 },
  { type: "conv", name: "Conv2", filters: 64, kernel: 3, padding: 0 },
  { type: "maxPool", name: "MaxPool2", window: 2, padding: 0 },
  { type: "flatten", name: "Flatten" },
  { type: "dense", name: "FC", units: 128 },
  { type: "dense", name: "FC (Output)", units: 4 },
];
