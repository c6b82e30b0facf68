import { describe, expect, it } from "vitest";
import {
  activationBytes,
  batchNormParams,
  bytesToKB,
  conv2dOutputShape,
  convMacs,
  convOutputSize,
  convParams,
  convTranspose2dOutputShape,
  convTransposeOutputSize,
  denseParams,
  depthwiseParams,
  flattenOutputShape,
  pool2dOutputShape,
  poolOutputSize,
  samePadding,
  separableParams,
} from "../../kernel-lib/nn/arithmetic";
import { receptiveField, stackReceptiveField, stackedConvReceptiveField } from "../../kernel-lib/nn/receptive-field";

describe("output sizes", () => {
  it("follows lecture 003's spatial-dimension examples", () => {
    expect(convOutputSize(32, 5)).toBe(28);
    expect(convOutputSize(28, 5)).toBe(24);
    expect(convOutputSize(7, 3, { padding: 1 })).toBe(7);
    expect(convOutputSize(7, 3, { stride: 2 })).toBe(3);
    expect(convOutputSize(32, 5, { padding: 2 })).toBe(32);
    expect([3, 5, 7].map((k) => samePadding(k))).toEqual([1, 2, 3]);
  });

  it("floors when the stride does not divide, like the frameworks (AlexNet pool1: 56 -> 27)", () => {
    expect(convOutputSize(227, 11, { stride: 4, padding: 2 })).toBe(56);
    expect(poolOutputSize(56, 3, { stride: 2 })).toBe(27);
    expect(convOutputSize(224, 3, { stride: 2, padding: 1 })).toBe(112);
  });

  it("handles 'same', 'valid' and dilation", () => {
    expect(convOutputSize(7, 3, { stride: 2, padding: "same" })).toBe(4);
    expect(convOutputSize(7, 3, { padding: "valid" })).toBe(5);
    expect(convOutputSize(10, 3, { dilation: 2 })).toBe(6);
    expect(samePadding(3, 2)).toBe(2);
  });

  it("pools with stride = window by default: (W + 2P) / F", () => {
    expect(poolOutputSize(128, 2)).toBe(64);
    expect(poolOutputSize(62, 2)).toBe(31);
  });

  it("fails loudly when the window does not fit", () => {
    expect(() => convOutputSize(3, 5)).toThrow(/does not fit/);
    expect(() => convOutputSize(8, 3, { stride: 0 })).toThrow(/stride/);
  });

  it("inverts the convolution's size map for transposed convolution", () => {
    for (const [n, k, s, p] of [[5, 3, 2, 1], [8, 4, 2, 1], [7, 5, 1, 2], [3, 3, 3, 0]]) {
      const out = convTransposeOutputSize(n, k, { stride: s, padding: p });
      expect(convOutputSize(out, k, { stride: s, padding: p })).toBe(n);
    }
    expect(convTransposeOutputSize(2, 3, { stride: 2 })).toBe(5);
    expect(convTransposeOutputSize(4, 3, { stride: 2, padding: 1, outputPadding: 1 })).toBe(8);
  });

  it("computes whole shapes with and without batch", () => {
    expect(conv2dOutputShape([8, 128, 128, 3], { filters: 32, kernel: 5, padding: 2 })).toEqual([8, 128, 128, 32]);
    expect(conv2dOutputShape([64, 64, 32], { filters: 64, kernel: 3 })).toEqual([62, 62, 64]);
    expect(conv2dOutputShape([1, 10, 12, 3], { filters: 4, kernel: [3, 5], stride: [1, 2] })).toEqual([1, 8, 4, 4]);
    expect(pool2dOutputShape([8, 62, 62, 64], { window: 2 })).toEqual([8, 31, 31, 64]);
    expect(flattenOutputShape([8, 31, 31, 64])).toEqual([8, 61504]);
    expect(flattenOutputShape([31, 31, 64])).toEqual([61504]);
    expect(convTranspose2dOutputShape([2, 4, 4, 8], { filters: 3, kernel: 3, stride: 2, padding: 1, outputPadding: 1 })).toEqual([2, 8, 8, 3]);
  });
});

