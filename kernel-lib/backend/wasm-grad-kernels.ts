// Gradient kernels the WASM backend does not ship. (Being written: see issue 2.)
export function registerWasmGradKernels(): void {}
