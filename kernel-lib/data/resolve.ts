// Running the source order: the first source holding a complete copy wins; the steps that can
// fill the cache (rebuild the shared CIFAR-10 copy, download) run only when fetching is allowed.
import * as fs from "fs";
import { type DatasetSpec, DATASET_NAMES, datasetSpec } from "./catalog";
import { type FetchOptions, downloadDataset, downloadsOf, rebuildCifarFromShared } from "./fetch";
import { sharedCifar } from "./paths";
import { type Location, type Skipped, type SourceKind, SOURCE_ORDER, isLocation, locateCache, locateDir, locateFixtures, locateNpm, locateSystem } from "./sources";

export interface ResolveOptions extends FetchOptions {
  /** A folder holding the dataset (default CNNLAB_DATA). */
  dir?: string;
  /** Allow steps that write the cache: rebuild from the shared copy, download (default true; CNNLAB_FETCH=0 turns off). */
  fetch?: boolean;
  /** Use only this source (e.g. "fixtures" in tests). */
  source?: SourceKind;
}

export interface Resolution {
  location: Location;
  skipped: Skipped[];
}

function fetchAllowed(opts: ResolveOptions): boolean {
  if (opts.fetch !== undefined) return opts.fetch;
  return process.env.CNNLAB_FETCH !== "0";
}

function userDir(opts: ResolveOptions): string | undefined {
  const d = opts.dir ?? process.env.CNNLAB_DATA;
  return d && d.trim() ? d.trim() : undefined;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A fetching step that would run (act false): what it would do. */
interface Pending {
  kind: SourceKind;
  pending: string;
}

/** One step of the order; with `act` false a fetching step only says what it would do. */
async function step(kind: SourceKind, spec: DatasetSpec, opts: ResolveOptions, act: boolean): Promise<Location | Skipped | Pending> {
  switch (kind) {
    case "dir": {
      const dir = userDir(opts);
      return dir ? locateDir(spec, dir) : { kind, reason: "no folder given (option dir or CNNLAB_DATA)" };
    }
    case "cache":
      return locateCache(spec);
    case "system": {
      const found = locateSystem(spec);
      if (isLocation(found) || spec.name !== "cifar10" || !fs.existsSync(sharedCifar().archive) || !fetchAllowed(opts)) return found;
      if (!act) return { kind, pending: `rebuild from ${sharedCifar().archive} into the cache on first load` };
      try {
        return await rebuildCifarFromShared(spec, opts);
      } catch (err) {
        return { kind, reason: `rebuilding from ${sharedCifar().archive} failed: ${reason(err)}` };
      }
    }
    case "npm":
      return locateNpm(spec);
    case "download": {
      const urls = downloadsOf(spec, opts.mirror).map((d) => d.url);
      if (!fetchAllowed(opts)) return { kind, reason: `fetching is off (CNNLAB_FETCH=0 or fetch: false); \`cnnlab data fetch ${spec.name}\` downloads ${urls.join(", ")}` };
      if (!act) return { kind, pending: `download ${urls.join(", ")} into the cache on first load` };
      try {
        return await downloadDataset(spec, downloadsOf(spec, opts.mirror), opts);
      } catch (err) {
        return { kind, reason: reason(err) };
      }
    }
    case "fixtures":
      return locateFixtures(spec);
  }
}

/** The first usable source of `name`, fetching into the cache if allowed and needed. */
export async function resolveSource(name: string, opts: ResolveOptions = {}): Promise<Resolution> {
  const spec = datasetSpec(name);
  const skipped: Skipped[] = [];
  for (const kind of SOURCE_ORDER) {
    if (opts.source && kind !== opts.source) continue;
    const found = await step(kind, spec, opts, true);
    if (isLocation(found)) return { location: found, skipped };
    if ("reason" in found) skipped.push(found);
  }
  throw new Error(`${spec.name}: no usable source:\n${skipped.map((s) => `  ${s.kind}: ${s.reason}`).join("\n")}`);
}

export interface Availability {
  name: string;
  title: string;
  /** The source load() would use now, or "download"/"system" when it would fetch first; undefined when none. */
  source?: SourceKind;
  path?: string;
  description: string;
  fixture: boolean;
  skipped: Skipped[];
}

/** Per dataset, which source load() would use, without reading data or touching the network. */
export async function availableDatasets(opts: ResolveOptions = {}): Promise<Availability[]> {
  const out: Availability[] = [];
  for (const name of DATASET_NAMES) {
    const spec = datasetSpec(name);
    const skipped: Skipped[] = [];
    let result: Availability = { name, title: spec.title, description: "no usable source", fixture: false, skipped };
    for (const kind of SOURCE_ORDER) {
      if (opts.source && kind !== opts.source) continue;
      const found = await step(kind, spec, opts, false);
      if (isLocation(found)) {
        result = { ...result, source: kind, path: found.dir, description: found.description, fixture: kind === "fixtures" };
        break;
      }
      if ("pending" in found) {
        // a fetching step runs first on load; fixtures remain the fallback if it fails
        result = { ...result, source: kind, description: found.pending };
        break;
      }
      skipped.push(found);
    }
    out.push(result);
  }
  return out;
}
