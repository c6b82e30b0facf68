// Benchmark: forward+backward of conv blocks on wasm (with cnn-lab's gradient kernels) vs cpu,
// the three gradient kernels alone, and the two ways to differentiate a dilated convolution.
//
//   npx tsx bench/wasm-kernels.ts            # print the tables
//   npx tsx bench/wasm-kernels.ts --write    # also append them to docs/benchmarks.md
//   options: --iters N (timed repetitions, median reported; default 5)
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../kernel-lib/backend";
import { Rng } from "../kernel-lib/data/random";
import { atrous, dilateFilter } from "../kernel-lib/nn";

type Shape4 = [number, number, number, number];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const ITERS = Number(arg("--iters") ?? 5);
const WRITE = process.argv.includes("--write");

function randomTensor(shape: number[], seed: number): tf.Tensor {
  const rng = new Rng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1)), shape);
}

/**
 * Best wall time (ms) of `iters` runs of `fn`, after a warm-up run if asked; fn must finish its
 * work (dataSync). The minimum, not the median: on a shared machine the other jobs only ever
 * add time, so the fastest run is the closest to the kernel's own cost.
 */
function timeMs(fn: () => void, iters: number, warmUp = true): number {
  if (warmUp) fn();
  let best = Infinity;
  for (let i = 0; i < iters; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** Forward + backward (gradients for the input and every weight) of `block`. */
function fwdBwd(block: (x: tf.Tensor4D, ws: tf.Tensor4D[]) => tf.Tensor, xShape: Shape4, wShapes: Shape4[]): () => void {
  return () => {
    tf.tidy(() => {
      const x = randomTensor(xShape, 1) as tf.Tensor4D;
      const ws = wShapes.map((s, i) => randomTensor(s, 2 + i) as tf.Tensor4D);
      const grads = tf.grads((...args: tf.Tensor[]) => tf.sum(block(args[0] as tf.Tensor4D, args.slice(1) as tf.Tensor4D[])))([x, ...ws]);
      for (const g of grads) g.dataSync();
    });
  };
}

interface BlockCase {
  name: string;
  run: () => void;
  cpuIters: number;
}

const BLOCKS: BlockCase[] = [
  {
    name: "LeNet block: x[32,28,28,1], conv5x5->6, pool, conv5x5->16, pool",
    cpuIters: 3,
    run: fwdBwd((x, [w1, w2]) => {
      const h = tf.maxPool(tf.relu(tf.conv2d(x, w1, 1, "valid")), 2, 2, "valid");
      return tf.maxPool(tf.relu(tf.conv2d(h, w2, 1, "valid")), 2, 2, "valid");
    }, [32, 28, 28, 1], [[5, 5, 1, 6], [5, 5, 6, 16]]),
  },
  {
    name: "VGG block: x[8,32,32,3], conv3x3->16, conv3x3->16, pool",
    cpuIters: 1,
    run: fwdBwd((x, [w1, w2]) => {
      const h = tf.relu(tf.conv2d(x, w1, 1, "same"));
      return tf.maxPool(tf.relu(tf.conv2d(h, w2, 1, "same")), 2, 2, "valid");
    }, [8, 32, 32, 3], [[3, 3, 3, 16], [3, 3, 16, 16]]),
  },
  {
    name: "MobileNet block: x[8,32,32,32], depthwise3x3 (stride 2), pointwise->64",
    cpuIters: 1,
    run: fwdBwd((x, [dw, pw]) => tf.relu(tf.conv2d(tf.relu(tf.depthwiseConv2d(x, dw, 2, "same")), pw, 1, "same")),
      [8, 32, 32, 32], [[3, 3, 32, 1], [1, 1, 32, 64]]),
  },
];

interface KernelCase {
  name: string;
  kernel: string;
  inputs: Record<string, number[]>;
  attrs: Record<string, unknown>;
}

const KERNELS: KernelCase[] = [
  {
    name: "Conv2DBackpropFilter x[8,32,32,16] 3x3->16 same",
    kernel: "Conv2DBackpropFilter",
    inputs: { x: [8, 32, 32, 16], dy: [8, 32, 32, 16] },
    attrs: { strides: [1, 1], pad: "same", dataFormat: "NHWC", filterShape: [3, 3, 16, 16] },
  },
  {
    name: "DepthwiseConv2dNativeBackpropFilter x[8,32,32,32] 3x3 same",
    kernel: "DepthwiseConv2dNativeBackpropFilter",
    inputs: { x: [8, 32, 32, 32], dy: [8, 32, 32, 32] },
    attrs: { strides: [1, 1], pad: "same", dilations: [1, 1], filterShape: [3, 3, 32, 1] },
  },
  {
    name: "DepthwiseConv2dNativeBackpropInput dy[8,16,16,32] 3x3 stride 2 same",
    kernel: "DepthwiseConv2dNativeBackpropInput",
    inputs: { dy: [8, 16, 16, 32], filter: [3, 3, 32, 1] },
    attrs: { strides: [2, 2], pad: "same", dilations: [1, 1], inputShape: [8, 32, 32, 32] },
  },
];

function kernelRun(c: KernelCase): () => void {
  return () => {
    tf.tidy(() => {
      const ins: Record<string, tf.Tensor> = {};
      Object.entries(c.inputs).forEach(([k, shape], i) => (ins[k] = randomTensor(shape, i + 1)));
      (tf.engine().runKernel(c.kernel, ins as unknown as tf.NamedTensorMap, c.attrs as tf.NamedAttrMap) as tf.Tensor).dataSync();
    });
  };
}

function dilatedRun(rate: number, how: "space-to-batch" | "filter dilation"): () => void {
  const x: Shape4 = [8, 32, 32, 16];
  const w: Shape4 = [3, 3, 16, 16];
  return fwdBwd((xs, [ws]) =>
    how === "space-to-batch"
      ? atrous(xs, [rate, rate], [3, 3], "same", (g) => tf.conv2d(g, ws, 1, "valid"))
      : tf.conv2d(xs, dilateFilter(ws, [rate, rate]), 1, "same"), x, [w]);
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

async function main(): Promise<void> {
  // The machine is shared: the 1-minute load average says how much the figures are inflated.
  const loadBefore = os.loadavg()[0];
  await initBackend("wasm");
  const lines: string[] = [];
  const out = (s: string) => {
    lines.push(s);
    console.log(s);
  };

  out("| forward + backward | wasm (ms) | cpu (ms) | speed-up |");
  out("| --- | ---: | ---: | ---: |");
  for (const b of BLOCKS) {
    await tf.setBackend("wasm");
    const wasm = timeMs(b.run, ITERS);
    await tf.setBackend("cpu");
    const cpu = timeMs(b.run, Math.min(ITERS, b.cpuIters), false);
    out(`| ${b.name} | ${fmt(wasm)} | ${fmt(cpu)} | ${(cpu / wasm).toFixed(1)}x |`);
  }
  out("");
  out("| gradient kernel alone | wasm (ms) | cpu (ms) | speed-up |");
  out("| --- | ---: | ---: | ---: |");
  for (const k of KERNELS) {
    await tf.setBackend("wasm");
    const wasm = timeMs(kernelRun(k), ITERS);
    await tf.setBackend("cpu");
    const cpu = timeMs(kernelRun(k), 1, false);
    out(`| ${k.name} | ${fmt(wasm)} | ${fmt(cpu)} | ${(cpu / wasm).toFixed(1)}x |`);
  }
  out("");
  out("| dilated conv x[8,32,32,16] 3x3->16 same, forward + backward on wasm | space-to-batch (ms) | filter dilation (ms) |");
  out("| --- | ---: | ---: |");
  await tf.setBackend("wasm");
  for (const rate of [2, 4]) {
    // Interleaved, so that both see the same machine load.
    let s2b = Infinity;
    let spread = Infinity;
    for (let i = 0; i < ITERS; i++) {
      s2b = Math.min(s2b, timeMs(dilatedRun(rate, "space-to-batch"), 1, i === 0));
      spread = Math.min(spread, timeMs(dilatedRun(rate, "filter dilation"), 1, i === 0));
    }
    out(`| rate ${rate} | ${fmt(s2b)} | ${fmt(spread)} |`);
  }

  if (WRITE) writeSection(loadBefore, lines);
}

/** Replaces this benchmark's section of docs/benchmarks.md (between its markers), or appends it. */
function writeSection(loadBefore: number, lines: string[]): void {
  const file = path.join(__dirname, "..", "docs", "benchmarks.md");
  const begin = "<!-- bench/wasm-kernels.ts: begin -->";
  const end = "<!-- bench/wasm-kernels.ts: end -->";
  const cpuModel = os.cpus()[0]?.model ?? "unknown CPU";
  const section = [
    begin,
    `## WASM gradient kernels (bench/wasm-kernels.ts)`,
    "",
    `Machine: ${os.cpus().length} cores (${cpuModel}), no GPU, Node ${process.version}, TF.js ${tf.version.tfjs}. ` +
      `Date: ${new Date().toISOString().slice(0, 10)}. wasm = tfjs-backend-wasm SIMD, 1 thread. ` +
      `Load average ${loadBefore.toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at end (the machine is shared; ` +
      `figures on an idle machine are lower). wasm: best of ${ITERS} runs after a warm-up; cpu: best of 1-3 runs without warm-up (it is slow).`,
    "",
    ...lines,
    end,
  ].join("\n");
  const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n";
  const i = old.indexOf(begin);
  const j = old.indexOf(end);
  const next = i >= 0 && j > i ? old.slice(0, i) + section + old.slice(j + end.length) : `${old.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
  console.log(`wrote the wasm-kernels section of ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
