// The CIFAR-10 binary batches: records of 1 label byte + 3072 pixel bytes stored as planes
// (1024 R, 1024 G, 1024 B, each 32x32 row-major), 10000 records a file, no header.
import * as fs from "fs";
import { DataFileError, errorCode } from "./errors";

export const CIFAR_SIDE = 32;
const PLANE = CIFAR_SIDE * CIFAR_SIDE;
export const CIFAR_PIXELS = 3 * PLANE;
export const CIFAR_RECORD = 1 + CIFAR_PIXELS;

/** Number of records in a batch file, from its size; throws on a size that is not whole records. */
export function cifarRecordCount(file: string): number {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (err) {
    throw new DataFileError(file, `cannot read (${errorCode(err)})`);
  }
  if (size === 0) throw new DataFileError(file, "empty file: a CIFAR-10 batch holds 3073-byte records");
  if (size % CIFAR_RECORD !== 0) {
    throw new DataFileError(file, `truncated or not a CIFAR-10 batch: ${size} bytes is not a whole number of ${CIFAR_RECORD}-byte records (${Math.floor(size / CIFAR_RECORD)} records and ${size % CIFAR_RECORD} bytes over)`);
  }
  return size / CIFAR_RECORD;
}

/**
 * Decodes the records of `bytes` into `images` (NHWC, 3072 bytes a record) and `labels`, starting
 * at record `at`. Labels must be below `numClasses`. Returns the number of records decoded.
 */
export function decodeCifarBatch(bytes: Uint8Array, file: string, numClasses: number, images: Uint8Array, labels: Uint8Array, at: number): number {
  if (bytes.length % CIFAR_RECORD !== 0) {
    throw new DataFileError(file, `truncated or not a CIFAR-10 batch: ${bytes.length} bytes is not a whole number of ${CIFAR_RECORD}-byte records`);
  }
  const n = bytes.length / CIFAR_RECORD;
  if (at + n > labels.length) throw new DataFileError(file, `holds ${n} records, more than the ${labels.length - at} expected`);
  for (let r = 0; r < n; r++) {
    const src = r * CIFAR_RECORD;
    const label = bytes[src];
    if (label >= numClasses) {
      throw new DataFileError(file, `record ${r} has label ${label}, outside 0..${numClasses - 1}`);
    }
    labels[at + r] = label;
    // planes (R..., G..., B...) -> interleaved pixels (RGB RGB ...)
    let dst = (at + r) * CIFAR_PIXELS;
    const red = src + 1;
    for (let p = 0; p < PLANE; p++) {
      images[dst++] = bytes[red + p];
      images[dst++] = bytes[red + PLANE + p];
      images[dst++] = bytes[red + 2 * PLANE + p];
    }
  }
  return n;
}

/** The inverse: NHWC pixels + labels -> batch file bytes; used to write fixtures. */
export function encodeCifarBatch(images: Uint8Array, labels: Uint8Array): Uint8Array {
  const out = new Uint8Array(labels.length * CIFAR_RECORD);
  for (let r = 0; r < labels.length; r++) {
    const dst = r * CIFAR_RECORD;
    out[dst] = labels[r];
    const src = r * CIFAR_PIXELS;
    for (let p = 0; p < PLANE; p++) {
      out[dst + 1 + p] = images[src + 3 * p];
      out[dst + 1 + PLANE + p] = images[src + 3 * p + 1];
      out[dst + 1 + 2 * PLANE + p] = images[src + 3 * p + 2];
    }
  }
  return out;
}
