// Runs a notebook's code cells in order on a fresh tslab kernel and records their outputs the way
// Jupyter would (nbformat 4.5), stopping at the first cell that fails.
import { errorFromStderr, errorOutput } from "./cell-error";
import { describeExit, type ExecuteOutcome, KernelClient } from "./kernel-client";
import { type Cell, firstLine, freshCopy, type MimeBundle, type Notebook, type Output, sourceText } from "./notebook";
import type { JsonObject, Message } from "./wire";

export interface ExecuteOptions {
  /** The kernel's working directory: the notebook's own folder. */
  cwd: string;
  /** Seconds one cell may run before it is interrupted. */
  cellTimeoutSec: number;
  /** Extra environment for the kernel (CNNLAB_MODE, ...). */
  env?: Record<string, string>;
  /** Called after each code cell (index into cells[], seconds it took). */
  onCell?: (index: number, seconds: number, cell: Cell) => void;
}

export interface CellFailure {
  /** Index into the notebook's cells[] (markdown cells count). */
  index: number;
  firstLine: string;
  ename: string;
  evalue: string;
}

export interface ExecuteResult {
  /** The executed copy: outputs of every cell that ran, including the failing one. */
  notebook: Notebook;
  failure?: CellFailure;
  seconds: number;
}

// tslab aborts every request for ~200 ms after a cell fails (its issue #19).
const AFTER_ERROR_MS = 300;

type DisplayOutput = Extract<Output, { output_type: "display_data" | "execute_result" }>;

/** Collects one cell's iopub messages into nbformat outputs. */
class OutputCollector {
  private clearPending = false;

  constructor(
    private readonly cell: Cell & { outputs: Output[] },
    private readonly displays: Map<string, DisplayOutput[]>,
  ) {}

  add(msg: Message): void {
    const c = msg.content;
    switch (msg.header.msg_type) {
      case "stream": this.stream(String(c.name), String(c.text)); break;
      case "display_data": this.display({ output_type: "display_data", data: c.data as MimeBundle, metadata: (c.metadata ?? {}) as JsonObject }, c); break;
      case "execute_result":
        this.display({ output_type: "execute_result", data: c.data as MimeBundle, metadata: (c.metadata ?? {}) as JsonObject, execution_count: (c.execution_count as number) ?? null }, c);
        break;
      case "update_display_data": this.update(c); break;
      case "error": this.push(errorOutput(String(c.ename), String(c.evalue), (c.traceback ?? []) as string[])); break;
      case "clear_output":
        if (c.wait) this.clearPending = true;
        else this.cell.outputs.length = 0;
        break;
      default: break; // execute_input, comm_*: nothing to record
    }
  }

  private push(out: Output): void {
    if (this.clearPending) {
      this.cell.outputs.length = 0;
      this.clearPending = false;
    }
    this.cell.outputs.push(out);
  }

  private stream(name: string, text: string): void {
    const last = this.cell.outputs[this.cell.outputs.length - 1];
    if (!this.clearPending && last?.output_type === "stream" && last.name === name) last.text += text;
    else this.push({ output_type: "stream", name, text });
  }

  private display(out: DisplayOutput, content: JsonObject): void {
    this.push(out);
    const id = (content.transient as { display_id?: string } | undefined)?.display_id;
    if (id) this.displays.set(id, [...(this.displays.get(id) ?? []), out]);
  }

  /** update_display_data replaces, in place, every earlier output carrying the same display_id. */
  private update(content: JsonObject): void {
    const id = (content.transient as { display_id?: string } | undefined)?.display_id;
    for (const out of (id && this.displays.get(id)) || []) {
      out.data = content.data as MimeBundle;
      out.metadata = (content.metadata ?? {}) as JsonObject;
    }
  }

  /** tslab printed the error to stderr: move that text into one `error` output. */
  replaceStderrWithError(extra?: { ename: string; evalue: string }): Extract<Output, { output_type: "error" }> {
    const existing = this.cell.outputs.find((o) => o.output_type === "error");
    if (existing?.output_type === "error" && !extra) return existing;
    const stderr = this.cell.outputs.filter((o) => o.output_type === "stream" && o.name === "stderr").map((o) => (o as { text: string }).text).join("");
    this.cell.outputs = this.cell.outputs.filter((o) => !(o.output_type === "stream" && o.name === "stderr"));
    const parsed = errorFromStderr(stderr);
    const err = extra ? errorOutput(extra.ename, extra.evalue, parsed.traceback) : parsed;
    this.cell.outputs.push(err);
    return err;
  }
}

function failureOf(outcome: ExecuteOutcome, seconds: number, kernelOutput: string): { ename: string; evalue: string; traceback?: string[] } | undefined {
  switch (outcome.status) {
    case "ok": return undefined;
    case "error": return undefined; // described by the cell's own error text
    case "abort": return { ename: "Aborted", evalue: "the kernel aborted the cell (a request raced an earlier error)" };
    case "timeout":
      return {
        ename: "TimeoutError",
        evalue: `cell did not finish within ${seconds} s (interrupted; ${outcome.heartbeat ? "the kernel was waiting on a promise" : "the kernel was busy in synchronous code"})`,
      };
    case "died":
      return { ename: "KernelDied", evalue: `the kernel process ended during this cell (${describeExit(outcome.exit)})`, traceback: kernelOutput ? kernelOutput.split("\n") : [] };
  }
}

export async function executeNotebook(source: Notebook, opts: ExecuteOptions): Promise<ExecuteResult> {
  const started = Date.now();
  const notebook = freshCopy(source);
  const displays = new Map<string, DisplayOutput[]>();
  const kernel = await KernelClient.start({ cwd: opts.cwd, env: opts.env });
  let failure: CellFailure | undefined;
  try {
    for (const [index, cell] of notebook.cells.entries()) {
      if (cell.cell_type !== "code" || sourceText(cell).trim() === "") continue;
      const target = cell as Cell & { outputs: Output[] };
      const collector = new OutputCollector(target, displays);
      const t0 = Date.now();
      const begin = new Date().toISOString();
      const outcome = await kernel.execute(sourceText(cell), opts.cellTimeoutSec * 1000, (m) => collector.add(m));
      const seconds = (Date.now() - t0) / 1000;
      cell.metadata.execution = { "shell.execute_request": begin, "shell.execute_reply": new Date().toISOString() };
      if (outcome.status !== "died" && outcome.executionCount !== undefined) {
        cell.execution_count = outcome.executionCount;
        for (const out of target.outputs) if (out.output_type === "execute_result") out.execution_count = outcome.executionCount;
      }
      opts.onCell?.(index, seconds, cell);
      if (outcome.status === "ok") continue;
      const special = failureOf(outcome, opts.cellTimeoutSec, kernel.processOutput);
      const err = collector.replaceStderrWithError(special);
      if (special?.traceback) err.traceback.push(...special.traceback);
      failure = { index, firstLine: firstLine(cell), ename: err.ename, evalue: err.evalue };
      break;
    }
  } finally {
    if (failure) await new Promise((r) => setTimeout(r, AFTER_ERROR_MS));
    await kernel.shutdown();
  }
  return { notebook, failure, seconds: (Date.now() - started) / 1000 };
}
