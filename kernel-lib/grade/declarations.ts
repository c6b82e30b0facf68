// What a grading run is worth, read from the graded test files WITHOUT running them, so that the
// maximum is known even when a file cannot load or never finishes: every `graded("name", points, ...)`
// call, with a literal name and a literal number of points.
import * as fs from "node:fs";
import * as path from "node:path";
import type * as TS from "@tslab/typescript-for-tslab";

/** One graded test case as declared. */
export interface GradedDeclaration {
  name: string;
  points: number;
  /** Absolute path of the test file. */
  file: string;
  line: number;
}

/** An exercise: all graded tests of `<id>.test.ts` files (visible ones and, if present, hidden/ ones). */
export interface ExerciseDeclaration {
  id: string;
  files: string[];
  tests: GradedDeclaration[];
}

export class GradeSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GradeSetupError";
  }
}

let typescript: typeof TS | undefined;

// The TypeScript that tslab ships (the project's one compiler), resolved the way scripts/tsc.js does.
function loadTypeScript(): typeof TS {
  if (!typescript) {
    const tslabDir = path.dirname(require.resolve("tslab/package.json"));
    typescript = require(require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] })) as typeof TS;
  }
  return typescript;
}

/** The graded() calls of one test file. */
export function parseGradedCalls(file: string, source = fs.readFileSync(file, "utf8")): GradedDeclaration[] {
  const ts = loadTypeScript();
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: GradedDeclaration[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "graded") {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      const [nameArg, pointsArg] = node.arguments;
      const literalName = nameArg && (ts.isStringLiteral(nameArg) || ts.isNoSubstitutionTemplateLiteral(nameArg));
      if (!literalName || !pointsArg || !ts.isNumericLiteral(pointsArg)) {
        throw new GradeSetupError(
          `${file}:${line}: graded() needs a literal test name and a literal number of points (the grader reads them without running the file)`,
        );
      }
      const points = Number(pointsArg.text);
      if (!(points > 0)) throw new GradeSetupError(`${file}:${line}: graded("${nameArg.text}") must be worth more than 0 points`);
      found.push({ name: nameArg.text, points, file, line });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function listTestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTestFiles(full));
    else if (entry.name.endsWith(".test.ts")) out.push(full);
  }
  return out;
}

/**
 * Every exercise under `testsDir` (recursively: hidden/ tests join the exercise of the same id),
 * sorted by id; `only` keeps the listed ids (and fails on an unknown one).
 */
export function findExercises(testsDir: string, only: readonly string[] = []): ExerciseDeclaration[] {
  if (!fs.existsSync(testsDir)) throw new GradeSetupError(`no graded tests: ${testsDir} does not exist`);
  const byId = new Map<string, ExerciseDeclaration>();
  for (const file of listTestFiles(testsDir).sort()) {
    const id = path.basename(file, ".test.ts");
    const tests = parseGradedCalls(file);
    if (tests.length === 0) throw new GradeSetupError(`${file} declares no graded() tests`);
    const ex = byId.get(id) ?? { id, files: [], tests: [] };
    for (const t of tests) {
      const twin = ex.tests.find((o) => o.name === t.name);
      if (twin) throw new GradeSetupError(`${t.file}:${t.line}: exercise ${id} already has a test named "${t.name}" (${twin.file}:${twin.line})`);
      ex.tests.push(t);
    }
    ex.files.push(file);
    byId.set(id, ex);
  }
  for (const id of only) {
    if (!byId.has(id)) throw new GradeSetupError(`unknown exercise '${id}': known are ${[...byId.keys()].join(", ")}`);
  }
  return [...byId.values()].filter((e) => only.length === 0 || only.includes(e.id)).sort((a, b) => a.id.localeCompare(b.id));
}
