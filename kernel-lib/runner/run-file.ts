// One notebook file in, the executed .ipynb and its HTML page out (also when a cell fails).
import * as fs from "node:fs";
import * as path from "node:path";
import { type CellFailure, executeNotebook } from "./execute";
import { notebookToHtml } from "./html";
import { checkTypeScriptKernel, type Notebook, readNotebook, writeNotebook } from "./notebook";

export type Mode = "quick" | "full";

export interface RunFileOptions {
  outDir: string;
  mode: Mode;
  cellTimeoutSec: number;
  onCell?: (index: number, seconds: number) => void;
}

export interface RunFileResult {
  notebookPath: string;
  htmlPath: string;
  codeCells: number;
  seconds: number;
  failure?: CellFailure;
}

/** Reads and checks a notebook without running it; throws NotebookError naming the file. */
export function loadRunnable(file: string): Notebook {
  const nb = readNotebook(file);
  checkTypeScriptKernel(nb, file);
  return nb;
}

export async function runNotebookFile(file: string, opts: RunFileOptions): Promise<RunFileResult> {
  const source = loadRunnable(file);
  const name = path.basename(file, ".ipynb");
  fs.mkdirSync(opts.outDir, { recursive: true });
  const notebookPath = path.join(opts.outDir, `${name}.ipynb`);
  const htmlPath = path.join(opts.outDir, `${name}.html`);
  if (path.resolve(notebookPath) === path.resolve(file)) {
    throw new Error(`${file}: --out is the notebook's own folder; refusing to overwrite the source notebook with outputs`);
  }
  const result = await executeNotebook(source, {
    cwd: path.dirname(path.resolve(file)),
    cellTimeoutSec: opts.cellTimeoutSec,
    env: { CNNLAB_MODE: opts.mode },
    onCell: opts.onCell,
  });
  writeNotebook(notebookPath, result.notebook);
  fs.writeFileSync(htmlPath, notebookToHtml(result.notebook, name));
  return {
    notebookPath,
    htmlPath,
    codeCells: source.cells.filter((c) => c.cell_type === "code").length,
    seconds: result.seconds,
    failure: result.failure,
  };
}
