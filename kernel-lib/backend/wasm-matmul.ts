// tfjs-backend-wasm 4.22's BatchMatMul is many times slower when asked to transpose an operand
// (transposeA / transposeB), and that is exactly what every dense layer's backward pass asks
// for (dW = x^T dy, dx = dy W^T): [64,3072]^T x [64,1536] took 1028 ms, against 87 ms for an
// explicit Transpose followed by the plain product (docs/benchmarks.md). The 6.2M-parameter
// CIFAR-10 MLP trained at 38 samples/s because of it. This wraps the shipped kernel: the
// operands are transposed by the wasm Transpose kernel, then the fast no-transpose path runs.
// Same arithmetic, so the same results up to float rounding order.
import * as tf from "@tensorflow/tfjs";
import { type Info, type KernelArgs, WasmKernelScope } from "./wasm-kernel-scope";

const WRAPPED = Symbol.for("cnn-lab.wasm-matmul");

/** Permutation that swaps the last two axes of a rank-`rank` tensor. */
function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/** Replaces wasm's BatchMatMul by the wrapper above. Idempotent; a no-op before wasm registers it. */
export function registerWasmFastMatMul(): void {
  const shipped = tf.getKernel(tf.BatchMatMul, "wasm");
  if (!shipped || (shipped.kernelFunc as unknown as Record<symbol, boolean>)[WRAPPED]) return;
  const original = shipped.kernelFunc;
  const kernelFunc = (args: KernelArgs): Info => {
    const attrs = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    if (!attrs.transposeA && !attrs.transposeB) return original(args as unknown as Parameters<tf.KernelFunc>[0]) as Info;
    return WasmKernelScope.run(args.backend, (k) => {
      let { a, b } = args.inputs as { a: Info; b: Info };
      if (attrs.transposeA) a = k.run("Transpose", { x: a }, { perm: swapLastTwo(a.shape.length) });
      if (attrs.transposeB) b = k.run("Transpose", { x: b }, { perm: swapLastTwo(b.shape.length) });
      return k.call(original, { a, b }, { ...attrs, transposeA: false, transposeB: false }, tf.BatchMatMul);
    });
  };
  (kernelFunc as unknown as Record<symbol, boolean>)[WRAPPED] = true;
  tf.unregisterKernel(tf.BatchMatMul, "wasm");
  // The shipped setupFunc binds the WASM function the original kernel calls: keep it.
  tf.registerKernel({ ...shipped, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
}
