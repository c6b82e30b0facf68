// Tables from row objects or a nodejs-polars DataFrame: HTML for the notebook, aligned text
// for the terminal.
import { escapeHtml, formatValue } from "./format";
import { display, type MimeBundle } from "./publish";

export type Row = Record<string, unknown>;

/**
 * What we need from a nodejs-polars DataFrame (typed structurally so that this module does
 * not load polars' native binding).
 */
export interface DataFrameLike {
  readonly columns: string[];
  readonly height: number;
  head(n: number): { toRecords(): Row[] };
}

export interface TableOptions {
  caption?: string;
  /** Columns to show, in order (default: the DataFrame's columns, or every key in first-seen order). */
  columns?: string[];
  /** Significant digits for numbers (default 4). */
  digits?: number;
  /** Rows shown before the rest is summarised as "… N more rows" (default 50). */
  maxRows?: number;
}

export function isDataFrame(x: unknown): x is DataFrameLike {
  const df = x as Partial<DataFrameLike> | null;
  return typeof df === "object" && df !== null && Array.isArray(df.columns) && typeof df.height === "number" && typeof df.head === "function";
}

interface TableData {
  columns: string[];
  cells: string[][];
  numeric: boolean[];
  hidden: number;
}

function tableData(source: Row[] | DataFrameLike, opts: TableOptions): TableData {
  const maxRows = opts.maxRows ?? 50;
  let rows: Row[];
  let total: number;
  let columns: string[];
  if (isDataFrame(source)) {
    rows = source.head(maxRows).toRecords();
    total = source.height;
    columns = opts.columns ?? source.columns;
  } else if (Array.isArray(source)) {
    rows = source.slice(0, maxRows);
    total = source.length;
    const seen = new Set<string>();
    for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
    columns = opts.columns ?? [...seen];
  } else {
    throw new TypeError(`display.table: expected an array of row objects or a polars DataFrame, got ${typeof source}`);
  }
  const cells = rows.map((r) => columns.map((c) => formatValue(r[c], opts.digits)));
  // Numbers line up on the right, as in a spreadsheet.
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => r[c] == null || typeof r[c] === "number" || typeof r[c] === "bigint"));
  return { columns, cells, numeric, hidden: total - rows.length };
}

function htmlTable(t: TableData, caption: string | undefined): string {
  const align = (i: number) => (t.numeric[i] ? ' style="text-align:right"' : ' style="text-align:left"');
  const head = t.columns.map((c, i) => `<th${align(i)}>${escapeHtml(c)}</th>`).join("");
  const body = t.cells.map((row) => `<tr>${row.map((v, i) => `<td${align(i)}>${escapeHtml(v)}</td>`).join("")}</tr>`).join("\n");
  const more = t.hidden > 0 ? `\n<tr><td colspan="${t.columns.length}">… ${t.hidden} more rows</td></tr>` : "";
  const cap = caption ? `<caption>${escapeHtml(caption)}</caption>` : "";
  return `<table class="cnnlab-table">${cap}\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}${more}\n</tbody>\n</table>`;
}

function textTable(t: TableData, caption: string | undefined): string {
  const widths = t.columns.map((c, i) => Math.max(c.length, ...t.cells.map((r) => r[i].length)));
  const pad = (v: string, i: number) => (t.numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]));
  const line = (cells: string[]) => cells.map(pad).join("  ").trimEnd();
  const lines = [line(t.columns), widths.map((w) => "-".repeat(w)).join("  "), ...t.cells.map(line)];
  if (t.hidden > 0) lines.push(`… ${t.hidden} more rows`);
  if (caption) lines.unshift(caption);
  return lines.join("\n");
}

/** The MIME bundle (text/html + text/plain) of a table. */
export function tableBundle(source: Row[] | DataFrameLike, opts: TableOptions = {}): MimeBundle {
  const t = tableData(source, opts);
  return { "text/plain": textTable(t, opts.caption), "text/html": htmlTable(t, opts.caption) };
}

/** Shows rows (array of objects) or a polars DataFrame as a table. */
export function table(source: Row[] | DataFrameLike, opts: TableOptions = {}): void {
  display(tableBundle(source, opts));
}
