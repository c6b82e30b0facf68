// Filling the cache: `cnnlab data fetch NAME`, or the download step of the source order.
// Everything is assembled in <cache>/.partial/ and moved into <cache>/<name>/ in one rename,
// manifest included, so the cache never holds a half-fetched dataset.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { type DatasetSpec, type Download, SPLITS, type Split, datasetSpec } from "./catalog";
import { hashFile } from "./bytes";
import { downloadFile, ensureWritableDir, type Progress, progressBar } from "./download";
import { DataFileError, errorCode } from "./errors";
import { readManifest, writeManifest } from "./manifest";
import { cacheDir, sharedCifar } from "./paths";
import { readSplit } from "./read";
import { type Location, filesIn, isLocation, locateCache } from "./sources";
import { tarMembers } from "./tar";

export interface FetchOptions {
  /** A mirror of the official files laid out as MIRROR/<dataset>/<file> (default CNNLAB_MIRROR). */
  mirror?: string;
  /** Progress reporter per file (default: a progress bar on stderr). */
  progress?: (file: string) => Progress;
  /** Status lines (default: stderr). */
  log?: (line: string) => void;
}

function partialRoot(): string {
  return path.join(cacheDir(), ".partial");
}

/** The downloads of a dataset, from the official locations or a mirror. */
export function downloadsOf(spec: DatasetSpec, mirror = process.env.CNNLAB_MIRROR): Download[] {
  if (!mirror || !mirror.trim()) return spec.downloads;
  const base = mirror.trim().replace(/\/*$/, "/");
  return spec.downloads.map((d) => ({ ...d, url: `${base}${spec.name}/${d.file}` }));
}

function makeStaging(spec: DatasetSpec): string {
  ensureWritableDir(partialRoot());
  const dir = fs.mkdtempSync(path.join(partialRoot(), `${spec.name}.staging-`));
  fs.chmodSync(dir, 0o755); // mkdtemp makes it private; the cache entry is for every user
  return dir;
}

/** Checks the staged files by reading them whole, writes the manifest, moves them into the cache. */
function commit(spec: DatasetSpec, staging: string, origin: string): Location {
  const files = filesIn(spec, staging);
  if ("missing" in files) throw new DataFileError(files.missing, `missing after the fetch of ${spec.name}`);
  const counts = {} as Record<Split, number>;
  const sums: Record<string, string> = {};
  for (const split of SPLITS) {
    counts[split] = readSplit(spec, files[split], split).count;
    for (const f of files[split]) sums[path.relative(staging, f)] = hashFile(f);
  }
  writeManifest(staging, { dataset: spec.name, origin, files: sums, counts });
  const final = path.join(cacheDir(), spec.name);
  const old = `${staging}.old`;
  if (fs.existsSync(final)) fs.renameSync(final, old);
  try {
    fs.renameSync(staging, final);
  } catch (err) {
    // another process (a parallel notebook run) installed the same dataset first: keep its copy
    const code = errorCode(err);
    if (!((code === "ENOTEMPTY" || code === "EEXIST") && readManifest(final))) throw err;
  }
  fs.rmSync(old, { recursive: true, force: true });
  const loc = locateCache(spec);
  if (!isLocation(loc)) throw new Error(`${spec.name}: the cache entry just written is unusable: ${loc.reason}`);
  return loc;
}

/** Runs `work` in a fresh staging folder, removed whatever happens (a commit has moved it away). */
async function staged(spec: DatasetSpec, work: (staging: string) => Promise<Location>): Promise<Location> {
  const staging = makeStaging(spec);
  try {
    return await work(staging);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Downloads `downloads` (the official files, or others for tests), verifies each SHA-256, and
 * installs the dataset into the cache. Interrupted transfers resume on the next call.
 */
export function downloadDataset(spec: DatasetSpec, downloads: Download[], opts: FetchOptions = {}): Promise<Location> {
  const log = opts.log ?? ((line: string) => process.stderr.write(line + "\n"));
  const progress = opts.progress ?? ((file: string) => progressBar(`${spec.name} ${file}`));
  return staged(spec, async (staging) => {
    const partDir = path.join(partialRoot(), spec.name);
    for (const d of downloads) {
      log(`${spec.name}: downloading ${d.url}`);
      await downloadFile(d.url, path.join(staging, d.file), { sha256: d.sha256, partDir, onProgress: progress(d.file) });
    }
    if (spec.layout.format === "cifar-binary") {
      // one archive: keep the batch files of cifar-10-batches-bin/, drop the archive
      for (const d of downloads) {
        const archive = path.join(staging, d.file);
        let tar: Uint8Array;
        try {
          tar = zlib.gunzipSync(fs.readFileSync(archive));
        } catch (err) {
          throw new DataFileError(d.url, `corrupt gzip data (${err instanceof Error ? err.message : String(err)})`);
        }
        for (const [name, bytes] of tarMembers(tar, d.url)) {
          if (path.dirname(name) === spec.layout.folder) fs.writeFileSync(path.join(staging, path.basename(name)), bytes);
        }
        fs.rmSync(archive);
      }
    }
    return commit(spec, staging, `downloaded from ${downloads.map((d) => d.url).join(", ")}`);
  });
}

/** CIFAR-10 from the course's JPEG copy, rebuilt in the official binary layout by its script. */
export function rebuildCifarFromShared(spec: DatasetSpec, opts: FetchOptions = {}): Promise<Location> {
  const log = opts.log ?? ((line: string) => process.stderr.write(line + "\n"));
  const { archive, script } = sharedCifar();
  if (!fs.existsSync(archive) || !fs.existsSync(script)) throw new Error(`no shared CIFAR-10 copy at ${archive}`);
  return staged(spec, async (staging) => {
    log(`cifar10: rebuilding the binary batches from ${archive} (make-binary.sh, about 20 s)`);
    const run = spawnSync("bash", [script, staging], { encoding: "utf8", maxBuffer: 16 << 20 });
    if (run.status !== 0) {
      throw new Error(`${script} failed (exit ${run.status ?? run.signal}): ${(run.stderr || run.stdout || "").trim().split("\n").slice(-3).join(" | ")}`);
    }
    const built = path.join(staging, "cifar-10-batches-bin");
    for (const f of fs.readdirSync(built)) fs.renameSync(path.join(built, f), path.join(staging, f));
    fs.rmdirSync(built);
    return commit(spec, staging, `rebuilt by make-binary.sh from the course's JPEG copy ${archive} (a JPEG re-encoding: pixels differ slightly from the official release)`);
  });
}

/** Fills the cache for `name`: from the shared CIFAR-10 copy when present, else by download. */
export function fetchDataset(name: string, opts: FetchOptions = {}): Promise<Location> {
  const spec = datasetSpec(name);
  if (spec.name === "cifar10" && !opts.mirror && !process.env.CNNLAB_MIRROR && fs.existsSync(sharedCifar().archive)) {
    return rebuildCifarFromShared(spec, opts);
  }
  return downloadDataset(spec, downloadsOf(spec, opts.mirror), opts);
}
