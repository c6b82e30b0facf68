// Backend selection: the order and forcing rules with fake candidates (no GPU here), then the
// real loaders for the backends this machine has.
import { afterEach, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import {
  BACKEND_ORDER,
  type BackendCandidate,
  type BackendName,
  BackendUnavailableError,
  describeBackend,
  initBackend,
  listNvidiaGpus,
  parseBackendName,
  selectBackend,
} from "../../kernel-lib/backend";

/** A candidate that either starts or fails with `reason`, and records that it was tried. */
function fake(name: BackendName, reason?: string, tried: BackendName[] = []): BackendCandidate {
  return {
    name,
    async activate() {
      tried.push(name);
      if (reason) throw new Error(`${reason}\nsecond line that must not be reported`);
      return { tfBackend: `tf-${name}`, device: `device-${name}`, versions: { "@tensorflow/tfjs-core": "4.22.0" } };
    },
  };
}

describe("selectBackend with fake candidates", () => {
  it("prefers gpu, then node, wasm, cpu, whatever order the candidates come in", async () => {
    const all = [fake("cpu"), fake("wasm"), fake("node"), fake("gpu")];
    expect(BACKEND_ORDER).toEqual(["gpu", "node", "wasm", "cpu"]);
    const info = await selectBackend(all);
    expect(info.name).toBe("gpu");
    expect(info.forced).toBe(false);
    expect(info.skipped).toEqual([]);
    expect(info.tfBackend).toBe("tf-gpu");
  });

  it("falls through failing candidates and records why each was skipped (first line only)", async () => {
    const tried: BackendName[] = [];
    const info = await selectBackend([
      fake("wasm", undefined, tried), fake("gpu", "no NVIDIA GPU", tried), fake("node", "no libtensorflow", tried), fake("cpu", undefined, tried),
    ]);
    expect(info.name).toBe("wasm");
    expect(info.skipped).toEqual([
      { name: "gpu", reason: "no NVIDIA GPU" },
      { name: "node", reason: "no libtensorflow" },
    ]);
    expect(tried).toEqual(["gpu", "node", "wasm"]); // cpu never started
  });

  it("reaches cpu when everything faster fails", async () => {
    const info = await selectBackend([fake("gpu", "a"), fake("node", "b"), fake("wasm", "c"), fake("cpu")]);
    expect(info.name).toBe("cpu");
    expect(info.skipped.map((s) => s.name)).toEqual(["gpu", "node", "wasm"]);
  });

  it("fails naming every reason when no candidate starts", async () => {
    await expect(selectBackend([fake("gpu", "a"), fake("cpu", "b")])).rejects.toThrow(/gpu: a; cpu: b/);
  });

  it("a forced backend is the only one tried, even when faster ones work", async () => {
    const tried: BackendName[] = [];
    const info = await selectBackend([fake("gpu", undefined, tried), fake("wasm", undefined, tried), fake("cpu", undefined, tried)], "cpu");
    expect(info).toMatchObject({ name: "cpu", forced: true, skipped: [] });
    expect(tried).toEqual(["cpu"]);
  });

  it("a forced backend that cannot start throws BackendUnavailableError naming it and the reason", async () => {
    const err = await selectBackend([fake("gpu", "no NVIDIA GPU visible"), fake("cpu")], "gpu").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect((err as BackendUnavailableError).backend).toBe("gpu");
    expect((err as Error).message).toMatch(/'gpu'.*no NVIDIA GPU visible/);
    expect((err as Error).message).not.toMatch(/second line/);
  });

  it("a forced backend without any loader throws BackendUnavailableError", async () => {
    await expect(selectBackend([fake("cpu")], "node")).rejects.toBeInstanceOf(BackendUnavailableError);
  });

  it("describes the choice in one line", async () => {
    const info = await selectBackend([fake("gpu", "x"), fake("wasm")]);
    expect(describeBackend(info)).toBe("backend: wasm (tf-wasm) on device-wasm, auto-selected, tfjs 4.22.0");
  });
});

describe("CNNLAB_BACKEND parsing", () => {
  it("accepts the four names, any case, surrounding spaces", () => {
    expect(parseBackendName("gpu")).toBe("gpu");
    expect(parseBackendName(" WASM ")).toBe("wasm");
    expect(parseBackendName("Cpu")).toBe("cpu");
    expect(parseBackendName("node")).toBe("node");
  });

  it("treats unset or empty as not forced", () => {
    expect(parseBackendName(undefined)).toBeUndefined();
    expect(parseBackendName("  ")).toBeUndefined();
  });

  it("rejects anything else, naming the value and the choices", () => {
    expect(() => parseBackendName("webgl")).toThrow(/CNNLAB_BACKEND='webgl' is not one of gpu, node, wasm, cpu/);
  });
});

describe("initBackend with the real loaders", () => {
  const saved = process.env.CNNLAB_BACKEND;
  afterEach(() => {
    if (saved === undefined) delete process.env.CNNLAB_BACKEND;
    else process.env.CNNLAB_BACKEND = saved;
  });

  it("an invalid CNNLAB_BACKEND fails loudly", async () => {
    process.env.CNNLAB_BACKEND = "tpu";
    await expect((async () => initBackend())()).rejects.toThrow(/CNNLAB_BACKEND='tpu'/);
  });

  // Must be the first successful call: initBackend() keeps its first answer for the process.
  it("CNNLAB_BACKEND forces the backend picked without an argument", async () => {
    process.env.CNNLAB_BACKEND = "wasm";
    const info = await initBackend();
    expect(info).toMatchObject({ name: "wasm", forced: true });
  });

  it("starts wasm (with the gradient kernels) and cpu on request", async () => {
    const wasm = await initBackend("wasm");
    expect(wasm).toMatchObject({ name: "wasm", tfBackend: "wasm", forced: true });
    expect(tf.getBackend()).toBe("wasm");
    expect(wasm.device).toMatch(/WebAssembly/);
    expect(tf.getKernel("Conv2DBackpropFilter", "wasm")).toBeDefined();
    const sum = tf.tidy(() => tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0]);
    expect(sum).toBe(6);

    const cpu = await initBackend("cpu");
    expect(cpu).toMatchObject({ name: "cpu", tfBackend: "cpu", forced: true });
    expect(tf.getBackend()).toBe("cpu");
  });

  it("forcing gpu without an NVIDIA driver throws BackendUnavailableError", async () => {
    if (listNvidiaGpus().length > 0) return; // a real GPU machine: covered by `cnnlab info` instead
    await expect(initBackend("gpu")).rejects.toBeInstanceOf(BackendUnavailableError);
  });
});
