// The real loaders behind each backend name. Each throws a one-line reason when it cannot start.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import type { ActivatedBackend, BackendCandidate } from "./select";
import { registerWasmGradKernels } from "./wasm-grad-kernels";
import { registerWasmFastMatMul } from "./wasm-matmul";

function packageVersion(name: string): string | undefined {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return undefined;
  }
}

function versions(...extra: string[]): Record<string, string> {
  const out: Record<string, string> = { node: process.version };
  for (const name of ["@tensorflow/tfjs-core", ...extra]) {
    const v = packageVersion(name);
    if (v) out[name] = v;
  }
  return out;
}

/** Names of the NVIDIA GPUs the driver sees; empty without a driver. */
export function listNvidiaGpus(): string[] {
  try {
    const out = execFileSync("nvidia-smi", ["-L"], { encoding: "utf8", timeout: 5000, stdio: ["ignore", "pipe", "ignore"] });
    return out.split("\n").map((l) => l.trim()).filter((l) => l.startsWith("GPU "));
  } catch {
    return [];
  }
}

async function activate(tfBackend: string): Promise<void> {
  const ok = await tf.setBackend(tfBackend);
  if (!ok) throw new Error(`tf.setBackend('${tfBackend}') failed`);
  await tf.ready();
}

// tfjs-node(-gpu) registers the "tensorflow" backend into the shared @tensorflow/tfjs-core
// when required; its native binding is missing when its install step could not download
// libtensorflow, and requiring it then throws.
function requireNative(pkg: string): void {
  require(pkg);
  if (!tf.findBackend("tensorflow")) throw new Error(`${pkg} loaded but registered no 'tensorflow' backend`);
}

export const gpuCandidate: BackendCandidate = {
  name: "gpu",
  async activate(): Promise<ActivatedBackend> {
    // Kept only when it really runs on a GPU: tfjs-node-gpu silently computes on the CPU
    // when CUDA is missing, so a visible NVIDIA device is required as well.
    const gpus = listNvidiaGpus();
    if (gpus.length === 0) throw new Error("no NVIDIA GPU visible (nvidia-smi -L lists none)");
    try {
      requireNative("@tensorflow/tfjs-node-gpu");
    } catch (err) {
      throw new Error(`@tensorflow/tfjs-node-gpu is not usable (${(err as Error).message.split("\n")[0]}); run npm run setup:gpu`);
    }
    await activate("tensorflow");
    return { tfBackend: "tensorflow", device: gpus[0], versions: versions("@tensorflow/tfjs-node-gpu") };
  },
};

export const nodeCandidate: BackendCandidate = {
  name: "node",
  async activate(): Promise<ActivatedBackend> {
    try {
      requireNative("@tensorflow/tfjs-node");
    } catch (err) {
      throw new Error(`@tensorflow/tfjs-node is not usable (${(err as Error).message.split("\n")[0]})`);
    }
    await activate("tensorflow");
    return { tfBackend: "tensorflow", device: "CPU (libtensorflow)", versions: versions("@tensorflow/tfjs-node") };
  },
};

export const wasmCandidate: BackendCandidate = {
  name: "wasm",
  async activate(): Promise<ActivatedBackend> {
    const wasm = require("@tensorflow/tfjs-backend-wasm") as typeof import("@tensorflow/tfjs-backend-wasm");
    // The threaded build needs a Worker from a blob: URL, which Node refuses (ERR_WORKER_PATH).
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    const dist = path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + path.sep;
    if (!fs.existsSync(path.join(dist, "tfjs-backend-wasm-simd.wasm"))) throw new Error(`no .wasm files in ${dist}`);
    wasm.setWasmPaths(dist);
    registerWasmGradKernels();
    registerWasmFastMatMul();
    await activate("wasm");
    const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
    return {
      tfBackend: "wasm",
      device: `CPU (WebAssembly${simd ? " SIMD" : ""}, 1 thread)`,
      versions: versions("@tensorflow/tfjs-backend-wasm"),
    };
  },
};

export const cpuCandidate: BackendCandidate = {
  name: "cpu",
  async activate(): Promise<ActivatedBackend> {
    await activate("cpu");
    return { tfBackend: "cpu", device: "CPU (plain JavaScript, slow: toy tensors only)", versions: versions() };
  },
};

export const REAL_CANDIDATES: readonly BackendCandidate[] = [gpuCandidate, nodeCandidate, wasmCandidate, cpuCandidate];
