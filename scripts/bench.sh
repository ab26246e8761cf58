#!/usr/bin/env bash
# `npm run bench`: every speed and size figure the project tracks, printed (never asserted — this
# machine is noisy; compare ratios measured side by side within one run).
#   1. the core natively (SIMD and scalar builds in one binary)
#   2. the same benchmark compiled to WebAssembly, in Node
#   3. the tiny Transformer's training step (natively, in wasm, through the JS API)
#   4. the JS API's call overhead against the core's own time; onnxruntime-web (one thread and threaded) vs our SIMD naive, tiled and worker pool
#   5. the site's first-load bytes and time to the first live example's output
#   6. training the lab's default Transformer: our core (wasm SIMD, scalar) against TensorFlow.js (wasm backend)
# Extra arguments go to the core benchmark, e.g. `npm run bench -- --quick` or `-- --lengths 512,2048`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
bash scripts/build.sh
echo; echo "=== core, native ==="
build/native/cpp/bench/aw_bench "$@"
echo; echo "=== core, WebAssembly in Node $(node --version), optimising tier only (--no-liftoff) ==="
# V8 has no on-stack replacement for wasm and tiers functions up in the background: without
# --no-liftoff the first lengths measured can still run baseline (Liftoff) code on a busy machine.
node --no-liftoff build/wasm/cpp/bench/aw_bench.js "$@"
echo; echo "=== training: tiny Transformer, native (SIMD and scalar builds) ==="
build/native/cpp/bench/aw_bench_training "$@"
echo; echo "=== training: tiny Transformer, WebAssembly in Node (optimising tier only) ==="
node --no-liftoff build/wasm/cpp/bench/aw_bench_training.js "$@"
echo; echo "=== training through the JS API (wasm SIMD and scalar) ==="
node --no-liftoff scripts/bench-training.mjs
echo; echo "=== JS API call vs the core's own time ==="
node scripts/bench-api.mjs
echo; echo "=== vs onnxruntime-web (wasm backend), 8 heads, d = 64, optimising tier only ==="
quick=(); for arg in "$@"; do [[ "$arg" == --quick ]] && quick=(--quick); done
node --no-liftoff scripts/bench-peers.mjs "${quick[@]}"
echo; echo "=== site: first load ==="
node scripts/measure-site.mjs
echo; echo "=== training the lab's default model: our core vs TensorFlow.js (wasm backend, 1 thread) ==="
node scripts/bench-training-tfjs.mjs
