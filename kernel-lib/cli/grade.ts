// cnnlab grade [--submission DIR] [--json FILE] [--exercise ID]... [--timeout SECONDS]
// Exit code 0 whenever grading completed, whatever the score; 1 when grading itself failed; 2 on bad usage.
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_FILE_TIMEOUT_MS, formatReport, gradeSubmission } from "../grade";

const USAGE = `usage: cnnlab grade [--submission DIR] [--json FILE] [--exercise ID]... [--timeout SECONDS]
  --submission DIR   the directory with your <id>.ts answers (default: exercises/)
  --json FILE        also write the report as JSON
  --exercise ID      grade only this exercise (repeatable), e.g. --exercise 03-conv-output-size
  --timeout SECONDS  wall-clock limit per exercise before its tests are stopped (default ${DEFAULT_FILE_TIMEOUT_MS / 1000})`;

interface GradeArgs {
  submission?: string;
  json?: string;
  only: string[];
  timeoutMs?: number;
}

function parseArgs(args: string[]): GradeArgs {
  const out: GradeArgs = { only: [] };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === "--submission") out.submission = value();
    else if (flag === "--json") out.json = value();
    else if (flag === "--exercise") out.only.push(value());
    else if (flag === "--timeout") {
      const v = value();
      const seconds = Number(v);
      if (!(seconds > 0)) throw new Error(`--timeout must be a positive number of seconds, got '${v}'`);
      out.timeoutMs = seconds * 1000;
    } else throw new Error(`unknown option '${flag}'`);
  }
  return out;
}

export async function command(args: string[]): Promise<number> {
  if (args.includes("-h") || args.includes("--help")) {
    console.log(USAGE);
    return 0;
  }
  let parsed: GradeArgs;
  try {
    parsed = parseArgs(args);
  } catch (err) {
    console.error(`cnnlab grade: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const report = await gradeSubmission({
      submissionDir: parsed.submission && path.resolve(parsed.submission),
      only: parsed.only,
      fileTimeoutMs: parsed.timeoutMs,
    });
    console.log(formatReport(report));
    if (parsed.json) {
      fs.mkdirSync(path.dirname(path.resolve(parsed.json)), { recursive: true });
      fs.writeFileSync(parsed.json, `${JSON.stringify(report, null, 2)}\n`);
    }
    return 0;
  } catch (err) {
    console.error(`cnnlab grade: ${(err as Error).message}`);
    return 1;
  }
}
