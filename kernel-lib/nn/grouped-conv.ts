// Grouped convolution (ResNeXt, AlexNet's two-GPU split, MobileNet's depthwise as the extreme)
// as an op with gradients on every backend, and a Layers-API layer. TF.js has none.
//
// The channels are split into `groups`; group g's output channels see only group g's input
// channels. Computed as one conv2d per group on a channel slice, concatenated: the same
// multiply-adds as the grouped convolution (a block-diagonal full filter would do `groups`
// times more), and gradients flow through slice/conv2d/concat. When every group has a single
// input channel it is exactly a depthwise convolution, which runs as one op.
import * as tf from "@tensorflow/tfjs";
import {
  type ConvPadding, DilatedConv2D, type DilatedConv2DLayerArgs, type Pair2, atrous, dilateFilter, toPair,
} from "./dilated-conv";

export interface GroupedConv2dOptions {
  groups: number;
  strides?: Pair2;
  padding?: ConvPadding;
  dilations?: Pair2;
}

/** Stride-s grouped convolution without dilation; x [b, h, w, in], filter [kh, kw, in/groups, out]. */
function groupedCore(x: tf.Tensor4D, filter: tf.Tensor4D, groups: number, strides: [number, number], padding: ConvPadding): tf.Tensor4D {
  const inChannels = x.shape[3];
  const outChannels = filter.shape[3];
  if (groups === 1) return tf.conv2d(x, filter, strides, padding);
  if (inChannels === groups) {
    const [kh, kw] = filter.shape;
    return tf.depthwiseConv2d(x, tf.reshape(filter, [kh, kw, inChannels, outChannels / groups]) as tf.Tensor4D, strides, padding);
  }
  const xs = tf.split(x, groups, 3) as tf.Tensor4D[];
  const ws = tf.split(filter, groups, 3) as tf.Tensor4D[];
  return tf.concat(xs.map((xg, g) => tf.conv2d(xg, ws[g], strides, padding)), 3);
}

/**
 * Grouped 2-D convolution. x: [batch, h, w, in]; filter: [kh, kw, in / groups, out] with in and
 * out divisible by groups. Dilations > 1 work with gradients too (see dilated-conv.ts).
 */
export function groupedConv2d(x: tf.Tensor4D, filter: tf.Tensor4D, opts: GroupedConv2dOptions): tf.Tensor4D {
  const { groups } = opts;
  const strides = toPair(opts.strides, "groupedConv2d: strides");
  const rate = toPair(opts.dilations, "groupedConv2d: dilations");
  const padding = opts.padding ?? "valid";
  if (x.rank !== 4) throw new Error(`groupedConv2d: input must be [batch, height, width, channels], got [${x.shape.join(", ")}]`);
  if (filter.rank !== 4) throw new Error(`groupedConv2d: filter must be [kh, kw, in/groups, out], got [${filter.shape.join(", ")}]`);
  const [, , groupIn, outChannels] = filter.shape;
  const inChannels = x.shape[3];
  if (!Number.isInteger(groups) || groups < 1) throw new Error(`groupedConv2d: groups must be a positive integer, got ${groups}`);
  if (inChannels % groups !== 0 || outChannels % groups !== 0) {
    throw new Error(`groupedConv2d: ${inChannels} input and ${outChannels} output channels must both be divisible by groups=${groups}`);
  }
  if (groupIn !== inChannels / groups) {
    throw new Error(`groupedConv2d: filter has ${groupIn} input channels per group, expected ${inChannels}/${groups} = ${inChannels / groups}`);
  }
  return tf.tidy(() => {
    if (rate[0] === 1 && rate[1] === 1) return groupedCore(x, filter, groups, strides, padding);
    if (strides[0] === 1 && strides[1] === 1) {
      return atrous(x, rate, [filter.shape[0], filter.shape[1]], padding, (g) => groupedCore(g, filter, groups, [1, 1], "valid"));
    }
    return groupedCore(x, dilateFilter(filter, rate), groups, strides, padding);
  });
}

export interface GroupedConv2DLayerArgs extends DilatedConv2DLayerArgs {
  /** Number of channel groups; input channels and `filters` must be divisible by it. */
  groups: number;
}

/** A Conv2D layer with channel groups (and optional dilation) that trains on every backend. */
export class GroupedConv2D extends DilatedConv2D {
  static className = "GroupedConv2D";
  readonly groups: number;

  constructor(args: GroupedConv2DLayerArgs) {
    super(args);
    if (!Number.isInteger(args.groups) || args.groups < 1) throw new Error(`GroupedConv2D '${this.name}': groups must be a positive integer, got ${args.groups}`);
    if (args.filters % args.groups !== 0) throw new Error(`GroupedConv2D '${this.name}': filters=${args.filters} is not divisible by groups=${args.groups}`);
    this.groups = args.groups;
  }

  protected kernelInputChannels(inChannels: number): number {
    if (inChannels % this.groups !== 0) {
      throw new Error(`GroupedConv2D '${this.name}': ${inChannels} input channels are not divisible by groups=${this.groups}`);
    }
    return inChannels / this.groups;
  }

  protected convolve(x: tf.Tensor4D, kernel: tf.Tensor4D): tf.Tensor4D {
    return groupedConv2d(x, kernel, { groups: this.groups, strides: this.strides, padding: this.padding, dilations: this.dilationRate });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), groups: this.groups };
  }
}
tf.serialization.registerClass(GroupedConv2D);
