// cnnlab run NOTEBOOK... [--mode quick|full] [--out DIR] [--timeout SECONDS]
// Executes notebooks headless on the tslab kernel; writes the executed .ipynb and an HTML page.
import * as path from "node:path";
import { ensureLibraryBuilt } from "../runner/library-build";
import { type Notebook, NotebookError, sourceText } from "../runner/notebook";
import { PROJECT_ROOT } from "../runner/paths";
import { loadRunnable, type Mode, runNotebookFile } from "../runner/run-file";

const USAGE = "usage: cnnlab run NOTEBOOK... [--mode quick|full] [--out DIR] [--timeout SECONDS]";
const DEFAULT_OUT = path.join(PROJECT_ROOT, "build", "notebooks");
const DEFAULT_CELL_TIMEOUT_SEC = 1800;
/** Cells slower than this get a progress line, so long full-mode runs show signs of life. */
const SLOW_CELL_SEC = 5;

interface RunArgs {
  files: string[];
  mode: Mode;
  outDir: string;
  timeoutSec: number;
}

function parseArgs(args: string[]): RunArgs {
  const files: string[] = [];
  let mode = process.env.CNNLAB_MODE ?? "quick";
  let outDir = DEFAULT_OUT;
  let timeout = String(DEFAULT_CELL_TIMEOUT_SEC);
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith("--") ? args[i].split(/=(.*)/s, 2) : [args[i], undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === "--mode") mode = value();
    else if (flag === "--out") outDir = path.resolve(value());
    else if (flag === "--timeout") timeout = value();
    else if (flag === "-h" || flag === "--help") throw new Error(USAGE);
    else if (flag.startsWith("-")) throw new Error(`unknown option ${flag}\n${USAGE}`);
    else files.push(flag);
  }
  if (files.length === 0) throw new Error(`no notebook given\n${USAGE}`);
  if (mode !== "quick" && mode !== "full") throw new Error(`--mode must be quick or full, not '${mode}'`);
  const timeoutSec = Number(timeout);
  if (!Number.isFinite(timeoutSec) || timeoutSec <= 0) throw new Error(`--timeout must be a positive number of seconds, not '${timeout}'`);
  return { files, mode, outDir, timeoutSec };
}

/** A path as the user would type it: relative when under the current folder. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
}

/** Only notebooks that import the compiled library need kernel-lib/dist to be current. */
function importsLibrary(nb: Notebook): boolean {
  return nb.cells.some((c) => c.cell_type === "code" && /["']cnn-lab["']/.test(sourceText(c)));
}

export async function command(args: string[]): Promise<number> {
  let opts: RunArgs;
  let notebooks: Notebook[];
  try {
    opts = parseArgs(args);
    // Check every notebook before starting anything: bad input fails in a second, not after a run.
    notebooks = opts.files.map((file) => loadRunnable(file));
  } catch (e) {
    console.error(`cnnlab run: ${(e as Error).message}`);
    return 2;
  }
  try {
    if (notebooks.some(importsLibrary)) ensureLibraryBuilt();
  } catch (e) {
    console.error(`cnnlab run: ${(e as Error).message}`);
    return 1;
  }
  let failed = 0;
  for (const file of opts.files) {
    const rel = shown(path.resolve(file));
    try {
      const res = await runNotebookFile(file, {
        outDir: opts.outDir,
        mode: opts.mode,
        cellTimeoutSec: opts.timeoutSec,
        onCell: (index, seconds) => {
          if (seconds >= SLOW_CELL_SEC) console.error(`cnnlab run: ${rel} cells[${index}] took ${seconds.toFixed(1)} s`);
        },
      });
      const written = `${shown(res.notebookPath)}, ${shown(res.htmlPath)}`;
      if (res.failure) {
        const f = res.failure;
        failed++;
        console.error(`cnnlab run: ${rel} cells[${f.index}] (${JSON.stringify(f.firstLine)}) failed: ${f.ename}: ${f.evalue}`);
        console.error(`cnnlab run: partial results written: ${written}`);
      } else {
        console.log(`cnnlab run: ${rel} ok (${opts.mode}, ${res.codeCells} code cells, ${res.seconds.toFixed(1)} s) -> ${written}`);
      }
    } catch (e) {
      failed++;
      const msg = (e as Error).message;
      console.error(`cnnlab run: ${e instanceof NotebookError ? msg : `${rel}: ${msg}`}`);
    }
  }
  return failed === 0 ? 0 : 1;
}
