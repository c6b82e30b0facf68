// What every graded test file uses: `submission()` loads the module being graded and
// `graded()` declares one test case worth some points.
//
// The grader (kernel-lib/grade) reads the points WITHOUT running the file, by parsing the
// graded("name", points, ...) calls: name and points must be literals, names unique per exercise.
import * as path from "node:path";
import { beforeAll, test } from "vitest";

const REPO_ROOT = path.resolve(__dirname, "../..");

/** Per-test limit for slow or stuck async code; synchronous loops are the grader's job (it kills the worker). */
export const DEFAULT_TEST_TIMEOUT_MS = 15_000;

/** Declares a graded test case worth `points`; a failing assertion scores 0 for it. */
export function graded(name: string, points: number, fn: () => void | Promise<void>, timeoutMs = DEFAULT_TEST_TIMEOUT_MS): void {
  if (!(points > 0)) throw new Error(`graded("${name}"): points must be positive, got ${points}`);
  test(name, fn, timeoutMs);
}

/** Where submissions are read from: CNNLAB_SUBMISSION (relative to the repo root or absolute), default solutions/. */
export function submissionDir(): string {
  return path.resolve(REPO_ROOT, process.env.CNNLAB_SUBMISSION ?? "solutions");
}

/**
 * The module `<submission dir>/<id>.ts`, loaded before the file's tests run (in a beforeAll, so
 * collecting the tests never runs submission code). Never throws: a module that fails to load
 * (syntax error, throw at import) or lacks an export yields an object whose exports throw a clear
 * error when a test touches them, so each test fails on its own with that message. Use it as
 * `const sub = submission<typeof import("../../exercises/<id>")>("<id>")`, then `sub.fn(...)`
 * inside the tests (not destructured at the top level: the module is not loaded yet there).
 */
export function submission<T extends object>(id: string): T {
  const file = path.join(submissionDir(), `${id}.ts`);
  const inRepo = path.relative(REPO_ROOT, file);
  const shown = inRepo.startsWith("..") ? file : inRepo;
  let loaded: Record<string, unknown> | undefined;
  let failure: string | undefined;
  beforeAll(async () => {
    try {
      loaded = (await import(file)) as Record<string, unknown>;
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
  });
  return new Proxy({} as T, {
    get(_target, prop) {
      // Symbols come from inspection (e.g. printing the object): they are not exports.
      if (typeof prop === "symbol") return undefined;
      if (failure !== undefined) throw new Error(`${shown} failed to load: ${failure}`);
      if (!loaded) throw new Error(`${shown} is not loaded yet: use its exports inside graded() tests`);
      if (!(prop in loaded)) throw new Error(`${shown} does not export '${prop}'`);
      return loaded[prop];
    },
  });
}
