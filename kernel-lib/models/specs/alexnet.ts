// AlexNet as lecture 003's table lists it (the single-GPU variant with 64/192/384/256/256
// filters and a 227x227 input padded by 2, as in torchvision), not the two-GPU original.
import type { LayerSpec } from "../../nn/layer-table";

export const alexnetSpec: readonly LayerSpec[] = [
  { type: "input", name: "input", shape: [227, 227, 3] },
  { type: "conv", name: "conv1", filters: 64, kernel: 11, stride: 4, padding: 2 },
  { type: "maxPool", name: "pool1", window: 3, stride: 2 },
  { type: "conv", name: "conv2", filters: 192, kernel: 5, padding: 2 },
  { type: "maxPool", name: "pool2", window: 3, stride: 2 },
  { type: "conv", name: "conv3", filters: 384, kernel: 3, padding: 1 },
  { type: "conv", name: "conv4", filters: 256, kernel: 3, padding: 1 },
  { type: "conv", name: "conv5", filters: 256, kernel: 3, padding: 1 },
  { type: "maxPool", name: "pool5", window: 3, stride: 2 },
  { type: "flatten", name: "flatten" },
  { type: "dense", name: "fc6", units: 4096 },
  { type: "dense", name: "fc7", units: 4096 },
  { type: "dense", name: "fc8", units: 1000 },
];
