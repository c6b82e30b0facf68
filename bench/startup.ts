// Start-up cost of a course notebook: a fresh tslab kernel until it is ready, plus the first cell
// every notebook has (`import * as lab from "cnn-lab"; await lab.initBackend()`). Target: <= 3 s.
//
//   npx tsx bench/startup.ts [--runs N] [--write]
//
// A second series splits the first cell into parts (tslab's first compile, loading TF.js, the rest
// of cnn-lab, backend init) to show where the time goes. --write puts the figures into
// docs/benchmarks.md (its own section, replaced on each write).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { KernelClient } from "../kernel-lib/runner/kernel-client";
import { PROJECT_ROOT } from "../kernel-lib/runner/paths";
import type { Message } from "../kernel-lib/runner/wire";

const NOTEBOOKS = path.join(PROJECT_ROOT, "notebooks");
const DOC = path.join(PROJECT_ROOT, "docs", "benchmarks.md");
const BEGIN = "<!-- bench/startup.ts: begin -->";
const END = "<!-- bench/startup.ts: end -->";
const CELL_TIMEOUT_MS = 180_000;

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const WRITE = args.includes("--write");

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sec = (ms: number) => (ms / 1000).toFixed(2);

/** CPU time (user + system, ms) the kernel process has used so far: unlike wall time, barely moved by other load. */
function cpuMs(kernel: KernelClient): number {
  const stat = fs.readFileSync(`/proc/${kernel.pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Runs a cell and returns its wall time (ms) and stdout; throws with the cell's stderr if it fails. */
async function timed(kernel: KernelClient, code: string): Promise<{ ms: number; cpu: number; stdout: string }> {
  const cpu0 = cpuMs(kernel);
  let stdout = "";
  let stderr = "";
  const t0 = performance.now();
  const outcome = await kernel.execute(code, CELL_TIMEOUT_MS, (m: Message) => {
    if (m.header.msg_type !== "stream") return;
    if (m.content.name === "stdout") stdout += String(m.content.text);
    else stderr += String(m.content.text);
  });
  const ms = performance.now() - t0;
  if (outcome.status !== "ok") throw new Error(`cell ${JSON.stringify(code)} ended with ${outcome.status}: ${stderr.trim()}`);
  return { ms, cpu: cpuMs(kernel) - cpu0, stdout };
}

async function withKernel<T>(fn: (k: KernelClient, ready: { ms: number; cpu: number }) => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const kernel = await KernelClient.start({ cwd: NOTEBOOKS, env: { CNNLAB_MODE: "quick" } });
  try {
    return await fn(kernel, { ms: performance.now() - t0, cpu: cpuMs(kernel) });
  } finally {
    await kernel.shutdown();
  }
}

interface Headline { ready: number; firstCell: number; total: number; cpu: number; backend: string }
interface Part { ms: number; cpu: number }
interface Parts { ready: Part; trivial: Part; tfjs: Part; tfjsInside: number; lab: Part; init: Part }

async function headline(): Promise<Headline> {
  return withKernel(async (k, ready) => {
    const cell = await timed(k, 'import * as lab from "cnn-lab";\nconsole.log(await lab.backendLine());');
    return { ready: ready.ms, firstCell: cell.ms, total: ready.ms + cell.ms, cpu: ready.cpu + cell.cpu, backend: cell.stdout.trim() };
  });
}

async function parts(): Promise<Parts> {
  return withKernel(async (k, ready) => {
    const trivial = await timed(k, "1");
    const tfjs = await timed(k, 'const t0 = performance.now();\nrequire("@tensorflow/tfjs");\nconsole.log(performance.now() - t0);');
    const lab = await timed(k, 'import * as lab from "cnn-lab";');
    const init = await timed(k, "await lab.initBackend();");
    return { ready, trivial, tfjs, tfjsInside: Number(tfjs.stdout.trim()), lab, init };
  });
}

interface ParseCost { group: string; files: number; kb: number; cpuMs: number }

/**
 * What tslab's TypeScript must parse for the first cell: the program of a cell that imports
 * cnn-lab (tslab's options: lib es2022, skipLibCheck, default @types roots), per package, with the
 * CPU time of parsing + binding each package's files (second pass, so JIT warm-up is not counted).
 */
function parseCost(): ParseCost[] {
  const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [path.join(PROJECT_ROOT, "node_modules", "tslab")] }));
  const probe = path.join(NOTEBOOKS, "__startup_probe__.ts"); // never written: served from memory
  const options = {
    module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Node10, esModuleInterop: true,
    target: ts.ScriptTarget.ES2022, lib: ["lib.es2022.d.ts"], skipLibCheck: true, resolveJsonModule: true,
    typeRoots: ts.getDefaultTypeRoots(NOTEBOOKS, ts.sys),
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f: string) => f === probe || fileExists.call(host, f);
  host.readFile = (f: string) => (f === probe ? 'import * as lab from "cnn-lab";' : readFile.call(host, f));
  host.getSourceFile = (f: string, v: unknown, ...rest: unknown[]) =>
    f === probe ? ts.createSourceFile(f, 'import * as lab from "cnn-lab";', ts.ScriptTarget.ES2022) : getSourceFile.call(host, f, v, ...rest);
  const program = ts.createProgram([probe], options, host);
  const groups = new Map<string, { name: string; text: string }[]>();
  for (const sf of program.getSourceFiles() as { fileName: string; text: string }[]) {
    if (sf.fileName === probe) continue;
    const rel = path.relative(path.join(PROJECT_ROOT, "node_modules"), sf.fileName);
    const parts = rel.split(path.sep);
    const group = rel.startsWith("..") ? path.relative(PROJECT_ROOT, sf.fileName).split(path.sep).slice(0, 2).join("/") : parts.slice(0, parts[0].startsWith("@") ? 2 : 1).join("/");
    groups.set(group, [...(groups.get(group) ?? []), { name: sf.fileName, text: sf.text }]);
  }
  const parseAll = (files: { name: string; text: string }[]) => {
    for (const f of files) ts.createSourceFile(f.name, f.text, ts.ScriptTarget.ES2022, true);
  };
  for (const files of groups.values()) parseAll(files); // warm-up pass
  return [...groups.entries()].map(([group, files]) => {
    const c0 = process.cpuUsage();
    parseAll(files);
    const c = process.cpuUsage(c0);
    return { group, files: files.length, kb: files.reduce((n, f) => n + f.text.length, 0) / 1024, cpuMs: (c.user + c.system) / 1000 };
  }).sort((a, b) => b.cpuMs - a.cpuMs);
}

function writeSection(section: string): void {
  fs.mkdirSync(path.dirname(DOC), { recursive: true });
  const old = fs.existsSync(DOC) ? fs.readFileSync(DOC, "utf8") : "# Benchmarks\n";
  const block = `${BEGIN}\n${section.trim()}\n${END}`;
  const at = old.indexOf(BEGIN);
  const next = at >= 0 ? old.slice(0, at) + block + old.slice(old.indexOf(END) + END.length) : `${old.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(DOC, next);
}

async function main(): Promise<void> {
  const load = os.loadavg()[0];
  const heads: Headline[] = [];
  for (let i = 0; i < RUNS; i++) {
    const h = await headline();
    heads.push(h);
    console.error(`run ${i + 1}/${RUNS}: ready ${sec(h.ready)} s + first cell ${sec(h.firstCell)} s = ${sec(h.total)} s`);
  }
  const split: Parts[] = [];
  for (let i = 0; i < Math.max(1, Math.ceil(RUNS / 2)); i++) split.push(await parts());
  const parse = parseCost();
  const parseTotal = parse.reduce((n, p) => n + p.cpuMs, 0);
  const m = (f: (p: Parts) => number) => sec(median(split.map(f)));
  const row = (label: string, f: (p: Parts) => Part) => `| ${label} | ${m((p) => f(p).ms)} s | ${m((p) => f(p).cpu)} s |`;
  const total = median(heads.map((h) => h.total));
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const section = [
    "## Notebook start-up (bench/startup.ts)",
    "",
    `Machine: ${os.cpus().length} cores (${cpu}), no GPU, ${Math.round(os.totalmem() / 2 ** 30)} GiB; node ${process.version}. ` +
      `Date: ${new Date().toISOString().slice(0, 10)}. Load average when started: ${load.toFixed(1)} (the machine is shared; figures are wall-clock).`,
    "",
    `A fresh tslab kernel (cwd notebooks/) until ready, then the first cell \`import * as lab from "cnn-lab"; await lab.backendLine()\`. ${RUNS} runs, median. Target: 3 s.`,
    "",
    "| | median | min | max |",
    "|---|---|---|---|",
    ...([["kernel ready", (h: Headline) => h.ready], ["first cell", (h: Headline) => h.firstCell], ["**total**", (h: Headline) => h.total], ["kernel CPU time (user + sys)", (h: Headline) => h.cpu]] as const).map(
      ([label, f]) => `| ${label} | ${sec(median(heads.map(f)))} s | ${sec(Math.min(...heads.map(f)))} s | ${sec(Math.max(...heads.map(f)))} s |`,
    ),
    "",
    `Backend: ${heads[0].backend}. Total ${total <= 3000 ? "meets" : "misses"} the 3 s target (${sec(total)} s).`,
    "",
    `Where the time goes (first cell split into cells, ${split.length} runs, median):`,
    "",
    "| part | wall | kernel CPU |",
    "|---|---|---|",
    row("kernel ready (node + tslab + its TypeScript compiler warm-up)", (p) => p.ready),
    row("first trivial cell `1` (tslab's first compile)", (p) => p.trivial),
    row(`\`require("@tensorflow/tfjs")\` (the require itself: ${m((p) => p.tfjsInside)} s; the rest is compiling the cell)`, (p) => p.tfjs),
    row('`import * as lab from "cnn-lab"` (type-checking cnn-lab\'s declarations, loading its modules)', (p) => p.lab),
    row("`await lab.initBackend()`", (p) => p.init),
    "",
    `Declaration files tslab's TypeScript parses for that first cell (${parse.reduce((n, p) => n + p.files, 0)} files; parse CPU ${sec(parseTotal)} s in all, largest first):`,
    "",
    "| package | files | KB | parse CPU |",
    "|---|---|---|---|",
    ...parse.slice(0, 10).map((p) => `| ${p.group} | ${p.files} | ${p.kb.toFixed(0)} | ${p.cpuMs.toFixed(0)} ms |`),
  ].join("\n");
  console.log(section);
  if (WRITE) {
    writeSection(section);
    console.error(`written to ${path.relative(process.cwd(), DOC)}`);
  }
}

main().catch((e) => {
  console.error(`bench/startup: ${(e as Error).message}`);
  process.exitCode = 1;
});
