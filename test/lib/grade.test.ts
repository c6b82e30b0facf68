// The grader itself: full marks for solutions/, zero for the untouched exercises/, and a complete
// report (0 and a reason per affected test) for submissions that throw, do not parse or never return.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { command } from "../../kernel-lib/cli/grade";
import { findExercises, gradeSubmission, GradeSetupError, parseGradedCalls, REPO_ROOT, type GradeReport } from "../../kernel-lib/grade";

const TESTS_DIR = path.join(REPO_ROOT, "test", "exercises");
const GRADING_TIMEOUT_MS = 120_000;

function expectReportShape(report: GradeReport): void {
  expect(Object.keys(report).sort()).toEqual(["exercises", "max", "total"]);
  for (const ex of report.exercises) {
    expect(Object.keys(ex).sort()).toEqual(["id", "max", "score", "tests"]);
    for (const t of ex.tests) {
      expect(Object.keys(t).sort()).toEqual(["max", "message", "name", "passed", "score"]);
      expect(typeof t.name).toBe("string");
      expect(typeof t.message).toBe("string");
      expect(t.score === t.max || t.score === 0).toBe(true);
    }
    expect(ex.score).toBe(ex.tests.reduce((a, t) => a + t.score, 0));
    expect(ex.max).toBe(ex.tests.reduce((a, t) => a + t.max, 0));
  }
  expect(report.total).toBe(report.exercises.reduce((a, e) => a + e.score, 0));
  expect(report.max).toBe(report.exercises.reduce((a, e) => a + e.max, 0));
}

/** Every declared test of these exercises is in the report, with its declared points as max. */
function expectComplete(report: GradeReport, only?: string[]): void {
  const declared = findExercises(TESTS_DIR, only);
  expect(report.exercises.map((e) => e.id)).toEqual(declared.map((e) => e.id));
  for (const [i, ex] of declared.entries()) {
    expect(report.exercises[i].tests.map((t) => [t.name, t.max])).toEqual(ex.tests.map((t) => [t.name, t.points]));
  }
}

describe("grading the reference answers and the stubs", () => {
  test("solutions/ scores full marks", async () => {
    const report = await gradeSubmission({ submissionDir: path.join(REPO_ROOT, "solutions") });
    expectReportShape(report);
    expectComplete(report);
    const failed = report.exercises.flatMap((e) => e.tests.filter((t) => !t.passed).map((t) => `${e.id} / ${t.name}: ${t.message}`));
    expect(failed).toEqual([]);
    expect(report.total).toBe(report.max);
    expect(report.max).toBeGreaterThan(0);
  }, GRADING_TIMEOUT_MS);

  test("the untouched exercises/ score zero: every test case fails on the stubs", async () => {
    const report = await gradeSubmission({ submissionDir: path.join(REPO_ROOT, "exercises") });
    expectReportShape(report);
    expectComplete(report);
    const passed = report.exercises.flatMap((e) => e.tests.filter((t) => t.passed).map((t) => `${e.id} / ${t.name}`));
    expect(passed).toEqual([]);
    expect(report.total).toBe(0);
    for (const t of report.exercises.flatMap((e) => e.tests)) expect(t.message).toMatch(/TODO/);
  }, GRADING_TIMEOUT_MS);
});

describe("broken submissions still get a complete report", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cnnlab-grade-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const only = ["02-cross-correlation", "03-conv-output-size", "03-conv-params"];
  // One submission with one fault per exercise: a loop that never returns, a throw at import, a syntax error.
  fs.writeFileSync(
    path.join(dir, "02-cross-correlation.ts"),
    "export function crossCorrelate2d(image: number[][], kernel: number[][], stride = 1): number[][] {\n  for (;;) {}\n}\n",
  );
  fs.writeFileSync(path.join(dir, "03-conv-output-size.ts"), 'throw new Error("broken at import");\nexport const convOutputSize = () => 0;\n');
  fs.writeFileSync(path.join(dir, "03-conv-params.ts"), "export function convParams(: number {\n");

  test("zero with the reason for each affected test, through `cnnlab grade --json` (exit code 0)", async () => {
    const json = path.join(dir, "out", "report.json");
    const code = await command(["--submission", dir, ...only.flatMap((id) => ["--exercise", id]), "--timeout", "6", "--json", json]);
    expect(code).toBe(0);
    const report = JSON.parse(fs.readFileSync(json, "utf8")) as GradeReport;
    expectReportShape(report);
    expectComplete(report, only);
    expect(report.total).toBe(0);
    const messages = (id: string) => report.exercises.find((e) => e.id === id)!.tests.map((t) => t.message);
    for (const m of messages("02-cross-correlation")) expect(m).toMatch(/^timed out: .* 6 s/);
    for (const m of messages("03-conv-output-size")) expect(m).toMatch(/03-conv-output-size\.ts failed to load: broken at import/);
    for (const m of messages("03-conv-params")) expect(m).toMatch(/03-conv-params\.ts failed to load: .*(PARSE_ERROR|Unexpected)/);
  }, GRADING_TIMEOUT_MS);
});

describe("declarations and usage errors", () => {
  test("points are read from graded() calls without running the file", () => {
    const src = 'graded("a", 2, () => {});\ngraded(`b`, 1.5, async () => {});\ntest("plain", () => {});\n';
    expect(parseGradedCalls("x.test.ts", src).map((d) => [d.name, d.points, d.line])).toEqual([["a", 2, 1], ["b", 1.5, 2]]);
  });

  test("a graded() call the grader cannot read statically is a setup error naming the line", () => {
    expect(() => parseGradedCalls("x.test.ts", 'const n = 2;\ngraded("a", n, () => {});\n')).toThrow(GradeSetupError);
    expect(() => parseGradedCalls("x.test.ts", "graded(`case ${1}`, 1, () => {});\n")).toThrow(/x\.test\.ts:1: graded\(\) needs a literal/);
    expect(() => parseGradedCalls("x.test.ts", 'graded("a", 0, () => {});\n')).toThrow(/more than 0 points/);
  });

  test("hidden/ tests join the exercise of the same id; duplicate names are refused", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cnnlab-decl-"));
    try {
      fs.mkdirSync(path.join(dir, "hidden"));
      fs.writeFileSync(path.join(dir, "01-a.test.ts"), 'graded("visible", 2, () => {});\n');
      fs.writeFileSync(path.join(dir, "hidden", "01-a.test.ts"), 'graded("hidden", 3, () => {});\n');
      fs.writeFileSync(path.join(dir, "02-b.test.ts"), 'graded("only", 1, () => {});\n');
      const found = findExercises(dir);
      expect(found.map((e) => [e.id, e.tests.map((t) => `${t.name}:${t.points}`)])).toEqual([["01-a", ["visible:2", "hidden:3"]], ["02-b", ["only:1"]]]);
      expect(findExercises(dir, ["02-b"]).map((e) => e.id)).toEqual(["02-b"]);
      fs.writeFileSync(path.join(dir, "hidden", "01-a.test.ts"), 'graded("visible", 3, () => {});\n');
      expect(() => findExercises(dir)).toThrow(/already has a test named "visible"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("grading failures exit non-zero: unknown exercise, missing submission, bad option", async () => {
    expect(await command(["--exercise", "99-nope"])).toBe(1);
    expect(await command(["--submission", path.join(os.tmpdir(), "cnnlab-no-such-dir")])).toBe(1);
    expect(await command(["--timeout", "soon"])).toBe(2);
  });
});
