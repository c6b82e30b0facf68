// Gradient checking: the same gradient on two backends, or against finite differences. Used to
// verify kernels (the wasm gradient kernels, grouped and dilated convolutions).
import * as tf from "@tensorflow/tfjs";

/** A tensor as plain data, so it can be created on any backend. */
export interface PlainTensor {
  shape: number[];
  values: Float32Array;
}

/** A function of tensors returning a scalar tensor (a loss). */
export type ScalarFn = (...xs: tf.Tensor[]) => tf.Tensor;

/** max |a - b| / max |b|: the difference relative to the reference's scale. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`relativeError: lengths differ (${a.length} vs ${b.length})`);
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / Math.max(den, 1e-12);
}

function toTensors(inputs: readonly PlainTensor[]): tf.Tensor[] {
  return inputs.map((p) => tf.tensor(p.values, p.shape, "float32"));
}

/** Gradients of f at `inputs` on the named backend (already registered), as plain data. */
export async function gradientsOn(backend: string, f: ScalarFn, inputs: readonly PlainTensor[]): Promise<PlainTensor[]> {
  const previous = tf.getBackend();
  if (!(await tf.setBackend(backend))) throw new Error(`gradientsOn: backend '${backend}' could not be activated`);
  try {
    return tf.tidy(() => {
      const grads = tf.grads(f)(toTensors(inputs));
      return grads.map((g) => ({ shape: g.shape, values: Float32Array.from(g.dataSync()) }));
    });
  } finally {
    await tf.setBackend(previous);
  }
}

/**
 * Central differences (f(x + eps) - f(x - eps)) / 2eps, one input element at a time, on the
 * current backend. float32: keep inputs small and compare with a ~1e-2 relative tolerance.
 */
export function numericalGradients(f: ScalarFn, inputs: readonly PlainTensor[], eps = 1e-2): PlainTensor[] {
  const evaluate = (values: Float32Array[]): number =>
    tf.tidy(() => f(...inputs.map((p, i) => tf.tensor(values[i], p.shape, "float32"))).dataSync()[0]);
  const current = inputs.map((p) => Float32Array.from(p.values));
  return inputs.map((p, which) => {
    const grad = new Float32Array(p.values.length);
    for (let j = 0; j < grad.length; j++) {
      const v = current[which][j];
      current[which][j] = v + eps;
      const up = evaluate(current);
      current[which][j] = v - eps;
      const down = evaluate(current);
      current[which][j] = v;
      grad[j] = (up - down) / (2 * eps);
    }
    return { shape: [...p.shape], values: grad };
  });
}
