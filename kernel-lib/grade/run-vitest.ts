// Runs graded test files in a vitest child process, with a hard wall-clock limit per file.
// vitest's own per-test timeout cannot stop a synchronous infinite loop, so when a file runs past
// the limit the whole child (its process group: vitest and its forked workers) is killed, that
// file is marked timed out, and the files that had not finished run again in a fresh child.
import { spawn } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import type { GradeEvent } from "./events";

export interface CaseResult {
  passed: boolean;
  message: string;
}

export interface FileOutcome {
  /** "done": vitest finished the file; "timed-out": killed at the limit; "lost": vitest stopped without reporting it. */
  status: "done" | "timed-out" | "lost";
  /** Results by test name, including those that finished before a time-out. */
  cases: Map<string, CaseResult>;
  /** Errors of the file itself (it failed to load), or why it was lost. */
  errors: string[];
}

export interface RunOptions {
  repoRoot: string;
  /** Absolute directory the graded tests load the submission from (CNNLAB_SUBMISSION). */
  submissionDir: string;
  /** Wall-clock limit per test file, from the moment a worker picks it up. */
  fileTimeoutMs: number;
}

const EVENT_FD = 3;

function vitestEntry(repoRoot: string): string {
  try {
    return path.join(path.dirname(require.resolve("vitest/package.json", { paths: [repoRoot] })), "vitest.mjs");
  } catch {
    throw new Error(`cannot grade: vitest is not installed under ${repoRoot} (run npm install)`);
  }
}

interface Round {
  /** Files vitest finished, or that hit the limit, in this round. */
  settled: Map<string, FileOutcome>;
  /** Whether the round ended because we killed it. */
  killed: boolean;
  exitCode: number | null;
  stderrTail: string;
}

function runRound(files: string[], opts: RunOptions): Promise<Round> {
  const reporter = path.join(__dirname, "vitest-reporter.ts");
  const args = [
    vitestEntry(opts.repoRoot),
    "run",
    "--root", opts.repoRoot,
    "--reporter", reporter,
    "--maxWorkers", String(Math.max(1, os.availableParallelism())),
    // One worker runs several files in turn: TF.js loads once per worker instead of once per file
    // (3x faster). Submissions are separate modules; a file that hangs is still killed on its own clock.
    "--no-isolate",
    ...files,
  ];
  const child = spawn(process.execPath, args, {
    cwd: opts.repoRoot,
    // Its own process group, so that one kill also ends the forked workers.
    detached: true,
    stdio: ["ignore", "ignore", "pipe", "pipe"],
    env: {
      // Not the variables of a vitest run this grader may itself be running in (as in test/lib/grade.test.ts).
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST"))),
      CNNLAB_SUBMISSION: opts.submissionDir,
      CNNLAB_GRADE_EVENT_FD: String(EVENT_FD),
      FORCE_COLOR: "0",
      VITE_CONFIG_NATIVE_IGNORE_WARNING: "true",
      NO_COLOR: "1",
    },
  });
  const killGroup = (): void => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", killGroup);

  const started = new Map<string, number>();
  const live = new Map<string, FileOutcome>();
  const settled = new Map<string, FileOutcome>();
  let killed = false;
  let stderrTail = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
  });
  const outcome = (file: string): FileOutcome => {
    let o = live.get(file);
    if (!o) live.set(file, (o = { status: "done", cases: new Map(), errors: [] }));
    return o;
  };
  readline.createInterface({ input: child.stdio[EVENT_FD] as NodeJS.ReadableStream }).on("line", (line) => {
    let event: GradeEvent;
    try {
      event = JSON.parse(line) as GradeEvent;
    } catch {
      return;
    }
    const file = path.resolve(event.file);
    if (event.type === "start") {
      started.set(file, Date.now());
      outcome(file);
    } else if (event.type === "case") {
      outcome(file).cases.set(event.name, { passed: event.passed, message: event.message });
    } else {
      const o = outcome(file);
      o.errors.push(...event.errors);
      settled.set(file, o);
      started.delete(file);
    }
  });

  const watchdog = setInterval(() => {
    const now = Date.now();
    for (const [file, t0] of started) {
      if (now - t0 > opts.fileTimeoutMs && !settled.has(file)) {
        settled.set(file, { ...outcome(file), status: "timed-out" });
        killed = true;
      }
    }
    if (killed) killGroup();
  }, 100);

  return new Promise((resolve, reject) => {
    child.on("error", (err) => {
      clearInterval(watchdog);
      process.removeListener("exit", killGroup);
      reject(new Error(`could not start vitest: ${err.message}`));
    });
    child.on("close", (code) => {
      clearInterval(watchdog);
      process.removeListener("exit", killGroup);
      resolve({ settled, killed, exitCode: code, stderrTail });
    });
  });
}

/** Runs `files` (absolute paths) and returns what happened to each. */
export async function runTestFiles(files: readonly string[], opts: RunOptions): Promise<Map<string, FileOutcome>> {
  const results = new Map<string, FileOutcome>();
  const crashes = new Map<string, number>();
  let pending = files.map((f) => path.resolve(f));
  while (pending.length > 0) {
    const round = await runRound(pending, opts);
    for (const [file, o] of round.settled) results.set(file, o);
    pending = pending.filter((f) => !results.has(f));
    if (round.killed) continue;
    // vitest ended by itself without reporting these (a worker crashed, e.g. a submission called
    // process.exit): run them once more, then give up on them with vitest's last words.
    const why = `vitest stopped (exit code ${round.exitCode}) before finishing this file: ${round.stderrTail.trim().split("\n").slice(-5).join(" | ")}`;
    for (const f of pending) {
      crashes.set(f, (crashes.get(f) ?? 0) + 1);
      if (crashes.get(f)! > 1) results.set(f, { status: "lost", cases: new Map(), errors: [why] });
    }
    pending = pending.filter((f) => !results.has(f));
  }
  return results;
}
