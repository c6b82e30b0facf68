// Reading members out of an (uncompressed) tar archive held in one buffer: enough of ustar and
// GNU tar for the official CIFAR-10 archive (regular files, long names, pax headers skipped).
import { DataFileError } from "./errors";

function text(block: Uint8Array, from: number, length: number): string {
  const bytes = block.subarray(from, from + length);
  const end = bytes.indexOf(0);
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString("utf8");
}

function octal(block: Uint8Array, from: number, length: number, archive: string): number {
  const s = text(block, from, length).trim();
  if (!/^[0-7]*$/.test(s)) throw new DataFileError(archive, `corrupt tar header: size field '${s}' is not octal`);
  return s === "" ? 0 : parseInt(s, 8);
}

/** Regular files in the archive: path -> a view of its bytes. */
export function tarMembers(tar: Uint8Array, archive: string): Map<string, Uint8Array> {
  const members = new Map<string, Uint8Array>();
  let longName: string | undefined;
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) return members; // end-of-archive block
    const size = octal(header, 124, 12, archive);
    const type = String.fromCharCode(header[156] || 0x30);
    const prefix = text(header, 257, 6).startsWith("ustar") ? text(header, 345, 155) : "";
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    const start = at + 512;
    if (start + size > tar.length) throw new DataFileError(archive, `truncated: member ${name} needs ${size} bytes, the archive ends ${tar.length - start} bytes later`);
    const body = tar.subarray(start, start + size);
    longName = undefined;
    if (type === "L") longName = text(body, 0, body.length);
    else if (type === "0" || type === "7") members.set(name.replace(/^\.\//, ""), body);
    at = start + Math.ceil(size / 512) * 512;
  }
  throw new DataFileError(archive, "truncated: no end-of-archive block");
}
