// Benchmark: loading the full datasets (both splits, checksums verified) from the sources this
// machine has; time, and resident memory against the raw data size (the decompressed files).
//   npx tsx bench/data-load.ts [mnist|fashion-mnist|cifar10 ...] [--repeats N]
// Each dataset is measured in a fresh process so memory figures do not mix.
import { spawnSync } from "child_process";
import * as os from "os";
import { DATASET_NAMES, SPLITS, load } from "../kernel-lib/data";

interface Result {
  name: string;
  source: string;
  seconds: number[];
  /** CPU seconds (user + system) of each load: what an idle machine's wall time approaches. */
  cpu: number[];
  rawMB: number;
  rssMB: number;
  peakMB: number;
}

async function measure(name: string, repeats: number): Promise<Result> {
  const mb = (n: number) => n / 1e6;
  const baseRss = process.memoryUsage().rss;
  const basePeak = process.resourceUsage().maxRSS * 1024;
  const seconds: number[] = [];
  const cpu: number[] = [];
  let raw = 0;
  let source = "";
  let rss = 0;
  let peak = 0;
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const splits = [];
    for (const split of SPLITS) splits.push(await load(name, { split, fetch: false }));
    seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    if (r === 0) {
      // memory of the first load only: later repeats overlap with garbage not yet collected
      rss = process.memoryUsage().rss - baseRss;
      peak = process.resourceUsage().maxRSS * 1024 - basePeak;
      raw = splits.reduce((a, d) => a + d.images.length + d.labels.length, 0);
      source = `${splits[0].source.kind}: ${splits[0].source.description}`;
    }
  }
  return { name, source, seconds, cpu, rawMB: mb(raw), rssMB: mb(rss), peakMB: mb(Math.max(peak, rss)) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const ri = args.indexOf("--repeats");
  const repeats = ri >= 0 ? Number(args[ri + 1]) : 3;
  const names = args.filter((a, i) => !a.startsWith("--") && (ri < 0 || i !== ri + 1));
  if (process.env.CNNLAB_BENCH_CHILD) {
    console.log(JSON.stringify(await measure(names[0], repeats)));
    return;
  }
  console.log(`data-load benchmark: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  console.log("dataset        best s  median s  best CPU s  raw MB  RSS +MB  peak +MB  peak/raw  source");
  for (const name of names.length ? names : DATASET_NAMES) {
    const run = spawnSync(process.execPath, ["--import", "tsx", __filename, name, "--repeats", String(repeats)], { encoding: "utf8", env: { ...process.env, CNNLAB_BENCH_CHILD: "1" } });
    const line = run.stdout.trim().split("\n").pop() ?? "";
    if (run.status !== 0 || !line.startsWith("{")) {
      console.log(`${name}: failed: ${run.stderr.trim().split("\n").slice(-2).join(" ")}`);
      continue;
    }
    const r = JSON.parse(line) as Result;
    const sorted = [...r.seconds].sort((a, b) => a - b);
    console.log(
      `${r.name.padEnd(14)} ${sorted[0].toFixed(2).padStart(6)}  ${sorted[Math.floor(sorted.length / 2)].toFixed(2).padStart(8)}  ${Math.min(...r.cpu).toFixed(2).padStart(10)}  ${r.rawMB.toFixed(0).padStart(6)}  ${r.rssMB.toFixed(0).padStart(7)}  ${r.peakMB.toFixed(0).padStart(8)}  ${(r.peakMB / r.rawMB).toFixed(2).padStart(8)}  ${r.source}`,
    );
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
