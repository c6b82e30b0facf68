// Where the project keeps its data: the repo root (found from this file, whether it runs from
// the TypeScript sources or from the compiled dist/), the cache, the fixtures, the shared copies.
import * as fs from "fs";
import * as path from "path";

let root: string | undefined;

/** The repository root: the nearest folder above this module holding kernel-lib/ and datasets/. */
export function repoRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "kernel-lib")) && fs.existsSync(path.join(dir, "datasets"))) return (root = dir);
    if (path.dirname(dir) === dir) throw new Error(`cnn-lab: no repository root (a folder with kernel-lib/ and datasets/) above ${__dirname}`);
  }
}

/** The dataset cache: CNNLAB_CACHE, else datasets/cache in the repository. */
export function cacheDir(): string {
  const env = process.env.CNNLAB_CACHE;
  return env && env.trim() ? path.resolve(env.trim()) : path.join(repoRoot(), "datasets", "cache");
}

/** The small datasets committed for quick mode and tests. */
export function fixturesDir(): string {
  return path.join(repoRoot(), "datasets", "fixtures");
}

/** The course's shared CIFAR-10 JPEG copy and the script that rebuilds the binary batches from it. */
export function sharedCifar(): { archive: string; script: string } {
  const dir = path.join(repoRoot(), "..", "shared", "datasets", "cifar10");
  return { archive: path.join(dir, "cifar10-jpeg.tar.gz"), script: path.join(dir, "make-binary.sh") };
}
