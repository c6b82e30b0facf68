// Layer 1: which TF.js backend computes, and the kernels it lacks.
import * as tf from "@tensorflow/tfjs";
import { REAL_CANDIDATES } from "./candidates";
import { type BackendInfo, type BackendName, describeBackend, parseBackendName, selectBackend } from "./select";

export * from "./select";
export { listNvidiaGpus } from "./candidates";
export * from "./grad-check";
export { tf };

let current: Promise<BackendInfo> | undefined;

/**
 * Starts the best available backend once per process (CNNLAB_BACKEND=gpu|node|wasm|cpu forces
 * one) and returns what was picked. Later calls return the same answer.
 */
export function initBackend(forced?: BackendName): Promise<BackendInfo> {
  const want = forced ?? parseBackendName(process.env.CNNLAB_BACKEND);
  if (current && !forced) return current;
  current = selectBackend(REAL_CANDIDATES, want);
  current.catch(() => { current = undefined; });
  return current;
}

/** The one short line notebooks print about the backend. */
export async function backendLine(): Promise<string> {
  return describeBackend(await initBackend());
}
