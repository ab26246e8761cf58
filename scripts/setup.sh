#!/usr/bin/env bash
# Installs everything the build and the tests need, and nothing that is already there.
#
#   system packages  (Emscripten, Chromium) from the machine's apt sources, only when missing;
#   header packages  (xsimd 13, xtensor 0.25, xtl, Catch2 v3) fetched as pinned, sha256-checked .debs
#                    through a private apt list and unpacked into .deps/ — the system is not touched;
#   npm packages     from package-lock.json, only when the lockfile changed.
#
# Every pin lives in scripts/deps.lock. A second run with nothing changed takes a few seconds.
# Set AW_SKIP_SETUP=1 to skip all of this when you have provided the tools yourself (see README).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lock="$root/scripts/deps.lock"
deps="$root/.deps"
say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

# --- Node.js first: everything after this (npm ci, Vite 8, the tests) needs it -------------------------------
min_node="20.19.0"
version_at_least() { [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" == "$2" ]]; }   # $1 >= $2
node_help="Install Node.js >= 20.19 (22 LTS is fine) and make it the 'node' on PATH, for example with nvm
  ('nvm install 22'), from https://nodejs.org, or from NodeSource's apt repository. Debian 12's own 'nodejs'
  package is Node 18, which Vite 8 does not run on."
command -v node >/dev/null || die "no 'node' on PATH. $node_help"
node_version="$(node -p 'process.versions.node')"
version_at_least "$node_version" "$min_node" || die "Node.js $node_version is too old (Vite needs >= $min_node). $node_help"

if [[ "${AW_SKIP_SETUP:-}" == 1 ]]; then
  say "AW_SKIP_SETUP=1: using the tools already on this machine."
  exit 0
fi

if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
  die "this set-up installs with Debian's apt, which this system lacks. Install instead:
  - Emscripten >= 3.1.6 from emsdk (emcc, em++ and emcmake on PATH);
  - xsimd >= 13, xtensor >= 0.25, xtl >= 0.7 and Catch2 v3, e.g. 'mamba install -c conda-forge xsimd xtensor xtl catch2'
    or 'vcpkg install xsimd xtensor catch2', and put their prefix in CMAKE_PREFIX_PATH;
  - Chromium (set CHROMIUM_PATH to its binary);
then run the same command with AW_SKIP_SETUP=1."
fi

# --- system packages: find what is missing before asking for any privilege -------------------------------------
# An Emscripten already on PATH (emsdk) and a browser named by CHROMIUM_PATH count as present.
emscripten_on_path() {
  command -v em++ >/dev/null || return 1
  local have
  have="$(em++ --version 2>/dev/null | head -1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | tail -1)"
  [[ -n "$have" ]] && version_at_least "$have" "3.1.6"
}
missing=()
while read -r kind name version why; do
  [[ "$kind" == system ]] || continue
  if [[ "$name" == emscripten ]] && emscripten_on_path; then continue; fi
  if [[ "$name" == chromium && -n "${CHROMIUM_PATH:-}" && -x "${CHROMIUM_PATH}" ]]; then continue; fi
  installed="$(dpkg-query -W -f='${Status} ${Version}' "$name" 2>/dev/null || true)"
  if [[ "$installed" == "install ok installed "* ]]; then
    have="${installed##* }"
    [[ "$have" == "$version"* ]] || say "note: $name $have is installed; pinned is $version — using the installed one."
    continue
  fi
  missing+=("$name|$version|$why")
done < <(grep -v '^#' "$lock")

sudo=""
if [[ ${#missing[@]} -gt 0 && $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || die "missing system packages: $(printf '%s ' "${missing[@]%%|*}")— install them as root
  (apt-get install ${missing[*]%%|*}), or provide them yourself (emsdk; CHROMIUM_PATH) and run again."
  sudo="sudo"
fi

apt_updated=0
apt_update_once() {
  if [[ $apt_updated == 0 ]]; then
    say "refreshing apt's package lists (once)"
    $sudo apt-get update -qq
    apt_updated=1
  fi
}

for entry in "${missing[@]}"; do
  IFS='|' read -r name version why <<< "$entry"
  say "installing $name ($why)"
  apt_update_once
  if [[ "$version" == *. ]]; then
    # A prefix pin (Chromium): Debian's security archive replaces old builds, so take the newest
    # build of the pinned major version and check it.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$name" >/dev/null
    have="$(dpkg-query -W -f='${Version}' "$name")"
    [[ "$have" == "$version"* ]] || say "note: installed $name $have; pinned is $version*."
  else
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$name=$version" >/dev/null
  fi
done

# --- header packages into .deps/ ---------------------------------------------------------------
header_pins="$(grep '^header' "$lock")"
arch="$(dpkg --print-architecture)"
# One sha256 per architecture ("amd64=…,arm64=…"); a package built for "all" has one for all.
pinned_sha() { tr ',' '\n' <<< "$1" | sed -n "s/^\($arch\|all\)=//p" | head -1; }
stamp="$deps/installed.lock"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$arch $header_pins" ]]; then
  # Every pin must name this architecture before anything is fetched or removed.
  while read -r kind name version shas suite; do
    [[ -n "$(pinned_sha "$shas")" ]] || die "scripts/deps.lock pins no sha256 of $name $version for this machine's architecture ($arch);
  it pins: $(tr ',' '\n' <<< "$shas" | cut -d= -f1 | paste -sd' '). Add '$arch=<sha256>' to that line, taken from the SHA256 line of
  'apt-cache show $name=$version' (Debian's signed index, with the $suite list), or install xsimd >= 13, xtensor, xtl
  and Catch2 v3 yourself (see README, Other platforms) and run with AW_SKIP_SETUP=1."
  done <<< "$header_pins"
  say "fetching header libraries into .deps/ (xsimd with the wasm arch is only in Debian trixie)"
  rm -rf "$deps"
  mkdir -p "$deps/apt/lists/partial" "$deps/apt/cache/archives/partial" "$deps/debs" "$deps/sysroot"
  printf 'deb http://deb.debian.org/debian trixie main\ndeb http://deb.debian.org/debian bookworm-backports main\n' \
    > "$deps/apt/sources.list"
  apt_private=(-oDir::Etc::sourcelist="$deps/apt/sources.list" -oDir::Etc::sourceparts=- \
               -oDir::State::Lists="$deps/apt/lists" -oDir::Cache="$deps/apt/cache" -oAPT::Sandbox::User=root)
  apt-get "${apt_private[@]}" update -qq
  while read -r kind name version shas suite; do
    (cd "$deps/debs" && apt-get "${apt_private[@]}" download -qq "$name=$version")
    deb="$(ls "$deps/debs/${name}_"*.deb)"
    echo "$(pinned_sha "$shas")  $deb" | sha256sum --check --quiet - || die "$deb does not match its pinned sha256 ($arch)."
    dpkg-deb -x "$deb" "$deps/sysroot"
  done <<< "$header_pins"
  rm -rf "$deps/apt"
  echo "$arch $header_pins" > "$stamp"
fi

# --- source packages into .deps/src/ --------------------------------------------------------------
source_pins="$(grep '^source' "$lock" || true)"
source_stamp="$deps/sources.lock"
if [[ -n "$source_pins" && ( ! -f "$source_stamp" || "$(cat "$source_stamp")" != "$source_pins" ) ]]; then
  say "fetching source packages into .deps/src/ (Catch2's amalgamated sources, for the WebAssembly test build)"
  work="$deps/src-apt"
  rm -rf "$work" "$deps/src"
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/download" "$deps/src"
  printf 'deb-src http://deb.debian.org/debian bookworm-backports main\n' > "$work/sources.list"
  apt_source=(-oDir::Etc::sourcelist="$work/sources.list" -oDir::Etc::sourceparts=- \
              -oDir::State::Lists="$work/lists" -oDir::Cache="$work/cache" -oAPT::Sandbox::User=root)
  apt-get "${apt_source[@]}" update -qq
  while read -r kind name version sha suite; do
    (cd "$work/download" && apt-get "${apt_source[@]}" source --download-only -qq "$name=$version" >/dev/null)
    tarball="$(ls "$work/download/${name}_"*.orig.tar.*)"
    echo "$sha  $tarball" | sha256sum --check --quiet - || die "$tarball does not match its pinned sha256."
    mkdir -p "$deps/src/$name"
    tar -xf "$tarball" -C "$deps/src/$name" --strip-components=1
  done <<< "$source_pins"
  rm -rf "$work"
  echo "$source_pins" > "$source_stamp"
fi

# --- npm packages ---------------------------------------------------------------------------
if [[ ! -f "$root/node_modules/.package-lock.json" || "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]]; then
  say "installing npm packages from package-lock.json"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
fi

# --- what we use ------------------------------------------------------------------------------
version_of() { grep -m1 -oE "$2" "$1" 2>/dev/null | grep -oE '[0-9]+$' || echo '?'; }
xs="$deps/sysroot/usr/include/xsimd/config/xsimd_config.hpp"
xt="$deps/sysroot/usr/include/xtensor/xtensor_config.hpp"
say "using: Emscripten $(em++ --version | head -1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | tail -1), $(g++ --version | head -1), $(cmake --version | head -1),"
say "       node $(node --version), $("${CHROMIUM_PATH:-/usr/bin/chromium}" --version 2>/dev/null || echo 'chromium ?'),"
say "       xsimd $(version_of "$xs" 'XSIMD_VERSION_MAJOR [0-9]+').$(version_of "$xs" 'XSIMD_VERSION_MINOR [0-9]+'), xtensor $(version_of "$xt" 'XTENSOR_VERSION_MAJOR [0-9]+').$(version_of "$xt" 'XTENSOR_VERSION_MINOR [0-9]+'), Catch2 $(grep -m1 -oE '^header +libcatch2-dev +[^ ]+' "$lock" | awk '{print $3}')"
