// Notebooks import the compiled kernel-lib (kernel-lib/dist): rebuild it before a run when any of
// its sources changed, so a notebook never runs yesterday's library.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { KERNEL_LIB, PROJECT_ROOT } from "./paths";

const DIST = path.join(KERNEL_LIB, "dist");
const BUILD_INFO = path.join(DIST, ".tsbuildinfo");

function* tsSources(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== DIST && entry.name !== "node_modules") yield* tsSources(full);
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
      yield full;
    }
  }
}

/** The first kernel-lib source newer than the last build, or "no build yet"; undefined when up to date. */
export function staleReason(): string | undefined {
  if (!fs.existsSync(BUILD_INFO)) return "kernel-lib/dist has not been built";
  const built = fs.statSync(BUILD_INFO).mtimeMs;
  for (const file of tsSources(KERNEL_LIB)) {
    if (fs.statSync(file).mtimeMs > built) return `${path.relative(PROJECT_ROOT, file)} changed`;
  }
  return undefined;
}

/** Runs `npm run build` (incremental) when kernel-lib/dist is older than its sources. */
export function ensureLibraryBuilt(log: (line: string) => void = console.error): void {
  const reason = staleReason();
  if (!reason) return;
  log(`cnnlab: ${reason}: rebuilding kernel-lib (npm run build)`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const res = spawnSync(npm, ["run", "--silent", "build"], { cwd: PROJECT_ROOT, stdio: ["ignore", "inherit", "inherit"] });
  if (res.error || res.status !== 0) {
    throw new Error(`npm run build failed (${res.error ? res.error.message : `exit code ${res.status}`}): notebooks would run a stale kernel-lib/dist`);
  }
  // tsc leaves .tsbuildinfo alone when nothing it compiles changed (e.g. only cli/ was edited):
  // mark the build as current so the next run does not rebuild again.
  if (fs.existsSync(BUILD_INFO)) {
    const now = new Date();
    fs.utimesSync(BUILD_INFO, now, now);
  }
}
