// Calls wasm kernel functions directly from inside another kernel and disposes every
// intermediate it made. Kernels must not use tf ops (those would open nested engine scopes
// and record on the gradient tape), so this is the kernel-level counterpart of tf.tidy.
import * as tf from "@tensorflow/tfjs";

export type Info = tf.TensorInfo;

/** The arguments TF.js passes to a kernel function. */
export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: {};
  attrs?: tf.NamedAttrMap;
}

export class WasmKernelScope {
  private live: Info[] = [];

  private constructor(private readonly backend: tf.KernelBackend) {}

  /** Runs `body`, then frees every intermediate except the returned tensor. */
  static run(backend: {}, body: (k: WasmKernelScope) => Info): Info {
    const k = new WasmKernelScope(backend as tf.KernelBackend);
    try {
      const out = body(k);
      const i = k.live.indexOf(out);
      // Returning an input would hand the engine a second owner of the same data.
      if (i < 0) throw new Error("WasmKernelScope: a kernel must return a tensor it created");
      k.live.splice(i, 1);
      return out;
    } finally {
      k.freeAllBut();
    }
  }

  /** Runs the wasm kernel `name` and tracks its output as an intermediate. */
  run(name: string, inputs: tf.NamedTensorInfoMap | Info[], attrs: object = {}): Info {
    const config = tf.getKernel(name, "wasm");
    if (!config) throw new Error(`WasmKernelScope: the wasm backend has no '${name}' kernel`);
    return this.call(config.kernelFunc, inputs, attrs, name);
  }

  /** Runs a kernel function itself (e.g. one a wrapper replaced) and tracks its output. */
  call(kernelFunc: tf.KernelFunc, inputs: tf.NamedTensorInfoMap | Info[], attrs: object = {}, name = "kernel"): Info {
    const out = kernelFunc({
      inputs: inputs as tf.NamedTensorInfoMap,
      backend: this.backend,
      attrs: attrs as tf.NamedAttrMap,
    });
    if (Array.isArray(out)) throw new Error(`WasmKernelScope: '${name}' returned several tensors`);
    this.live.push(out);
    return out;
  }

  /** Frees one intermediate now (no-op for tensors the scope did not create). */
  free(t: Info): void {
    const i = this.live.indexOf(t);
    if (i < 0) return;
    this.live.splice(i, 1);
    this.backend.disposeData(t.dataId);
  }

  /** Frees every intermediate except those listed (inputs may be listed; they are never freed). */
  freeAllBut(...keep: Info[]): void {
    const kept: Info[] = [];
    for (const t of this.live) {
      if (keep.includes(t)) kept.push(t);
      else this.backend.disposeData(t.dataId);
    }
    this.live = kept;
  }
}
