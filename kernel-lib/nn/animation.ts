// The frames of the lectures' convolution animations as plain data (no tensors, no drawing):
// the window sliding over a padded input with a stride, one filter summing over channels, and
// the receptive field of one neuron growing layer by layer. The display layer draws them.
import { type FilterMatrix, kernelShape } from "./filters";

export interface SlideOptions {
  /** Zero padding on every side (default 0). */
  padding?: number;
  /** Step of the window in both directions (default 1). */
  stride?: number;
}

/** One step of the sliding window. */
export interface ConvFrame {
  /** 0-based step number, row-major over the output. */
  index: number;
  /** Output position this step fills. */
  row: number;
  col: number;
  /** Top-left corner of the window in the padded input. */
  top: number;
  left: number;
  /** Window entry times kernel entry, the numbers that get summed. */
  products: number[][];
  /** Their sum: the output value at (row, col). */
  value: number;
}

export interface ConvAnimation {
  /** The input with its zero border. */
  padded: number[][];
  /** True where `padded` holds a padding zero rather than an input value. */
  isPadding: boolean[][];
  kernel: number[][];
  padding: number;
  stride: number;
  /** The finished feature map. */
  output: number[][];
  frames: ConvFrame[];
}

function checkCount(value: number, what: string, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new Error(`animation: ${what} must be an integer >= ${min}, got ${value}`);
  return value;
}

/** Zero-pads a matrix by `p` on every side and marks which cells are padding. */
function padMatrix(input: FilterMatrix, p: number): { padded: number[][]; isPadding: boolean[][] } {
  const [h, w] = kernelShape(input, "input");
  checkCount(p, "padding", 0);
  const padded: number[][] = [];
  const isPadding: boolean[][] = [];
  for (let i = 0; i < h + 2 * p; i++) {
    const inside = i >= p && i < h + p;
    padded.push(Array.from({ length: w + 2 * p }, (_, j) => (inside && j >= p && j < w + p ? input[i - p][j - p] : 0)));
    isPadding.push(Array.from({ length: w + 2 * p }, (_, j) => !(inside && j >= p && j < w + p)));
  }
  return { padded, isPadding };
}

/**
 * Every step of sliding `kernel` over `input` (cross-correlation, as the lectures and TF.js
 * compute it): where the window sits, the products it sums and the value it writes.
 */
export function convolutionFrames(input: FilterMatrix, kernel: FilterMatrix, options: SlideOptions = {}): ConvAnimation {
  const padding = checkCount(options.padding ?? 0, "padding", 0);
  const stride = checkCount(options.stride ?? 1, "stride", 1);
  const [kh, kw] = kernelShape(kernel);
  const { padded, isPadding } = padMatrix(input, padding);
  const ph = padded.length;
  const pw = padded[0].length;
  if (ph < kh || pw < kw) {
    throw new Error(`animation: a ${kh}x${kw} kernel does not fit the ${ph}x${pw} padded input`);
  }
  const outH = Math.floor((ph - kh) / stride) + 1;
  const outW = Math.floor((pw - kw) / stride) + 1;
  const output = Array.from({ length: outH }, () => new Array<number>(outW).fill(0));
  const frames: ConvFrame[] = [];
  for (let row = 0; row < outH; row++) {
    for (let col = 0; col < outW; col++) {
      const top = row * stride;
      const left = col * stride;
      const products = kernel.map((kRow, m) => kRow.map((k, n) => padded[top + m][left + n] * k));
      const value = products.flat().reduce((a, b) => a + b, 0);
      output[row][col] = value;
      frames.push({ index: frames.length, row, col, top, left, products, value });
    }
  }
  return { padded, isPadding, kernel: kernel.map((r) => [...r]), padding, stride, output, frames };
}

