// VGG-16 (configuration D): five stages of 3x3 stride-1 pad-1 convolutions, each closed by a
// 2x2 stride-2 max pool, then three fully connected layers (lecture 003's per-layer list).
import type { LayerSpec } from "../../nn/layer-table";

function stage(n: number, convs: number, filters: number): LayerSpec[] {
  const layers: LayerSpec[] = [];
  for (let i = 1; i <= convs; i++) layers.push({ type: "conv", name: `conv${n}_${i}`, filters, kernel: 3, padding: 1 });
  layers.push({ type: "maxPool", name: `pool${n}`, window: 2, stride: 2 });
  return layers;
}

export const vgg16Spec: readonly LayerSpec[] = [
  { type: "input", name: "input", shape: [224, 224, 3] },
  ...stage(1, 2, 64),
  ...stage(2, 2, 128),
  ...stage(3, 3, 256),
  ...stage(4, 3, 512),
  ...stage(5, 3, 512),
  { type: "flatten", name: "flatten" },
  { type: "dense", name: "fc6", units: 4096 },
  { type: "dense", name: "fc7", units: 4096 },
  { type: "dense", name: "fc8", units: 1000 },
];
