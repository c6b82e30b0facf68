#!/usr/bin/env bash
# Sets up the 'gpu' backend: installs @tensorflow/tfjs-node-gpu (TF.js 4.22 on libtensorflow
# 2.9.1, which needs an NVIDIA driver, CUDA 11.2 and cuDNN 8.1) into this project.
#
#   npm run setup:gpu
#   TFJS_NODE_CDN_STORAGE=https://mirror.example/ npm run setup:gpu   # libtensorflow from a mirror
#
# Not runnable on the course's CI machines (no GPU): there it stops at the driver check with a
# clear message, and the backend selection logic is covered by test/lib/backend-select.test.ts.
# The package is installed with --no-save so package.json/package-lock.json stay the same for
# everyone; `npm ci` removes it again (then re-run this script).
set -euo pipefail

PKG="@tensorflow/tfjs-node-gpu@4.22.0"
cd "$(dirname "$0")/.."

say() { printf 'setup:gpu: %s\n' "$*"; }
fail() { printf 'setup:gpu: ERROR: %s\n' "$*" >&2; exit 1; }

# 1. An NVIDIA driver that sees a GPU. tfjs-node-gpu would otherwise install and then silently
#    compute on the CPU (or fail to load), so check first.
command -v nvidia-smi >/dev/null 2>&1 \
  || fail "nvidia-smi not found: no NVIDIA driver is installed. The gpu backend needs an NVIDIA GPU with its driver; without one, cnn-lab uses the wasm backend (nothing to set up)."
gpus="$(nvidia-smi -L 2>/dev/null | grep '^GPU ' || true)"
[ -n "$gpus" ] || fail "nvidia-smi lists no GPU (driver not loaded, or no device visible in this container)."
say "GPUs found:"
printf '  %s\n' "$gpus"

# 2. CUDA 11.x runtime and cuDNN 8 (what libtensorflow 2.9.1 links against). Missing libraries
#    do not stop the install, but the backend will not load until they are present.
if command -v ldconfig >/dev/null 2>&1; then
  libs="$(ldconfig -p 2>/dev/null || true)"
  for lib in libcudart.so.11 libcublas.so.11 libcudnn.so.8; do
    if ! grep -q "$lib" <<<"$libs"; then
      say "WARNING: $lib is not in the linker cache: install CUDA 11.2 / cuDNN 8.1 (or add them to LD_LIBRARY_PATH) or loading will fail."
    fi
  done
fi

# 3. Install. The package's install step downloads libtensorflow (GPU build) from Google's
#    storage, or from TFJS_NODE_CDN_STORAGE when set (a local mirror with the same layout).
if [ -n "${TFJS_NODE_CDN_STORAGE:-}" ]; then
  export TFJS_NODE_CDN_STORAGE
  say "libtensorflow will be downloaded from the mirror TFJS_NODE_CDN_STORAGE=$TFJS_NODE_CDN_STORAGE"
else
  say "libtensorflow will be downloaded from Google's storage (set TFJS_NODE_CDN_STORAGE to use a mirror)"
fi
say "npm install --no-save $PKG"
npm install --no-save "$PKG" || fail "npm install $PKG failed (see npm's output above: usually the libtensorflow download)."

# 4. Verify that the native binding loads and that cnn-lab picks the gpu backend.
if ! node -e 'require("@tensorflow/tfjs-node-gpu")' 2>/tmp/setup-gpu-load.err; then
  cat /tmp/setup-gpu-load.err >&2
  fail "$PKG is installed but its native binding does not load (CUDA/cuDNN libraries above?)."
fi
say "installed $PKG; checking that cnn-lab selects it:"
if CNNLAB_BACKEND=gpu node bin/cnnlab.js info; then
  say "done. Verify any time with: npx cnnlab info   (it should report backend gpu)"
else
  fail "the gpu backend did not start; run 'CNNLAB_BACKEND=gpu npx cnnlab info' for the reason."
fi
