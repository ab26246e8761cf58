#!/usr/bin/env bash
# Builds the parts named on the command line (default: all), each only as far as something changed:
#   --native   the native core, Catch2 tests and benchmark   (CMake preset `native` → build/native)
#   --wasm     the WebAssembly modules, SIMD and scalar       (CMake preset `wasm`, under emcmake → build/wasm)
#   --site     the static site                                (Vite → dist/)
#   --sanitize the Catch2 suite with ASan + UBSan on a 4-lane (SSE4.2) build (preset `native-debug`),
#              the two-thread test under ThreadSanitizer (preset `native-tsan`) and the Catch2 suite
#              compiled to WebAssembly (preset `wasm-tests`, run by Node)
#   --fuzz     the libFuzzer targets (preset `fuzz`, Debian's clang 14)
# Compiler output goes to build/logs/*.log; on failure its tail is printed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
logs="$root/build/logs"
mkdir -p "$logs"
jobs="$(nproc 2>/dev/null || echo 2)"

# Debian's Emscripten 3.1.6 runs its JS optimizer with the acorn parser, which Debian installs under
# /usr/share/nodejs, a folder Node does not search by itself: without this every wasm link fails with
# "Cannot find module 'acorn'".
if [[ -d /usr/share/nodejs ]]; then export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"; fi
# Emscripten builds its system libraries into its cache on first use; Debian's lives under /usr,
# so a non-root user gets a cache inside the build folder instead.
if [[ -z "${EM_CACHE:-}" && -d /usr/share/emscripten/cache && ! -w /usr/share/emscripten/cache ]]; then
  export EM_CACHE="$root/build/emscripten-cache"
fi

step() { # step NAME LOGFILE COMMAND...
  local name="$1" log="$logs/$2.log"; shift 2
  local start=$SECONDS
  if "$@" >"$log" 2>&1; then
    printf '[build] %-34s ok (%ss)\n' "$name" "$((SECONDS - start))"
  else
    printf '[build] %-34s FAILED — last lines of %s:\n' "$name" "${log#"$root"/}"
    tail -n 40 "$log"
    exit 1
  fi
}

want_native=0 want_wasm=0 want_site=0 want_sanitize=0 want_fuzz=0
[[ $# -eq 0 ]] && set -- --native --wasm --site
for arg in "$@"; do
  case "$arg" in
    --native) want_native=1 ;;
    --wasm) want_wasm=1 ;;
    --site) want_site=1 ;;
    --sanitize) want_sanitize=1 ;;
    --fuzz) want_fuzz=1 ;;
    *) echo "usage: scripts/build.sh [--native] [--wasm] [--site] [--sanitize] [--fuzz]" >&2; exit 2 ;;
  esac
done

configure_native() { [[ -f build/native/CMakeCache.txt ]] || cmake --preset native; }
configure_wasm() { [[ -f build/wasm/CMakeCache.txt ]] || emcmake cmake --preset wasm; }

if [[ $want_native == 1 ]]; then
  step "native: configure" native-configure configure_native
  step "native: core, tests, benchmark" native-build cmake --build --preset native -j "$jobs"
fi

configure_preset() {
  [[ -f "build/$1/CMakeCache.txt" ]] && return
  if [[ $1 == wasm-* ]]; then emcmake cmake --preset "$1"; else cmake --preset "$1"; fi
}
for preset in native-debug native-tsan wasm-tests fuzz; do
  if [[ $preset == fuzz ]]; then wanted=$want_fuzz; else wanted=$want_sanitize; fi
  [[ $wanted == 1 ]] || continue
  step "$preset: configure" "$preset-configure" configure_preset "$preset"
  step "$preset: build" "$preset-build" cmake --build --preset "$preset" -j "$jobs"
done

if [[ $want_wasm == 1 ]]; then
  step "wasm: configure" wasm-configure configure_wasm
  step "wasm: SIMD and scalar modules" wasm-build cmake --build --preset wasm -j "$jobs"
fi

if [[ $want_site == 1 ]]; then
  # Vite always rewrites dist/; skip it when none of its inputs changed since the last build.
  inputs_hash="$( { find web js -type f -print0; find build/wasm -maxdepth 1 -name 'attention-*' -print0;
                    printf '%s\0' vite.config.js vite.embed.config.js package-lock.json; } 2>/dev/null \
                  | sort -z | xargs -0 sha256sum 2>/dev/null | sha256sum | cut -d' ' -f1)"
  stamp="dist/.inputs.sha256"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$inputs_hash" ]]; then
    printf '[build] %-34s up to date\n' "site"
  else
    step "site (Vite to dist/)" site-build npx --no-install vite build
    step "embed bundle (dist/embed/)" embed-build npx --no-install vite build --config vite.embed.config.js
    step "embed SDK (dist/embed/sdk.js)" embed-sdk-build env AW_EMBED_PART=sdk npx --no-install vite build --config vite.embed.config.js
    echo "$inputs_hash" > "$stamp"
  fi
fi