describe("parameters", () => {
  it("matches lecture 002 and 003's worked examples", () => {
    expect(convParams({ kernel: 5, inChannels: 3, filters: 10 }).total).toBe(760);
    expect(denseParams(128, 64).total).toBe(8256);
    expect(batchNormParams(64)).toEqual({ trainable: 128, nonTrainable: 128, total: 256 });
    expect(convParams({ kernel: 3, inChannels: 1, filters: 100 }).total).toBe(1000);
    expect(convParams({ kernel: 3, inChannels: 1, filters: 100, bias: false }).total).toBe(900);
  });

  it("reproduces lecture 001's 1x1 bottleneck (204,800 vs 67,584) without biases", () => {
    const direct = convParams({ kernel: 5, inChannels: 256, filters: 32, bias: false }).total;
    const reduced = convParams({ kernel: 1, inChannels: 256, filters: 64, bias: false }).total + convParams({ kernel: 5, inChannels: 64, filters: 32, bias: false }).total;
    expect([direct, reduced]).toEqual([204800, 67584]);
  });

  it("divides by groups and handles depthwise / separable", () => {
    expect(convParams({ kernel: 3, inChannels: 8, filters: 4, groups: 2, bias: false }).total).toBe(3 * 3 * 4 * 4);
    expect(() => convParams({ kernel: 3, inChannels: 6, filters: 4, groups: 4 })).toThrow(/groups=4/);
    expect(depthwiseParams(3, 32, 1, false).total).toBe(288);
    expect(separableParams(3, 32, 64, false).total).toBe(288 + 2048);
    expect(convParams({ kernel: 3, depth: 3, inChannels: 2, filters: 4 }).total).toBe((27 * 2 + 1) * 4);
  });
});

describe("compute and memory", () => {
  it("counts lecture 003's naive inception module as 854M multiply-accumulates", () => {
    const out = [28, 28];
    const macs =
      convMacs({ outputSize: out, kernel: 1, inChannels: 256, filters: 128 }) +
      convMacs({ outputSize: out, kernel: 3, inChannels: 256, filters: 192 }) +
      convMacs({ outputSize: out, kernel: 5, inChannels: 256, filters: 96 });
    expect(macs).toBe(854_196_224);
  });

  it("counts AlexNet conv1 (73 M) and grouped convolutions", () => {
    expect(convMacs({ outputSize: [56, 56], kernel: 11, inChannels: 3, filters: 64 })).toBe(72_855_552);
    expect(convMacs({ outputSize: [4, 4], kernel: [3, 3], inChannels: 8, filters: 8, groups: 4 })).toBe(16 * 8 * 9 * 2);
  });

  it("uses 4 bytes per value and KB = 1024 bytes (AlexNet conv1 = 784 KB)", () => {
    expect(bytesToKB(activationBytes([56, 56, 64]))).toBe(784);
    expect(bytesToKB(activationBytes([112, 112, 64]))).toBe(3136);
  });
});

describe("receptive field", () => {
  it("grows by K - 1 per stride-1 layer: 1 + L(K - 1)", () => {
    for (const [l, k] of [[1, 3], [2, 3], [3, 3], [4, 5]]) {
      expect(stackReceptiveField(Array.from({ length: l }, () => ({ kernel: k })))).toBe(stackedConvReceptiveField(l, k));
    }
    expect(stackedConvReceptiveField(3, 3)).toBe(7);
  });

  it("answers Example 1: Conv2 sees 10x10 with MaxPool1 and 7x7 without", () => {
    expect(stackReceptiveField([{ kernel: 5, padding: 2 }, { kernel: 2, stride: 2 }, { kernel: 3 }])).toBe(10);
    expect(stackReceptiveField([{ kernel: 5, padding: 2 }, { kernel: 3 }])).toBe(7);
  });

  it("tracks the jump and the first field's centre", () => {
    const rows = receptiveField([
      { name: "c1", kernel: 3, stride: 2, padding: 1 },
      { name: "c2", kernel: 3, dilation: 2 },
    ]);
    expect(rows).toEqual([
      { name: "c1", field: 3, jump: 2, start: 0 },
      { name: "c2", field: 11, jump: 2, start: 4 },
    ]);
    expect(stackReceptiveField([])).toBe(1);
  });
});
