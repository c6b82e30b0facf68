// A vitest reporter for the grader (loaded by the vitest child process that grade/run-vitest.ts
// starts): streams each file's start, each test result and each file's end as JSON lines on the
// file descriptor named by CNNLAB_GRADE_EVENT_FD, so the grader keeps what finished when it has
// to kill a run that never ends.
import * as fs from "node:fs";
import type { Reporter, TestCase, TestModule } from "vitest/node";
import type { GradeEvent } from "./events";

function errorText(err: { message?: string; name?: string } | undefined): string {
  if (!err) return "failed";
  return err.message ?? err.name ?? "failed";
}

export default class GradeEventReporter implements Reporter {
  private readonly fd: number;

  constructor() {
    const fd = Number(process.env.CNNLAB_GRADE_EVENT_FD);
    if (!Number.isInteger(fd) || fd < 3) {
      throw new Error("kernel-lib/grade/vitest-reporter.ts: CNNLAB_GRADE_EVENT_FD is not set; this reporter is only for `cnnlab grade`");
    }
    this.fd = fd;
  }

  private emit(event: GradeEvent): void {
    fs.writeSync(this.fd, `${JSON.stringify(event)}\n`);
  }

  onTestModuleQueued(module: TestModule): void {
    this.emit({ type: "start", file: module.moduleId });
  }

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result();
    const passed = result.state === "passed";
    const message = passed ? "" : result.state === "skipped" ? "skipped" : errorText(result.errors?.[0]);
    this.emit({ type: "case", file: testCase.module.moduleId, name: testCase.name, passed, message });
  }

  onTestModuleEnd(module: TestModule): void {
    this.emit({ type: "end", file: module.moduleId, errors: module.errors().map((e) => errorText(e)) });
  }
}
