import { describe, expect, it } from "vitest";
import { channelFramesBundle, convFramesBundle, receptiveFieldBundle } from "../../kernel-lib/display/animation";
import { channelFrames, convolutionFrames, receptiveFieldFrames } from "../../kernel-lib/nn/animation";
import { getWorkedExample } from "../../kernel-lib/nn/filters";

const count = (s: string, part: string) => s.split(part).length - 1;

describe("display of convolution frames", () => {
  const ex = getWorkedExample("lecture-002-5x5");

  it("draws one panel per step with the window's 9 cells, the sum and the final map", () => {
    const b = convFramesBundle(convolutionFrames(ex.input, ex.kernel));
    const html = b["text/html"] as string;
    expect(count(html, "border:1px solid #ddd;padding:6px\"")).toBe(9);
    expect(count(html, "background:#ffd54f")).toBe(9 * 9);
    expect(html).toContain("step 1: output (0, 0) = 0 + 3 + 4 + 0 + 0 + 0 + 0 + 1 + 4 = <b>12</b>");
    // The kernel entries appear as the lecture's subscripts (3₀ 3₁ 2₂ in the first row).
    expect(html).toContain("3<span style=\"font-size:9px;color:#c62828\">₁</span>");
    expect(b["text/plain"]).toContain("5x5 input, 3x3 kernel, padding 0, stride 1 -> 3x3 output, 9 steps");
    expect(b["text/plain"]).toContain("12\t12\t17\n10\t17\t19\n9\t6\t14");
  });

  it("marks padding cells, picks steps and rejects steps that do not exist", () => {
    const anim = convolutionFrames(ex.input, ex.kernel, { padding: 1, stride: 2 });
    const b = convFramesBundle(anim, { frames: [0, 8] });
    const html = b["text/html"] as string;
    expect(count(html, "border:1px solid #ddd;padding:6px\"")).toBe(2);
    expect(html).toContain("showing 2 of 9 steps");
    // First step: 5 of its 9 window cells are padding, drawn as window; 24 border cells - 5 stay grey.
    expect(count(html.split("step 1:")[0], "background:#eee")).toBe(24 - 5);
    expect(() => convFramesBundle(anim, { frames: [9] })).toThrow(/step 9 does not exist \(the animation has steps 0..8\)/);
  });

  it("draws channel maps summed with the bias", () => {
    const anim = channelFrames([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], [[[1]], [[10]]], 0.5);
    const b = channelFramesBundle(anim, ["R", "G"]);
    expect(b["text/html"]).toContain("R ⋆ kernel 0");
    expect(b["text/plain"]).toContain("51.5\t62.5\n73.5\t84.5");
    expect(() => channelFramesBundle(anim, ["R"])).toThrow(/2 channels but 1 names/);
  });

  it("shows one captioned mask per depth", () => {
    const b = receptiveFieldBundle(receptiveFieldFrames([{ kernel: 3 }, { kernel: 3 }], 7));
    expect(b["text/plain"]).toContain("depth 0: 1x1, depth 1: 3x3, depth 2: 5x5");
    expect(count(b["text/html"] as string, "<img")).toBe(3);
  });
});

describe("frame layout", () => {
  it("puts as many panels per row as fit ~900 px, or what the caller asks", () => {
    const ex = getWorkedExample("lecture-002-5x5");
    const columnsOf = (html: string) => Number(/repeat\((\d+),max-content\)/.exec(html)?.[1]);
    expect(columnsOf(convFramesBundle(convolutionFrames(ex.input, ex.kernel))["text/html"] as string)).toBe(3);
    const seven = Array.from({ length: 7 }, () => [1, 2, 3, 4, 5, 6, 7]);
    expect(columnsOf(convFramesBundle(convolutionFrames(seven, ex.kernel, { stride: 2 }))["text/html"] as string)).toBe(2);
    expect(columnsOf(convFramesBundle(convolutionFrames(seven, ex.kernel), { columns: 5 })["text/html"] as string)).toBe(5);
  });
});
