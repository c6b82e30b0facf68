// Backend selection as pure logic over candidates, so the order and the forcing rules can be
// tested with fakes (no GPU exists on the course's CI machines).

export type BackendName = "gpu" | "node" | "wasm" | "cpu";

/** The preferred order: fastest first. */
export const BACKEND_ORDER: readonly BackendName[] = ["gpu", "node", "wasm", "cpu"];

/** What a candidate reports once it has loaded and activated its TF.js backend. */
export interface ActivatedBackend {
  /** TF.js's own name for it: "tensorflow", "wasm", "cpu". */
  tfBackend: string;
  /** Where the arithmetic happens, e.g. "GPU 0: NVIDIA A100" or "CPU (WASM SIMD, 1 thread)". */
  device: string;
  /** Version strings worth reporting (package name -> version). */
  versions: Record<string, string>;
}

export interface BackendCandidate {
  name: BackendName;
  /** Loads and activates the backend; throws with a readable reason when it cannot. */
  activate(): Promise<ActivatedBackend>;
}

export interface BackendInfo extends ActivatedBackend {
  name: BackendName;
  /** True when CNNLAB_BACKEND (or an explicit argument) chose it. */
  forced: boolean;
  /** Why each faster candidate was passed over, in order. */
  skipped: { name: BackendName; reason: string }[];
}

export class BackendUnavailableError extends Error {
  constructor(
    readonly backend: BackendName,
    readonly reason: string,
  ) {
    super(`backend '${backend}' was requested but is unavailable: ${reason}`);
    this.name = "BackendUnavailableError";
  }
}

/** Parses CNNLAB_BACKEND; undefined when unset or empty. */
export function parseBackendName(value: string | undefined): BackendName | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const v = value.trim().toLowerCase();
  if ((BACKEND_ORDER as readonly string[]).includes(v)) return v as BackendName;
  throw new Error(`CNNLAB_BACKEND='${value}' is not one of ${BACKEND_ORDER.join(", ")}`);
}

function reasonOf(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split("\n")[0];
}

/**
 * Activates the first candidate that works, in BACKEND_ORDER; with `forced`, only that one,
 * failing loudly if it cannot start.
 */
export async function selectBackend(
  candidates: readonly BackendCandidate[],
  forced?: BackendName,
): Promise<BackendInfo> {
  const byName = new Map(candidates.map((c) => [c.name, c]));
  if (forced) {
    const c = byName.get(forced);
    if (!c) throw new BackendUnavailableError(forced, "no loader is known for it");
    try {
      return { name: forced, forced: true, skipped: [], ...(await c.activate()) };
    } catch (err) {
      throw new BackendUnavailableError(forced, reasonOf(err));
    }
  }
  const skipped: { name: BackendName; reason: string }[] = [];
  for (const name of BACKEND_ORDER) {
    const c = byName.get(name);
    if (!c) continue;
    try {
      return { name, forced: false, skipped, ...(await c.activate()) };
    } catch (err) {
      skipped.push({ name, reason: reasonOf(err) });
    }
  }
  throw new Error(
    `no TF.js backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join("; ")}`,
  );
}

/** One short line for notebooks and logs. */
export function describeBackend(info: BackendInfo): string {
  const how = info.forced ? "forced by CNNLAB_BACKEND" : "auto-selected";
  const tf = info.versions["@tensorflow/tfjs-core"];
  return `backend: ${info.name} (${info.tfBackend}) on ${info.device}, ${how}${tf ? `, tfjs ${tf}` : ""}`;
}
