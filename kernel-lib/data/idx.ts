// IDX, the format of MNIST and Fashion-MNIST: magic 00 00 TYPE RANK, RANK big-endian uint32
// dimensions, then the elements. Only unsigned bytes (type 0x08) occur in image/label files.
import { readMaybeGzip } from "./bytes";
import { DataFileError } from "./errors";

export interface IdxArray {
  dims: number[];
  /** A view on the file's bytes, no copy. */
  data: Uint8Array;
}

const IDX_TYPE_NAMES: Record<number, string> = {
  0x08: "unsigned byte",
  0x09: "signed byte",
  0x0b: "int16",
  0x0c: "int32",
  0x0d: "float32",
  0x0e: "float64",
};

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Parses IDX bytes; `rank` is the number of dimensions the caller needs (3 images, 1 labels). */
export function parseIdx(bytes: Uint8Array, file: string, rank: number): IdxArray {
  if (bytes.length < 4) throw new DataFileError(file, `truncated: ${bytes.length} bytes, less than the 4-byte IDX magic number`);
  const magic = `0x${hex(bytes.subarray(0, 4))}`;
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DataFileError(file, `not an IDX file: magic number ${magic} should start with two zero bytes`);
  }
  if (bytes[2] !== 0x08) {
    const kind = IDX_TYPE_NAMES[bytes[2]] ?? "unknown";
    throw new DataFileError(file, `magic number ${magic} declares element type 0x${bytes[2].toString(16)} (${kind}); image and label files hold unsigned bytes (0x08)`);
  }
  if (bytes[3] !== rank) {
    throw new DataFileError(file, `magic number ${magic} declares ${bytes[3]} dimensions, expected ${rank} (${rank === 1 ? "labels" : "images N x rows x columns"})`);
  }
  const header = 4 + 4 * rank;
  if (bytes.length < header) throw new DataFileError(file, `truncated: ${bytes.length} bytes, the header alone needs ${header}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, header);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const size = dims.reduce((a, b) => a * b, 1);
  const body = bytes.length - header;
  if (body < size) {
    throw new DataFileError(file, `truncated: the header declares ${dims.join(" x ")} = ${size} bytes of data, the file holds ${body}`);
  }
  if (body > size) {
    throw new DataFileError(file, `${body - size} unexpected bytes after the ${dims.join(" x ")} data the header declares`);
  }
  return { dims, data: bytes.subarray(header) };
}

/** Reads an IDX file, raw or gzip-compressed. */
export function readIdx(file: string, rank: number): IdxArray {
  return parseIdx(readMaybeGzip(file), file, rank);
}

/** The bytes of an IDX file holding `data` with `dims` (uncompressed); used to write fixtures. */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + data.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, header);
  return out;
}
