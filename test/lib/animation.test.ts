import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../../kernel-lib/backend";
import { channelFrames, convolutionFrames, receptiveFieldFrames } from "../../kernel-lib/nn/animation";
import { getWorkedExample } from "../../kernel-lib/nn/filters";

beforeAll(async () => {
  await initBackend("cpu");
});

/** Seeded integer matrix so sums are exact. */
function intMatrix(h: number, w: number, seed: number): number[][] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) % 7) - 3;
  return Array.from({ length: h }, () => Array.from({ length: w }, next));
}

/** TF.js conv2d with explicit zero padding, as the oracle. */
function tfConv(input: number[][], kernel: number[][], padding: number, stride: number): number[][] {
  return tf.tidy(() => {
    const x = tf.tensor4d(input.flat(), [1, input.length, input[0].length, 1]);
    const k = tf.tensor4d(kernel.flat(), [kernel.length, kernel[0].length, 1, 1]);
    const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [padding, padding], [padding, padding], [0, 0]];
    return (tf.conv2d(x, k, stride, pad).squeeze([0, 3]) as tf.Tensor2D).arraySync();
  });
}

describe("convolutionFrames", () => {
  it("lecture 002's example: 9 frames, first window at the corner summing to 12", () => {
    const ex = getWorkedExample("lecture-002-5x5");
    const anim = convolutionFrames(ex.input, ex.kernel);
    expect(anim.frames).toHaveLength(9);
    expect(anim.output.flat()).toEqual([12, 12, 17, 10, 17, 19, 9, 6, 14]);
    const f0 = anim.frames[0];
    expect([f0.row, f0.col, f0.top, f0.left, f0.value]).toEqual([0, 0, 0, 0, 12]);
    expect(f0.products).toEqual([[0, 3, 4], [0, 0, 0], [0, 1, 4]]);
    expect(anim.frames[5]).toMatchObject({ row: 1, col: 2, top: 1, left: 2, value: 19 });
  });

  it("padding 1 keeps a 5x5 input 5x5 (lecture 002), marking the zero border", () => {
    const ex = getWorkedExample("lecture-002-5x5");
    const anim = convolutionFrames(ex.input, ex.kernel, { padding: 1 });
    expect(anim.padded).toHaveLength(7);
    expect(anim.output).toHaveLength(5);
    expect(anim.output[0]).toHaveLength(5);
    expect(anim.isPadding[0].every(Boolean)).toBe(true);
    expect(anim.isPadding[1]).toEqual([true, false, false, false, false, false, true]);
    expect(anim.padded[1].slice(1, 6)).toEqual(ex.input[0]);
  });

  it("7x7 input, 3x3 filter, stride 2 gives 3x3 (lecture 003); pad 1 stride 1 gives 7x7", () => {
    const input = intMatrix(7, 7, 1);
    const k = intMatrix(3, 3, 2);
    const s2 = convolutionFrames(input, k, { stride: 2 });
    expect([s2.output.length, s2.output[0].length]).toEqual([3, 3]);
    expect(s2.frames.map((f) => f.left).slice(0, 3)).toEqual([0, 2, 4]);
    const same = convolutionFrames(input, k, { padding: 1 });
    expect([same.output.length, same.output[0].length]).toEqual([7, 7]);
  });

  it("agrees with TF.js conv2d on random shapes, paddings and strides", () => {
    for (let trial = 0; trial < 12; trial++) {
      const h = 3 + (trial % 5);
      const w = 4 + ((trial * 3) % 5);
      const kh = 1 + (trial % 3);
      const kw = 1 + ((trial + 1) % 3);
      const padding = trial % 3;
      const stride = 1 + (trial % 2);
      const input = intMatrix(h, w, 10 + trial);
      const kernel = intMatrix(kh, kw, 50 + trial);
      const anim = convolutionFrames(input, kernel, { padding, stride });
      expect(anim.output).toEqual(tfConv(input, kernel, padding, stride));
      expect(anim.frames).toHaveLength(anim.output.length * anim.output[0].length);
    }
  });

  it("rejects bad options with clear messages", () => {
    expect(() => convolutionFrames([[1]], [[1, 1], [1, 1]])).toThrow(/2x2 kernel does not fit the 1x1 padded input/);
    expect(() => convolutionFrames([[1, 2]], [[1]], { stride: 0 })).toThrow(/stride must be an integer >= 1, got 0/);
    expect(() => convolutionFrames([[1, 2]], [[1]], { padding: -1 })).toThrow(/padding must be an integer >= 0/);
  });
});

describe("channelFrames", () => {
  it("sums the per-channel maps and adds one bias, as TF.js does for a 3D filter", () => {
    const planes = [intMatrix(5, 5, 3), intMatrix(5, 5, 4), intMatrix(5, 5, 5)];
    const kernels = [intMatrix(3, 3, 6), intMatrix(3, 3, 7), intMatrix(3, 3, 8)];
    const anim = channelFrames(planes, kernels, 2, { padding: 1 });
    expect(anim.channels).toHaveLength(3);
    const want = tf.tidy(() => {
      const x = tf.stack(planes.map((p) => tf.tensor2d(p)), 2).expandDims(0) as tf.Tensor4D;
      const k = tf.stack(kernels.map((p) => tf.tensor2d(p)), 2).expandDims(3) as tf.Tensor4D;
      return (tf.conv2d(x, k, 1, "same").add(2).squeeze([0, 3]) as tf.Tensor2D).arraySync();
    });
    expect(anim.output).toEqual(want);
    expect(anim.output[0][0]).toBe(anim.channels.reduce((s, c) => s + c.output[0][0], 2));
  });

  it("needs one kernel per channel", () => {
    expect(() => channelFrames([[[1]], [[1]]], [[[1]]])).toThrow(/1 kernels but the input has 2 channels/);
  });
});

describe("receptiveFieldFrames", () => {
  const count = (m: boolean[][]) => m.flat().filter(Boolean).length;

  it("stacked 3x3 convolutions see 1 + L(K-1) pixels: 1, 3, 5, 7", () => {
    const frames = receptiveFieldFrames([{ kernel: 3 }, { kernel: 3 }, { kernel: 3 }], 9);
    expect(frames.map((f) => f.size)).toEqual([1, 3, 5, 7]);
    expect(frames.map((f) => count(f.mask))).toEqual([1, 9, 25, 49]);
    expect(frames[1].mask[4].slice(3, 6)).toEqual([true, true, true]);
    expect(frames[1].mask[4][2]).toBe(false);
  });

  it("a stride multiplies what later layers add; dilation leaves holes", () => {
    const strided = receptiveFieldFrames([{ kernel: 3, stride: 2 }, { kernel: 3 }], 9);
    expect(strided.map((f) => f.size)).toEqual([1, 3, 7]);
    const dilated = receptiveFieldFrames([{ kernel: 3, dilation: 2 }], 7);
    expect(dilated[1].size).toBe(5);
    expect(count(dilated[1].mask)).toBe(9);
    // Lecture 002's Example 1: Conv2 (3x3) after MaxPool1 (2x2, stride 2) after Conv1 (5x5).
    const ex1 = receptiveFieldFrames([{ kernel: 5 }, { kernel: 2, stride: 2 }, { kernel: 3 }], 12);
    expect(ex1[3].size).toBe(10);
    expect(receptiveFieldFrames([{ kernel: 5 }, { kernel: 3 }], 12)[2].size).toBe(7);
  });

  it("says when the field outgrows the input", () => {
    expect(() => receptiveFieldFrames([{ kernel: 5 }, { kernel: 5 }], 8)).toThrow(/9 pixels wide, more than the 8-pixel input/);
  });
});
