// cnnlab bench [--json] [--backend NAME] [--batches N] [--repeats N]
// Samples/s of a LeNet-5 and an MLP training step at batch 128 on the active backend, through
// lab.train.fit and through a bare TF.js loop doing the same work (gather a shuffled batch,
// optimizer.minimize, one loss read at the end); overhead = bare / fit (best epoch of each), which must stay <= 1.05.
// With Debian's python3-torch, the same steps in PyTorch too (printed, not asserted).
import { execFileSync } from "node:child_process";
import { type BackendName, initBackend, parseBackendName, tf } from "../backend";
import { permutation } from "../data";
import { lenet5, mlp } from "../models";
import { fit } from "../train";

export const MAX_OVERHEAD = 1.05;
const BATCH = 128;

interface Case {
  name: string;
  build: () => tf.LayersModel;
  inputShape: [number, number, number];
  torch: string;
}

const CASES: Case[] = [
  {
    name: "lenet5-modern",
    build: () => lenet5({ variant: "modern", seed: 1 }),
    inputShape: [28, 28, 1],
    torch: "nn.Sequential(nn.Conv2d(1,6,5,padding=2),nn.ReLU(),nn.MaxPool2d(2),nn.Conv2d(6,16,5),nn.ReLU(),nn.MaxPool2d(2),nn.Flatten(),nn.Linear(400,120),nn.ReLU(),nn.Linear(120,84),nn.ReLU(),nn.Linear(84,10))",
  },
  {
    name: "mlp-784-128-64-10",
    build: () => mlp({ inputShape: [28, 28, 1], hidden: [128, 64], seed: 1 }),
    inputShape: [28, 28, 1],
    torch: "nn.Sequential(nn.Flatten(),nn.Linear(784,128),nn.ReLU(),nn.Linear(128,64),nn.ReLU(),nn.Linear(64,10))",
  },
];

export interface BenchCase {
  name: string;
  samplesPerSec: number;
  rawSamplesPerSec: number;
  overhead: number;
  torchSamplesPerSec: number | null;
}

export interface BenchResult {
  backend: string;
  cases: BenchCase[];
}

/** The bare loop: what any TF.js training loop must do per batch, and nothing else. */
function rawEpoch(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor1D, optimizer: tf.Optimizer, seed: number): number {
  const n = x.shape[0];
  const order = permutation(n, seed);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  let last: tf.Scalar | undefined;
  for (let start = 0; start < n; start += BATCH) {
    last?.dispose();
    last = tf.tidy(() => {
      const idx = tf.tensor1d(order.subarray(start, Math.min(start + BATCH, n)), "int32");
      const xb = tf.gather(x, idx);
      const yb = tf.gather(y, idx);
      return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(tf.oneHot(yb, 10), model.apply(xb, { training: true }) as tf.Tensor) as tf.Scalar, true, vars) as tf.Scalar;
    });
  }
  const loss = (last as tf.Scalar).dataSync()[0];
  last?.dispose();
  return loss;
}

function torchSamplesPerSec(c: Case, batches: number): number | null {
  const script = [
    "import time, torch, torch.nn as nn",
    "torch.manual_seed(1); torch.set_num_threads(1)",
    `m = ${c.torch}`,
    "opt = torch.optim.Adam(m.parameters(), 1e-3); lossf = nn.CrossEntropyLoss()",
    `n = ${batches * BATCH}; x = torch.rand(n, ${c.inputShape[2]}, ${c.inputShape[0]}, ${c.inputShape[1]}); y = torch.randint(0, 10, (n,))`,
    "def epoch():",
    "    p = torch.randperm(n)",
    `    for s in range(0, n, ${BATCH}):`,
    `        i = p[s:s+${BATCH}]; opt.zero_grad(); l = lossf(m(x[i]), y[i]); l.backward(); opt.step()`,
    "    return l.item()",
    "epoch(); best = 0",
    "for _ in range(3):",
    "    t = time.perf_counter(); epoch(); best = max(best, n / (time.perf_counter() - t))",
    "print(best)",
  ].join("\n");
  try {
    const out = execFileSync("/usr/bin/python3", ["-c", script], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 600_000 });
    return Number(out.trim());
  } catch {
    return null; // python3-torch not installed (or failed): the comparison is optional
  }
}

