// Layer 'grade': grades a submission of the exercises by running the graded tests
// (test/exercises/**/<id>.test.ts) against it; see exercises/README.md.
import * as fs from "node:fs";
import * as path from "node:path";
import { findExercises, GradeSetupError } from "./declarations";
import { assembleReport, type GradeReport } from "./report";
import { runTestFiles } from "./run-vitest";

export { findExercises, parseGradedCalls, GradeSetupError, type ExerciseDeclaration, type GradedDeclaration } from "./declarations";
export { assembleReport, cleanMessage, formatReport, type ExerciseGrade, type GradeReport, type TestGrade } from "./report";

/** The repository root (where test/exercises, exercises/ and solutions/ live). */
export const REPO_ROOT = path.resolve(__dirname, "../..");

export interface GradeOptions {
  /** Directory of the submission's <id>.ts files (default: exercises/ in the repo). */
  submissionDir?: string;
  /** Only these exercise ids (default: all). */
  only?: readonly string[];
  /** Wall-clock limit per exercise test file (default 60 s). */
  fileTimeoutMs?: number;
  /** Where the graded tests are (default: test/exercises in the repo). */
  testsDir?: string;
  repoRoot?: string;
}

export const DEFAULT_FILE_TIMEOUT_MS = 60_000;

/**
 * Grades a submission. Always returns a complete report when grading itself works: a submission
 * that throws, does not compile or never returns scores 0 on the affected tests, with the reason.
 * Throws only when grading cannot happen (no tests, a malformed graded() call, vitest missing).
 */
export async function gradeSubmission(opts: GradeOptions = {}): Promise<GradeReport> {
  const repoRoot = opts.repoRoot ?? REPO_ROOT;
  const submissionDir = path.resolve(opts.submissionDir ?? path.join(repoRoot, "exercises"));
  if (!fs.existsSync(submissionDir) || !fs.statSync(submissionDir).isDirectory()) {
    throw new GradeSetupError(`submission directory ${submissionDir} does not exist`);
  }
  const fileTimeoutMs = opts.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  const exercises = findExercises(opts.testsDir ?? path.join(repoRoot, "test", "exercises"), opts.only);
  const files = exercises.flatMap((e) => e.files);
  const outcomes = await runTestFiles(files, { repoRoot, submissionDir, fileTimeoutMs });
  return assembleReport(exercises, outcomes, fileTimeoutMs);
}
