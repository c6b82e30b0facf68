// tslab reports a failed cell as execute_reply status "error" with no ename/evalue and prints the
// error itself to stderr. This turns that stderr text into a proper nbformat `error` output.
import type { Output } from "./notebook";

type ErrorOutput = Extract<Output, { output_type: "error" }>;

// "TypeError: x is not a function", "Error [ERR_X]: ...", "RangeError: ..."
const THROWN = /^([A-Za-z_$][\w$]*(?:Error|Exception))(?: \[[^\]]+\])?(?::\s?(.*))?$/;
// TypeScript diagnostics as tslab prints them: "3:7 - Type 'string' is not assignable ..."
const DIAGNOSTIC = /^(?:\S+ )?\d+:\d+ - (.*)$/;

// Stack frames of tslab's own machinery (vm, executor, ZeroMQ server): noise below every cell error.
const KERNEL_FRAME = /^\s+at .*(?:\/tslab\/dist\/|\(node:vm:|sigintHandlersWrap|node:internal\/)/;

export function errorFromStderr(stderr: string): ErrorOutput {
  const lines = stderr.replace(/\s+$/, "").split("\n");
  const traceback = lines.length === 1 && lines[0] === "" ? [] : lines.filter((l) => !KERNEL_FRAME.test(l));
  for (const line of lines) {
    const thrown = THROWN.exec(line);
    if (thrown) return { output_type: "error", ename: thrown[1], evalue: thrown[2] ?? "", traceback };
  }
  const diagnostics = lines.map((l) => DIAGNOSTIC.exec(l)?.[1]).filter((m): m is string => m !== undefined);
  if (diagnostics.length > 0) {
    return { output_type: "error", ename: "CompileError", evalue: diagnostics.join("; "), traceback };
  }
  const first = lines.find((l) => l.trim() !== "");
  return {
    output_type: "error",
    ename: "Error",
    evalue: first?.trim() ?? "the kernel reported an error without a message",
    traceback,
  };
}

export function errorOutput(ename: string, evalue: string, traceback: string[] = []): ErrorOutput {
  return { output_type: "error", ename, evalue, traceback };
}
