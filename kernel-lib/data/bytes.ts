// Whole-file reads into one buffer (no arrays of numbers) and file checksums.
import { createHash } from "crypto";
import * as fs from "fs";
import * as zlib from "zlib";
import { DataFileError, errorCode } from "./errors";

/** True when the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Reads a file whole; a gzip file (by its magic number, whatever its name) is decompressed. */
export function readMaybeGzip(file: string): Uint8Array {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (err) {
    throw new DataFileError(file, `cannot read (${errorCode(err)})`);
  }
  if (!isGzip(raw)) return raw;
  // gzip's trailer holds the uncompressed size (mod 2^32): one output buffer of that size
  // avoids zlib's chunk list and the copy that joins it (peak memory stays near the data size)
  const size = raw.length >= 18 ? raw.readUInt32LE(raw.length - 4) : 0;
  // (a damaged trailer can claim anything: deflate never expands more than ~1032:1)
  const chunkSize = Math.min(Math.max(size, 64 * 1024), raw.length * 1032, 1 << 30);
  try {
    return zlib.gunzipSync(raw, { chunkSize });
  } catch (err) {
    throw new DataFileError(file, `corrupt gzip data (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Hex digest of a file, read in 1 MiB blocks so large files cost no memory. */
export function hashFile(file: string, algorithm: "sha256" | "md5" = "sha256"): string {
  const hash = createHash(algorithm);
  const block = Buffer.allocUnsafe(1 << 20);
  const fd = fs.openSync(file, "r");
  try {
    for (;;) {
      const n = fs.readSync(fd, block, 0, block.length, null);
      if (n === 0) break;
      hash.update(block.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}
