// Test data the data-layer tests write themselves, in the official formats.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { encodeCifarBatch } from "../../kernel-lib/data/cifar-binary";
import { encodeIdx } from "../../kernel-lib/data/idx";

export function tmpDir(tag = "data"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cnnlab-${tag}-`));
}

/** Deterministic pixels: record r, byte j -> (r * 31 + j * 7) mod 256. */
export function pattern(records: number, per: number): Uint8Array {
  const out = new Uint8Array(records * per);
  for (let r = 0; r < records; r++) for (let j = 0; j < per; j++) out[r * per + j] = (r * 31 + j * 7) % 256;
  return out;
}

export function labelsFor(records: number, classes = 10): Uint8Array {
  return Uint8Array.from({ length: records }, (_, i) => (i * 3) % classes);
}

export interface IdxOptions {
  train?: number;
  test?: number;
  gzip?: boolean;
  side?: number;
}

/** MNIST-layout IDX files (train-images-idx3-ubyte[.gz], ...) in `dir`; returns their paths. */
export function writeIdxDataset(dir: string, o: IdxOptions = {}): Record<string, string> {
  const side = o.side ?? 28;
  fs.mkdirSync(dir, { recursive: true });
  const out: Record<string, string> = {};
  for (const [prefix, n] of [["train", o.train ?? 30], ["t10k", o.test ?? 20]] as const) {
    const files = {
      [`${prefix}-images-idx3-ubyte`]: encodeIdx([n, side, side], pattern(n, side * side)),
      [`${prefix}-labels-idx1-ubyte`]: encodeIdx([n], labelsFor(n)),
    };
    for (const [name, bytes] of Object.entries(files)) {
      const file = path.join(dir, o.gzip ? `${name}.gz` : name);
      fs.writeFileSync(file, o.gzip ? zlib.gzipSync(bytes) : bytes);
      out[name] = file;
    }
  }
  return out;
}

/** CIFAR-10 binary batches (data_batch_1..5.bin, test_batch.bin) in `dir`. */
export function writeCifarDataset(dir: string, perFile = 4, testRecords = 6): Record<string, string> {
  fs.mkdirSync(dir, { recursive: true });
  const out: Record<string, string> = {};
  const names = [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`).concat("test_batch.bin");
  names.forEach((name, f) => {
    const n = name === "test_batch.bin" ? testRecords : perFile;
    const images = pattern(n, 3072).map((v) => (v + f) % 256);
    out[name] = path.join(dir, name);
    fs.writeFileSync(out[name], encodeCifarBatch(images, labelsFor(n)));
  });
  return out;
}

/** A ustar archive of the given files (name -> bytes). */
export function tar(files: Record<string, Uint8Array>): Uint8Array {
  const blocks: Buffer[] = [];
  for (const [name, bytes] of Object.entries(files)) {
    const h = Buffer.alloc(512);
    h.write(name, 0, 100, "utf8");
    h.write("0000644\0", 100);
    h.write("0000000\0", 108);
    h.write("0000000\0", 116);
    h.write(bytes.length.toString(8).padStart(11, "0") + "\0", 124);
    h.write("00000000000\0", 136);
    h.write("        ", 148);
    h.write("0", 156);
    h.write("ustar\0" + "00", 257);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    blocks.push(h, Buffer.from(bytes), Buffer.alloc((512 - (bytes.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
