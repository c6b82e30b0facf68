// The .ipynb file (nbformat 4): reading with clear errors, the TypeScript-kernel check, writing.
import * as fs from "node:fs";
import type { JsonObject } from "./wire";

export type MimeBundle = Record<string, unknown>;

export type Output =
  | { output_type: "stream"; name: string; text: string }
  | { output_type: "display_data"; data: MimeBundle; metadata: JsonObject }
  | { output_type: "execute_result"; data: MimeBundle; metadata: JsonObject; execution_count: number | null }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: string | string[];
  metadata: JsonObject;
  outputs?: Output[];
  execution_count?: number | null;
  attachments?: JsonObject;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: JsonObject;
  cells: Cell[];
}

/** Bad input: the message names the file and what is wrong with it. */
export class NotebookError extends Error {}

export function sourceText(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** The first non-blank source line, shortened: how a cell is named in messages. */
export function firstLine(cell: Cell): string {
  const line = sourceText(cell).split("\n").find((l) => l.trim() !== "")?.trim() ?? "(empty cell)";
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

export function readNotebook(file: string): Notebook {
  if (!fs.existsSync(file)) throw new NotebookError(`${file}: no such file`);
  if (!fs.statSync(file).isFile()) throw new NotebookError(`${file}: not a file`);
  let nb: Notebook;
  try {
    nb = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new NotebookError(`${file}: not a notebook (invalid JSON: ${(e as Error).message})`);
  }
  if (typeof nb !== "object" || nb === null || !Array.isArray(nb.cells)) {
    throw new NotebookError(`${file}: not a notebook (no "cells" array)`);
  }
  if (nb.nbformat !== 4) throw new NotebookError(`${file}: nbformat ${nb.nbformat} is not supported (need 4)`);
  return nb;
}

/** Throws unless the notebook is meant for the tslab (TypeScript) kernel. */
export function checkTypeScriptKernel(nb: Notebook, file: string): void {
  const spec = (nb.metadata?.kernelspec ?? {}) as { name?: string; language?: string };
  const lang = ((nb.metadata?.language_info ?? {}) as { name?: string }).name ?? spec.language;
  if (spec.name === "tslab" || (spec.name === undefined && lang === "typescript")) return;
  const what = spec.name ? `kernel '${spec.name}'${lang ? ` (${lang})` : ""}` : lang ? `language '${lang}'` : "no kernelspec";
  throw new NotebookError(`${file}: written for ${what}, not TypeScript; cnnlab runs only tslab notebooks (metadata.kernelspec.name "tslab")`);
}

/** A copy ready to execute: outputs cleared, nbformat 4.5 (every cell has an id). */
export function freshCopy(nb: Notebook): Notebook {
  const ids = new Set<string>();
  const cells = nb.cells.map((cell, i): Cell => {
    let id = typeof cell.id === "string" && /^[a-zA-Z0-9-_]{1,64}$/.test(cell.id) && !ids.has(cell.id) ? cell.id : `cell-${i}`;
    while (ids.has(id)) id += "-";
    ids.add(id);
    const copy: Cell = { ...cell, id, source: sourceText(cell), metadata: { ...cell.metadata } };
    if (cell.cell_type === "code") {
      copy.outputs = [];
      copy.execution_count = null;
    }
    return copy;
  });
  return { ...nb, nbformat: 4, nbformat_minor: 5, metadata: { ...nb.metadata }, cells };
}

export function writeNotebook(file: string, nb: Notebook): void {
  fs.writeFileSync(file, `${JSON.stringify(nb, null, 1)}\n`);
}
