// manifest.json: written last into every cache entry and fixtures folder, it lists each file's
// SHA-256 and the records per split. A folder without one is incomplete and never read.
import * as fs from "fs";
import * as path from "path";
import type { Split } from "./catalog";
import { DataFileError } from "./errors";

export interface Manifest {
  dataset: string;
  /** Where the files came from, in words (URL, package, script). */
  origin: string;
  /** File name (relative to the folder) -> SHA-256. */
  files: Record<string, string>;
  counts: Record<Split, number>;
}

export const MANIFEST = "manifest.json";

/** The manifest in `dir`, undefined when there is none; throws when it is unreadable. */
export function readManifest(dir: string): Manifest | undefined {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) return undefined;
  let m: Manifest;
  try {
    m = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  } catch (err) {
    throw new DataFileError(file, `unreadable manifest (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!m || typeof m.files !== "object" || !m.counts || typeof m.counts.train !== "number" || typeof m.counts.test !== "number") {
    throw new DataFileError(file, "manifest lacks 'files' or 'counts'");
  }
  return m;
}

export function writeManifest(dir: string, m: Manifest): void {
  fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify(m, null, 2) + "\n");
}
