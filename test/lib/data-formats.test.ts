// IDX and CIFAR-10 binary readers: round trips and every kind of bad file, each failing with
// an error that names the file and the fault, never with wrong data.
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { describe, expect, it } from "vitest";
import { decodeCifarBatch, encodeCifarBatch } from "../../kernel-lib/data/cifar-binary";
import { CATALOG } from "../../kernel-lib/data/catalog";
import { DataFileError } from "../../kernel-lib/data/errors";
import { encodeIdx, parseIdx, readIdx } from "../../kernel-lib/data/idx";
import { readSplit } from "../../kernel-lib/data/read";
import { tarMembers } from "../../kernel-lib/data/tar";
import { labelsFor, pattern, tar, tmpDir, writeCifarDataset, writeIdxDataset } from "./data-helpers";

const mnist = CATALOG.mnist;
const cifar = CATALOG.cifar10;

function expectDataError(f: () => unknown, file: string, fault: RegExp): void {
  let caught: unknown;
  try {
    f();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(DataFileError);
  const msg = (caught as Error).message;
  expect(msg).toContain(file);
  expect(msg).toMatch(fault);
}

describe("IDX", () => {
  it("round-trips raw and gzip files, as a view without copying", () => {
    const dir = tmpDir();
    const data = pattern(5, 28 * 28);
    const raw = path.join(dir, "a-idx3-ubyte");
    fs.writeFileSync(raw, encodeIdx([5, 28, 28], data));
    fs.writeFileSync(`${raw}.gz`, zlib.gzipSync(encodeIdx([5, 28, 28], data)));
    for (const file of [raw, `${raw}.gz`]) {
      const idx = readIdx(file, 3);
      expect(idx.dims).toEqual([5, 28, 28]);
      expect(Buffer.from(idx.data).equals(Buffer.from(data))).toBe(true);
    }
  });

  it("rejects a wrong magic number", () => {
    const bytes = encodeIdx([3], labelsFor(3));
    bytes[0] = 0x1a;
    expectDataError(() => parseIdx(bytes, "bad-labels", 1), "bad-labels", /not an IDX file: magic number 0x1a/);
  });

  it("rejects an element type other than unsigned byte", () => {
    const bytes = encodeIdx([3], labelsFor(3));
    bytes[2] = 0x0d;
    expectDataError(() => parseIdx(bytes, "floats", 1), "floats", /element type 0xd \(float32\)/);
  });

  it("rejects the wrong number of dimensions (labels given as images)", () => {
    expectDataError(() => parseIdx(encodeIdx([3], labelsFor(3)), "labels-as-images", 3), "labels-as-images", /declares 1 dimensions, expected 3/);
  });

  it("rejects truncated data and trailing bytes", () => {
    const bytes = encodeIdx([4, 28, 28], pattern(4, 784));
    expectDataError(() => parseIdx(bytes.subarray(0, bytes.length - 10), "short", 3), "short", /truncated: the header declares 4 x 28 x 28 = 3136 bytes of data, the file holds 3126/);
    expectDataError(() => parseIdx(bytes.subarray(0, 10), "header-only", 3), "header-only", /truncated: 10 bytes, the header alone needs 16/);
    const long = new Uint8Array(bytes.length + 3);
    long.set(bytes);
    expectDataError(() => parseIdx(long, "long", 3), "long", /3 unexpected bytes after/);
  });

  it("rejects a corrupt and a truncated gzip file", () => {
    const dir = tmpDir();
    const gz = zlib.gzipSync(encodeIdx([50, 28, 28], pattern(50, 784)));
    const corrupt = Buffer.from(gz);
    for (let i = 20; i < 60; i++) corrupt[i] ^= 0xff;
    fs.writeFileSync(path.join(dir, "corrupt.gz"), corrupt);
    fs.writeFileSync(path.join(dir, "cut.gz"), gz.subarray(0, gz.length >> 1));
    expectDataError(() => readIdx(path.join(dir, "corrupt.gz"), 3), "corrupt.gz", /corrupt gzip data/);
    expectDataError(() => readIdx(path.join(dir, "cut.gz"), 3), "cut.gz", /corrupt gzip data \(unexpected end of file\)/);
  });

  it("rejects images of the wrong size, a label count mismatch and labels out of range", () => {
    const small = tmpDir();
    const files = writeIdxDataset(small, { side: 27 });
    expectDataError(() => readSplit(mnist, [files["train-images-idx3-ubyte"], files["train-labels-idx1-ubyte"]], "train"), "train-images-idx3-ubyte", /wrong dimensions: images are 27 x 27, mnist images are 28 x 28/);

    const dir = tmpDir();
    const ok = writeIdxDataset(dir, { train: 12 });
    const images = ok["train-images-idx3-ubyte"];
    fs.writeFileSync(ok["train-labels-idx1-ubyte"], encodeIdx([11], labelsFor(11)));
    expectDataError(() => readSplit(mnist, [images, ok["train-labels-idx1-ubyte"]], "train"), "train-labels-idx1-ubyte", /holds 11 labels for the 12 images/);

    const labels = labelsFor(12);
    labels[7] = 10;
    fs.writeFileSync(ok["train-labels-idx1-ubyte"], encodeIdx([12], labels));
    expectDataError(() => readSplit(mnist, [images, ok["train-labels-idx1-ubyte"]], "train"), "train-labels-idx1-ubyte", /record 7 has label 10, outside 0..9/);
  });

  it("checks the record count a source promises", () => {
    const files = writeIdxDataset(tmpDir(), { train: 12 });
    expectDataError(() => readSplit(mnist, [files["train-images-idx3-ubyte"], files["train-labels-idx1-ubyte"]], "train", 60000), "train-images-idx3-ubyte", /holds 12 records, this copy of mnist should hold 60000/);
  });
});

describe("CIFAR-10 binary", () => {
  it("decodes R, G, B planes into interleaved NHWC pixels", () => {
    const record = new Uint8Array(3073);
    record[0] = 4;
    record[1] = 10; // R of pixel 0
    record[1 + 1024] = 20; // G of pixel 0
    record[1 + 2048 + 33] = 30; // B of pixel (1, 1)
    const images = new Uint8Array(3072);
    const labels = new Uint8Array(1);
    expect(decodeCifarBatch(record, "one", 10, images, labels, 0)).toBe(1);
    expect(labels[0]).toBe(4);
    expect([images[0], images[1], images[2]]).toEqual([10, 20, 0]);
    expect(images[33 * 3 + 2]).toBe(30);
    expect(Buffer.from(encodeCifarBatch(images, labels)).equals(Buffer.from(record))).toBe(true);
  });

  it("reads a split spread over several batch files, in order", () => {
    const files = writeCifarDataset(tmpDir(), 4, 6);
    const train = readSplit(cifar, [1, 2, 3, 4, 5].map((i) => files[`data_batch_${i}.bin`]), "train");
    expect(train.count).toBe(20);
    expect(Array.from(train.labels.subarray(0, 5))).toEqual([0, 3, 6, 9, 0]);
    // record 0 of file 2 (index 4): pixel bytes were offset by the file number
    const expected = pattern(4, 3072).map((v) => (v + 1) % 256);
    const got = encodeCifarBatch(train.images.subarray(4 * 3072, 8 * 3072), train.labels.subarray(4, 8));
    expect(got[1]).toBe(expected[0]);
  });

  it("rejects a truncated batch, an empty one and labels out of range", () => {
    const dir = tmpDir();
    const files = writeCifarDataset(dir, 4, 6);
    const cut = files["test_batch.bin"];
    fs.truncateSync(cut, 3073 * 6 - 100);
    expectDataError(() => readSplit(cifar, [cut], "test"), "test_batch.bin", /not a whole number of 3073-byte records \(5 records and 2973 bytes over\)/);
    fs.writeFileSync(cut, new Uint8Array(0));
    expectDataError(() => readSplit(cifar, [cut], "test"), "test_batch.bin", /empty file/);
    const bytes = fs.readFileSync(files["data_batch_1.bin"]);
    bytes[3073 * 2] = 12;
    fs.writeFileSync(files["data_batch_1.bin"], bytes);
    expectDataError(() => readSplit(cifar, [files["data_batch_1.bin"]], "train"), "data_batch_1.bin", /record 2 has label 12, outside 0..9/);
  });
});

describe("tar", () => {
  it("lists regular members and rejects a truncated archive", () => {
    const archive = tar({ "cifar-10-batches-bin/a.bin": new Uint8Array([1, 2, 3]), "cifar-10-batches-bin/b.txt": Buffer.from("hello") });
    const members = tarMembers(archive, "x.tar");
    expect([...members.keys()]).toEqual(["cifar-10-batches-bin/a.bin", "cifar-10-batches-bin/b.txt"]);
    expect(Buffer.from(members.get("cifar-10-batches-bin/b.txt")!).toString()).toBe("hello");
    expectDataError(() => tarMembers(archive.subarray(0, 600), "x.tar"), "x.tar", /truncated/);
  });
});
