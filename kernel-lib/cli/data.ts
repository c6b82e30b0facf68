// cnnlab data: what each dataset holds and where it comes from; `cnnlab data fetch NAME` fills the cache.
//   cnnlab data                       which source each dataset would use
//   cnnlab data NAME [--json] [--dir DIR] [--no-fetch]
//   cnnlab data fetch NAME [--mirror URL]
import { SPLITS, availableDatasets, datasetSpec, fetchDataset, load, type Dataset, type ResolveOptions } from "../data";

const USAGE = "usage: cnnlab data [NAME [--json] [--dir DIR] [--no-fetch]] | cnnlab data fetch NAME [--mirror URL]";

interface Parsed {
  positional: string[];
  json: boolean;
  opts: ResolveOptions;
}

function parse(args: string[]): Parsed {
  const out: Parsed = { positional: [], json: false, opts: {} };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === "--json") out.json = true;
    else if (a === "--no-fetch") out.opts.fetch = false;
    else if (a === "--dir") out.opts.dir = value();
    else if (a === "--mirror") out.opts.mirror = value();
    else if (a.startsWith("-")) throw new Error(`unknown option ${a}\n${USAGE}`);
    else out.positional.push(a);
  }
  return out;
}

async function listSources(): Promise<number> {
  for (const a of await availableDatasets()) {
    const where = a.source ? `${a.source}: ${a.description}${a.path ? ` (${a.path})` : ""}` : "none";
    console.log(`${a.name.padEnd(14)} ${where}${a.fixture ? "  <- FIXTURES, not the real dataset" : ""}`);
  }
  return 0;
}

async function show(name: string, json: boolean, opts: ResolveOptions): Promise<number> {
  const splits: Dataset[] = [];
  for (const split of SPLITS) splits.push(await load(name, { ...opts, split }));
  const [train] = splits;
  const s = train.source;
  if (json) {
    const out = {
      name: train.name,
      source: s.kind,
      path: s.path,
      description: s.description,
      fixture: s.fixture,
      ...(s.warning ? { warning: s.warning } : {}),
      classNames: train.classNames,
      splits: Object.fromEntries(splits.map((d) => [d.split, { count: d.count, classCounts: d.classCounts(), checksum: d.source.checksum }])),
    };
    console.log(JSON.stringify(out, null, 2));
    return 0;
  }
  console.log(`${train.name}: ${datasetSpec(name).title}, ${train.shape.join("x")} images, classes ${train.classNames.join(", ")}`);
  console.log(`source: ${s.kind}: ${s.description}\npath:   ${s.path}`);
  if (s.warning) console.log(`WARNING: ${s.warning}`);
  for (const d of splits) {
    console.log(`${d.split.padEnd(5)}  ${d.count} records; per class [${d.classCounts().join(", ")}]`);
    console.log(`       checksum ${d.source.checksum}`);
  }
  return 0;
}

export async function command(args: string[]): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parse(args);
  } catch (err) {
    console.error(`cnnlab data: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  const [first, second] = parsed.positional;
  if (!first) return listSources();
  if (first === "fetch") {
    if (!second) {
      console.error(`cnnlab data fetch: which dataset?\n${USAGE}`);
      return 2;
    }
    const loc = await fetchDataset(second, parsed.opts);
    console.log(`${datasetSpec(second).name}: cached in ${loc.dir} (${loc.description})`);
    return 0;
  }
  return show(first, parsed.json, parsed.opts);
}
