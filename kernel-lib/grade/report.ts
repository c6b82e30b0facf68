// The grade report: scores per test case and exercise (the JSON `cnnlab grade --json` writes),
// assembled from the declarations and what vitest reported, and its text table.
import type { ExerciseDeclaration } from "./declarations";
import type { FileOutcome } from "./run-vitest";

export interface TestGrade {
  name: string;
  score: number;
  max: number;
  passed: boolean;
  /** Why it failed ("" when passed). */
  message: string;
}

export interface ExerciseGrade {
  id: string;
  score: number;
  max: number;
  tests: TestGrade[];
}

export interface GradeReport {
  total: number;
  max: number;
  exercises: ExerciseGrade[];
}

const MESSAGE_LIMIT = 500;

/** One readable line: no colour codes, whitespace collapsed, bounded length. */
export function cleanMessage(text: string): string {
  // eslint-disable-next-line no-control-regex
  // Colour codes and the box drawing of code frames (as in vite's parse errors) read badly on one line.
  const plain = text.replace(/\u001b\[[0-9;]*m/g, "").replace(/[\u2500-\u257f]/g, " ").replace(/\s+/g, " ").trim();
  return plain.length > MESSAGE_LIMIT ? `${plain.slice(0, MESSAGE_LIMIT - 3)}...` : plain;
}

function whyNoResult(outcome: FileOutcome | undefined, timeoutMs: number): string {
  if (!outcome) return "not run";
  if (outcome.status === "timed-out") {
    return `timed out: the exercise's tests did not finish within ${timeoutMs / 1000} s (an infinite loop?), so the grader stopped them`;
  }
  if (outcome.errors.length > 0) return `the test file failed: ${outcome.errors[0]}`;
  return "did not run (skipped, or the test file stopped before reaching it)";
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** Scores every declared test: full points if vitest reported it passed, else 0 with the reason. */
export function assembleReport(
  exercises: readonly ExerciseDeclaration[],
  outcomes: ReadonlyMap<string, FileOutcome>,
  fileTimeoutMs: number,
): GradeReport {
  const graded = exercises.map((ex): ExerciseGrade => {
    const tests = ex.tests.map((decl): TestGrade => {
      const outcome = outcomes.get(decl.file);
      const result = outcome?.cases.get(decl.name);
      const passed = result?.passed === true;
      const message = passed ? "" : cleanMessage(result ? result.message : whyNoResult(outcome, fileTimeoutMs));
      return { name: decl.name, score: passed ? decl.points : 0, max: decl.points, passed, message };
    });
    return { id: ex.id, score: sum(tests.map((t) => t.score)), max: sum(tests.map((t) => t.max)), tests };
  });
  return { total: sum(graded.map((e) => e.score)), max: sum(graded.map((e) => e.max)), exercises: graded };
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 3)}...` : text;
}

/** The table `cnnlab grade` prints: one block per exercise, one row per test, then the total. */
export function formatReport(report: GradeReport, messageWidth = 100): string {
  const nameWidth = Math.min(48, Math.max(4, ...report.exercises.flatMap((e) => e.tests.map((t) => t.name.length))));
  const lines: string[] = [];
  for (const ex of report.exercises) {
    lines.push(`${ex.id}  ${ex.score}/${ex.max}`);
    for (const t of ex.tests) {
      const mark = t.passed ? "PASS" : "FAIL";
      const row = `  ${mark}  ${clip(t.name, nameWidth).padEnd(nameWidth)}  ${`${t.score}/${t.max}`.padStart(5)}`;
      lines.push(t.passed ? row : `${row}  ${clip(t.message, messageWidth)}`);
    }
    lines.push("");
  }
  const pct = report.max > 0 ? ` (${((100 * report.total) / report.max).toFixed(1)}%)` : "";
  lines.push(`Total: ${report.total}/${report.max}${pct}`);
  return lines.join("\n");
}