/** One filter over a multi-channel input: one kernel per channel, summed, plus one bias. */
export interface ChannelAnimation {
  /** Per input channel: that channel's kernel sliding over that channel. */
  channels: ConvAnimation[];
  bias: number;
  /** Sum over channels at each position, plus the bias: the filter's single output map. */
  output: number[][];
}

/**
 * A 3D filter over a [C][H][W] input (lecture 002, "convolution across channels"): each of its
 * C kernels filters its own channel, the C maps are added position by position, then the bias.
 */
export function channelFrames(
  input: readonly FilterMatrix[],
  kernels: readonly FilterMatrix[],
  bias = 0,
  options: SlideOptions = {},
): ChannelAnimation {
  if (input.length === 0) throw new Error("animation: the input has no channels");
  if (kernels.length !== input.length) {
    throw new Error(`animation: the filter has ${kernels.length} kernels but the input has ${input.length} channels (one kernel per channel)`);
  }
  const channels = input.map((plane, c) => convolutionFrames(plane, kernels[c], options));
  const first = channels[0].output;
  for (const [c, ch] of channels.entries()) {
    if (ch.output.length !== first.length || ch.output[0].length !== first[0].length) {
      throw new Error(`animation: channel ${c} gives a ${ch.output.length}x${ch.output[0].length} map, channel 0 a ${first.length}x${first[0].length} one`);
    }
  }
  const output = first.map((r, i) => r.map((_, j) => channels.reduce((s, ch) => s + ch.output[i][j], bias)));
  return { channels, bias, output };
}

/** One layer of a stack, as far as the receptive field is concerned. */
export interface StackLayer {
  kernel: number;
  stride?: number;
  dilation?: number;
}

export interface ReceptiveFieldFrame {
  /** Layers applied so far (0 = the input pixel itself). */
  depth: number;
  /** Side of the square region of the input the centre neuron depends on. */
  size: number;
  /** Over the input: true where a pixel can change the centre neuron at this depth. */
  mask: boolean[][];
}

/**
 * Which input pixels one neuron at the centre of each layer depends on, found by walking the
 * connections back through the stack (no formula), for an input of `inputSize` x `inputSize`.
 * The masks draw that region centred on the input; with dilation it has holes.
 */
export function receptiveFieldFrames(layers: readonly StackLayer[], inputSize: number): ReceptiveFieldFrame[] {
  checkCount(inputSize, "inputSize", 1);
  // For each depth, the input rows (1-D; the field is square) one neuron depends on, as offsets
  // from that neuron's first input row: layer l's neuron i reads rows i*s + k*d of layer l-1.
  let offsets = new Set<number>([0]);
  const sizes = [1];
  const sets = [offsets];
  for (const [l, layer] of layers.entries()) {
    const k = checkCount(layer.kernel, `layer ${l} kernel`, 1);
    const s = checkCount(layer.stride ?? 1, `layer ${l} stride`, 1);
    const d = checkCount(layer.dilation ?? 1, `layer ${l} dilation`, 1);
    // Neuron 0 of layer l reads neurons t*d (t < k) of layer l-1; neighbours there sit `jump`
    // input rows apart (the product of the strides below), and each reads the previous set.
    const jump = layers.slice(0, l).reduce((j, x) => j * (x.stride ?? 1), 1);
    const next = new Set<number>();
    for (let t = 0; t < k; t++) for (const o of offsets) next.add(t * d * jump + o);
    offsets = next;
    sets.push(offsets);
    sizes.push(Math.max(...offsets) + 1);
  }
  return sets.map((set, depth) => {
    const size = sizes[depth];
    if (size > inputSize) {
      throw new Error(`animation: at depth ${depth} the receptive field is ${size} pixels wide, more than the ${inputSize}-pixel input`);
    }
    const start = Math.floor((inputSize - size) / 2);
    const line = Array.from({ length: inputSize }, (_, i) => set.has(i - start));
    return { depth, size, mask: line.map((r) => line.map((c) => r && c)) };
  });
}