/** Times fit and the bare loop on the same model, data and backend, interleaved to share the noise. */
export async function runBench(opts: { batches: number; repeats: number; torch?: boolean }): Promise<BenchResult> {
  const info = await initBackend();
  const cases: BenchCase[] = [];
  for (const c of CASES) {
    const n = opts.batches * BATCH;
    const x = tf.randomUniform([n, ...c.inputShape], 0, 1, "float32", 7);
    const y = tf.tensor1d(Int32Array.from({ length: n }, (_, i) => (i * 7919) % 10), "int32");
    const rawModel = c.build();
    const fitModel = c.build();
    const rawOpt = tf.train.adam(1e-3);
    const fitOpt = tf.train.adam(1e-3);
    rawEpoch(rawModel, x, y, rawOpt, 0); // warm-up: kernels compiled, optimizer state made
    await fit(fitModel, { x, y }, { epochs: 1, batchSize: BATCH, optimizer: fitOpt, monitor: "none", seed: 0 });
    const raw: number[] = [];
    const viaFit: number[] = [];
    const timeRaw = (r: number) => {
      const t = performance.now();
      rawEpoch(rawModel, x, y, rawOpt, r + 1);
      raw.push(n / ((performance.now() - t) / 1000));
    };
    const timeFit = async (r: number) => {
      const t = performance.now();
      await fit(fitModel, { x, y }, { epochs: 1, batchSize: BATCH, optimizer: fitOpt, monitor: "none", seed: r + 1 });
      viaFit.push(n / ((performance.now() - t) / 1000));
    };
    // Alternating which goes first spreads slow spells of a shared machine over both.
    for (let r = 0; r < opts.repeats; r++) {
      if (r % 2 === 0) {
        timeRaw(r);
        await timeFit(r);
      } else {
        await timeFit(r);
        timeRaw(r);
      }
    }
    // Best of the repeats: on a shared machine other jobs only ever slow an epoch down.
    const rawRate = Math.max(...raw);
    const fitRate = Math.max(...viaFit);
    cases.push({ name: c.name, samplesPerSec: fitRate, rawSamplesPerSec: rawRate, overhead: rawRate / fitRate, torchSamplesPerSec: opts.torch === false ? null : torchSamplesPerSec(c, opts.batches) });
    tf.dispose([x, y]);
    rawModel.dispose();
    fitModel.dispose();
    rawOpt.dispose();
    fitOpt.dispose();
  }
  return { backend: info.name, cases };
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith("--")) throw new Error(`cnnlab bench: ${name} needs a value`);
  return v;
}

export async function command(args: string[]): Promise<number> {
  const known = new Set(["--json", "--backend", "--batches", "--repeats", "--no-torch"]);
  for (const a of args) if (a.startsWith("--") && !known.has(a)) throw new Error(`cnnlab bench: unknown option ${a} (known: ${[...known].join(", ")})`);
  const backend = option(args, "--backend");
  if (backend) await initBackend(parseBackendName(backend) as BackendName);
  const batches = Number(option(args, "--batches") ?? 20);
  const repeats = Number(option(args, "--repeats") ?? 5);
  if (!(batches >= 1 && repeats >= 1)) throw new Error("cnnlab bench: --batches and --repeats must be >= 1");
  const result = await runBench({ batches, repeats, torch: !args.includes("--no-torch") });
  if (args.includes("--json")) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`backend: ${result.backend}; batch ${BATCH}, ${batches} batches per epoch, best of ${repeats} epochs`);
    for (const c of result.cases) {
      const torch = c.torchSamplesPerSec === null ? "" : `  pytorch ${Math.round(c.torchSamplesPerSec)} samples/s (fit/pytorch ${(c.samplesPerSec / c.torchSamplesPerSec).toFixed(2)})`;
      console.log(`${c.name.padEnd(18)}  fit ${Math.round(c.samplesPerSec)} samples/s  bare TF.js ${Math.round(c.rawSamplesPerSec)} samples/s  overhead ${c.overhead.toFixed(3)}${torch}`);
    }
  }
  const over = result.cases.filter((c) => c.overhead > MAX_OVERHEAD);
  for (const c of over) console.error(`cnnlab bench: ${c.name}: fit's overhead ${c.overhead.toFixed(3)} exceeds ${MAX_OVERHEAD}`);
  return over.length ? 1 : 0;
}
