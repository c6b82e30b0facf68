// Where the project's tools live, found from this file (kernel-lib/runner/ under the project root).
import * as path from "node:path";

export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");
export const KERNEL_LIB = path.join(PROJECT_ROOT, "kernel-lib");
export const NODE_MODULES = path.join(PROJECT_ROOT, "node_modules");
/** The launcher npm links into node_modules/.bin; kernelspecs point at it by absolute path. */
export const TSLAB_BIN = path.join(NODE_MODULES, ".bin", "tslab");
/** tslab's own script, run with this very node so the kernel's pid is node's (SIGINT reaches it). */
export const TSLAB_SCRIPT = path.join(NODE_MODULES, "tslab", "bin", "tslab");
