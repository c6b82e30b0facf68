// readImage and samplePhotos: PNG and JPEG files the test writes, the committed photo, bad files.
import * as fs from "fs";
import * as path from "path";
import * as jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend, tf } from "../../kernel-lib/backend";
import { readImage, samplePhotos } from "../../kernel-lib/data";
import { tmpDir } from "./data-helpers";

beforeAll(async () => {
  await initBackend("cpu");
});

function rgba(w: number, h: number): Buffer {
  const b = Buffer.alloc(w * h * 4);
  for (let p = 0; p < w * h; p++) b.set([(p * 40) % 256, 255 - ((p * 40) % 256), 128, 255], 4 * p);
  return b;
}

describe("readImage", () => {
  it("decodes PNG exactly and JPEG closely into float32 [H, W, 3] in [0, 1]", () => {
    const dir = tmpDir("img");
    const png = new PNG({ width: 3, height: 2 });
    rgba(3, 2).copy(png.data);
    fs.writeFileSync(path.join(dir, "a.png"), PNG.sync.write(png));
    const t = readImage(path.join(dir, "a.png"));
    expect(t.shape).toEqual([2, 3, 3]);
    expect(t.dtype).toBe("float32");
    const px = t.dataSync();
    expect([px[3], px[4], px[5]]).toEqual([40 / 255, 215 / 255, 128 / 255].map(Math.fround));
    t.dispose();
    fs.writeFileSync(path.join(dir, "b.jpg"), jpeg.encode({ data: Buffer.alloc(16 * 8 * 4, 200), width: 16, height: 8 }, 95).data);
    const j = readImage(path.join(dir, "b.jpg"));
    expect(j.shape).toEqual([8, 16, 3]);
    expect(Math.abs(j.dataSync()[7] - 200 / 255)).toBeLessThan(0.02);
    j.dispose();
  });

  it("names the file and the fault for missing, foreign and corrupt files", () => {
    const dir = tmpDir("img");
    expect(() => readImage(path.join(dir, "none.png"))).toThrow(/none.png: cannot read \(ENOENT\)/);
    fs.writeFileSync(path.join(dir, "x.png"), "GIF89a....");
    expect(() => readImage(path.join(dir, "x.png"))).toThrow(/x.png: not a PNG or JPEG file \(starts with 47494638\)/);
    const png = new PNG({ width: 4, height: 4 });
    const bytes = PNG.sync.write(png);
    fs.writeFileSync(path.join(dir, "cut.png"), bytes.subarray(0, bytes.length - 20));
    expect(() => readImage(path.join(dir, "cut.png"))).toThrow(/cut.png: corrupt PNG data/);
  });

  it("the committed photo is always among the sample photos, and every listed file decodes", () => {
    const photos = samplePhotos();
    expect(photos[0]).toMatchObject({ name: "chelsea", licence: expect.stringMatching(/CC0/) });
    const t = readImage(photos[0].path);
    expect(t.shape).toEqual([300, 451, 3]);
    t.dispose();
    for (const p of photos) expect(fs.existsSync(p.path)).toBe(true);
    expect(tf.memory().numTensors).toBe(0);
  });
});
