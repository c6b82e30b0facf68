// load(name, {split, limit, seed}): the one way notebooks, training and tests get a dataset.
import * as path from "path";
import { type Split, datasetSpec } from "./catalog";
import { hashFile } from "./bytes";
import { Dataset, type SourceReport } from "./dataset";
import { DataFileError } from "./errors";
import { readSplit } from "./read";
import { type ResolveOptions, resolveSource } from "./resolve";
import { sampleIndices } from "./random";
import type { Location, Skipped } from "./sources";

export interface LoadOptions extends ResolveOptions {
  /** Default "train". */
  split?: Split;
  /** Keep this many records: a seeded random sample, in file order. Default: all. */
  limit?: number;
  /** Seed of the `limit` sample and the default shuffle seed of batches(). Default 0. */
  seed?: number;
  /** Check the files against their reference checksums (default true). */
  verify?: boolean;
}

/**
 * Checks each file with a reference checksum. A mismatch is an error, except in a user's own
 * folder, where a recompressed copy of the official file is reported but accepted.
 */
export function verifyChecksums(location: Location, files: string[]): string {
  const verified: string[] = [];
  const differs: string[] = [];
  const unchecked: string[] = [];
  for (const file of files) {
    const ref = location.references[file];
    if (!ref) {
      unchecked.push(path.basename(file));
      continue;
    }
    const actual = hashFile(file, ref.algorithm);
    if (actual === ref.hex) verified.push(`${path.basename(file)} (${ref.algorithm}, ${ref.from})`);
    else if (location.strictChecksums) throw new DataFileError(file, `checksum mismatch: ${ref.algorithm} ${actual}, expected ${ref.hex} (${ref.from})`);
    else differs.push(`${path.basename(file)} differs from the ${ref.from} (a recompressed or modified copy; format and counts checked)`);
  }
  const parts: string[] = [];
  if (verified.length) parts.push(`verified: ${verified.join(", ")}`);
  if (differs.length) parts.push(`differs: ${differs.join(", ")}`);
  if (unchecked.length) parts.push(`not checked: no reference checksum for ${unchecked.join(", ")} (format and counts checked)`);
  return parts.join("; ");
}

function fixtureWarning(name: string, count: number, skipped: Skipped[]): string {
  return `${name}: using the bundled FIXTURES (${count} records), NOT the real dataset, because ${skipped.map((s) => `${s.kind}: ${s.reason}`).join("; ")}`;
}

const warned = new Set<string>();

/** Loads one split of `mnist`, `fashion-mnist` or `cifar10` from the first usable source. */
export async function load(name: string, opts: LoadOptions = {}): Promise<Dataset> {
  const spec = datasetSpec(name);
  const split = opts.split ?? "train";
  if (split !== "train" && split !== "test") throw new Error(`load(${name}): split must be 'train' or 'test', got '${split}'`);
  const seed = opts.seed ?? 0;
  const { location, skipped } = await resolveSource(spec.name, opts);
  const files = location.files[split];
  const checksum = opts.verify === false ? "not checked (verify: false)" : verifyChecksums(location, files);
  let { images, labels } = readSplit(spec, files, split, location.counts?.[split]);
  if (opts.limit !== undefined) {
    if (!Number.isInteger(opts.limit) || opts.limit < 1) throw new Error(`load(${name}): limit must be a positive integer, got ${opts.limit}`);
    if (opts.limit < labels.length) {
      const keep = sampleIndices(labels.length, opts.limit, seed);
      const per = spec.shape[0] * spec.shape[1] * spec.shape[2];
      const subImages = new Uint8Array(keep.length * per);
      const subLabels = new Uint8Array(keep.length);
      keep.forEach((r, i) => {
        subImages.set(images.subarray(r * per, (r + 1) * per), i * per);
        subLabels[i] = labels[r];
      });
      images = subImages;
      labels = subLabels;
    }
  }
  const fixture = location.kind === "fixtures";
  const report: SourceReport = { kind: location.kind, path: location.dir, description: location.description, files, checksum, fixture, skipped };
  if (fixture) {
    report.warning = fixtureWarning(spec.name, labels.length, skipped);
    if (!warned.has(spec.name) && opts.source !== "fixtures") {
      warned.add(spec.name);
      process.stderr.write(`WARNING: ${report.warning}\n`);
    }
  }
  return new Dataset(spec.name, split, images, labels, spec.shape, spec.classNames, report, seed);
}
