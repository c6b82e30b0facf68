// Receptive field and jump of a stack of sliding-window layers (convolutions and pooling),
// along one spatial axis. Lecture 003: with L layers of kernel K (stride 1) the field is
// 1 + L(K - 1); strides and pooling multiply the jump, so later kernels add (K - 1) x jump.
import { effectiveKernel } from "./arithmetic";

/** One sliding-window layer along one axis. Layers without a window (ReLU, BN) are left out. */
export interface WindowLayer {
  name?: string;
  kernel: number;
  stride?: number;
  dilation?: number;
  /** Pixels padded on the leading side; only moves `start`, never the field's size. */
  padding?: number;
}

export interface ReceptiveFieldRow {
  name: string;
  /** Input pixels one output value of this layer sees. */
  field: number;
  /** Input pixels between neighbouring outputs of this layer (the product of the strides so far). */
  jump: number;
  /** Input coordinate of the centre of the first output's field (negative: it starts in the padding). */
  start: number;
}

/**
 * Walks the stack: field_l = field_{l-1} + (K_eff - 1) x jump_{l-1}, jump_l = jump_{l-1} x S.
 * Returns one row per layer; the last row is the stack's receptive field.
 */
export function receptiveField(layers: readonly WindowLayer[]): ReceptiveFieldRow[] {
  let field = 1;
  let jump = 1;
  let start = 0;
  return layers.map((layer, i) => {
    const span = effectiveKernel(layer.kernel, layer.dilation ?? 1);
    const stride = layer.stride ?? 1;
    if (!Number.isInteger(stride) || stride < 1) throw new Error(`receptiveField: layer ${layer.name ?? i} has stride ${stride}; it must be a positive integer`);
    start += ((span - 1) / 2 - (layer.padding ?? 0)) * jump;
    field += (span - 1) * jump;
    jump *= stride;
    return { name: layer.name ?? `layer${i + 1}`, field, jump, start };
  });
}

/** The stack's final receptive field (1 for an empty stack). */
export function stackReceptiveField(layers: readonly WindowLayer[]): number {
  const rows = receptiveField(layers);
  return rows.length === 0 ? 1 : rows[rows.length - 1].field;
}

/** Lecture 003's closed form for L stride-1 layers of kernel K: 1 + L(K - 1). */
export function stackedConvReceptiveField(layers: number, kernel: number): number {
  return 1 + layers * (kernel - 1);
}
