// Reading one split of a located dataset into two flat byte arrays: pixels (NHWC) and labels.
// MNIST-style IDX data is used in place (a view on the file buffer); CIFAR-10 planes are
// interleaved into one preallocated buffer.
import * as fs from "fs";
import { type DatasetSpec, type Split } from "./catalog";
import { CIFAR_PIXELS, CIFAR_SIDE, cifarRecordCount, decodeCifarBatch } from "./cifar-binary";
import { DataFileError, errorCode } from "./errors";
import { readIdx } from "./idx";

export interface SplitBytes {
  /** count x H x W x C bytes, 0..255. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

function checkLabels(labels: Uint8Array, numClasses: number, file: string): void {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= numClasses) throw new DataFileError(file, `record ${i} has label ${labels[i]}, outside 0..${numClasses - 1}`);
  }
}

function readIdxSplit(spec: DatasetSpec, imagesFile: string, labelsFile: string): SplitBytes {
  const images = readIdx(imagesFile, 3);
  const [n, rows, cols] = images.dims;
  const [h, w] = spec.shape;
  if (rows !== h || cols !== w) {
    throw new DataFileError(imagesFile, `wrong dimensions: images are ${rows} x ${cols}, ${spec.name} images are ${h} x ${w}`);
  }
  const labels = readIdx(labelsFile, 1);
  if (labels.dims[0] !== n) {
    throw new DataFileError(labelsFile, `holds ${labels.dims[0]} labels for the ${n} images of ${imagesFile}`);
  }
  checkLabels(labels.data, spec.classNames.length, labelsFile);
  return { images: images.data, labels: labels.data, count: n };
}

function readCifarSplit(spec: DatasetSpec, files: string[]): SplitBytes {
  const counts = files.map(cifarRecordCount);
  const total = counts.reduce((a, b) => a + b, 0);
  if (spec.shape[0] !== CIFAR_SIDE) throw new Error(`${spec.name}: the CIFAR binary reader needs 32 x 32 x 3 images`);
  const images = new Uint8Array(total * CIFAR_PIXELS);
  const labels = new Uint8Array(total);
  let at = 0;
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (err) {
      throw new DataFileError(file, `cannot read (${errorCode(err)})`);
    }
    // a plain Uint8Array view keeps the decode loop monomorphic (Buffer is a subclass)
    at += decodeCifarBatch(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), file, spec.classNames.length, images, labels, at);
  }
  return { images, labels, count: total };
}

/**
 * Reads a split's files and checks them against the format and the dataset: dimensions, label
 * range, and (when `expected` is given) the number of records.
 */
export function readSplit(spec: DatasetSpec, files: string[], split: Split, expected?: number): SplitBytes {
  const data = spec.layout.format === "idx" ? readIdxSplit(spec, files[0], files[1]) : readCifarSplit(spec, files);
  if (expected !== undefined && data.count !== expected) {
    throw new DataFileError(files[0], `the ${split} split holds ${data.count} records, this copy of ${spec.name} should hold ${expected}`);
  }
  return data;
}
