// `npm test`: set-up, build, then the three test layers, each summarised, with one total line at the end.
//
//   node scripts/test.mjs                 all layers
//   node scripts/test.mjs native js       only the named layers (native | variants | fuzz | js | site | browser)
//
// Exits non-zero if the set-up, a build or any test fails.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a command, streaming its output through while keeping a copy to parse. */
function run(command, args, { capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const forward = (stream, sink) => stream.on('data', (chunk) => {
      sink.write(chunk);
      if (capture) output += chunk;
    });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
    child.on('error', (error) => { console.error(error.message); resolve({ code: 1, output }); });
  });
}

// How each layer runs and how its own runner reports its counts.
const layers = {
  native: {
    title: 'native core (Catch2 via CTest)',
    build: ['--native'],
    command: ['ctest', ['--preset', 'native', '--output-on-failure', '-j', '2']],
    count(output) {
      const m = output.match(/tests passed, (\d+) tests? failed out of (\d+)/);
      return m ? { passed: Number(m[2]) - Number(m[1]), failed: Number(m[1]) } : null;
    },
  },
  variants: {
    // The Catch2 suite again: built for 4 lanes (SSE4.2: the micro-kernel and transposing packs that
    // WebAssembly runs) with ASan + UBSan; the two-thread test under ThreadSanitizer; the suite
    // compiled to WebAssembly and run by Node.
    title: 'core: ASan+UBSan 4-lane, TSan, wasm',
    build: ['--sanitize'],
    command: ['bash', ['-c', 'status=0; for preset in native-debug native-tsan wasm-tests; do ctest --preset "$preset" -j 2 || status=1; done; exit $status']],
    count(output) {
      const runs = [...output.matchAll(/tests passed, (\d+) tests? failed out of (\d+)/g)];
      if (runs.length === 0) return null;
      const failed = runs.reduce((sum, m) => sum + Number(m[1]), 0);
      return { passed: runs.reduce((sum, m) => sum + Number(m[2]), 0) - failed, failed };
    },
  },
  fuzz: {
    title: 'fuzzing (libFuzzer, 8 families)',
    build: ['--fuzz'],
    command: ['node', ['scripts/fuzz.mjs', '--seconds', '60']],
    count(output) {
      const m = output.match(/fuzz summary: (\d+) passed, (\d+) failed/);
      return m ? { passed: Number(m[1]), failed: Number(m[2]) } : null;
    },
  },
  js: {
    title: 'wasm API (Node test runner)',
    build: ['--wasm'],
    command: ['node', ['--test', '--test-reporter=spec', 'tests/js/']],
    count: countNodeTests,
  },
  site: {
    title: 'site pipeline (Node test runner)',
    build: [],
    command: ['node', ['--test', '--test-reporter=spec', 'tests/site/']],
    count: countNodeTests,
  },
  browser: {
    title: 'browser (headless Chromium)',
    build: ['--wasm', '--site'],
    // Two test files at a time, each with its own Chromium: a page spends part of its time waiting (workers,
    // frames, timers), so on two cores this takes about 0.8 of the time one at a time does (measured on this
    // 2-core machine: 381–397 s against 501 s; three at a time, 388 s: the CPU is then busy). No two files write
    // the same files: what the tests build goes to temporary folders, and dist-single/ only to embed.test.mjs.
    command: ['node', ['--test', '--test-concurrency=2', '--test-reporter=spec', 'tests/browser/']],
    count: countNodeTests,
  },
};

function countNodeTests(output) {
  const passed = output.match(/^ℹ pass (\d+)$/m);
  const failed = output.match(/^ℹ fail (\d+)$/m);
  return passed && failed ? { passed: Number(passed[1]), failed: Number(failed[1]) } : null;
}

/** Which xsimd architecture each build that was tested runs, as the builds themselves report it. */
async function architectures() {
  const lines = [];
  if (chosen.includes('native')) {
    const { output } = await runQuietly('build/native/tests/cpp/aw_readme_example', []);
    const arch = output.match(/arch ([^\s,]+)/)?.[1];
    if (arch) lines.push(`native core runs xsimd arch: ${arch}`);
  }
  if (chosen.includes('js') || chosen.includes('browser')) {
    const probe = "import('attention-workshop').then(async ({ createAttention }) => {" +
      " for (const simd of [true, false]) { const i = (await createAttention({ simd })).info(); console.log(`${i.arch} (${i.simd ? 'SIMD' : 'scalar'})`); } })";
    const { output } = await runQuietly('node', ['--input-type=module', '-e', probe]);
    if (output.trim()) lines.push(`wasm builds run xsimd arch: ${output.trim().split('\n').join(', ')}`);
  }
  return lines;
}

function runQuietly(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.on('close', (code) => resolve({ code, output }));
    child.on('error', () => resolve({ code: 1, output: '' }));
  });
}

let requested;
try {
  ({ positionals: requested } = parseArgs({ allowPositionals: true, options: {} }));
} catch (error) {
  console.error(`${error.message}\nusage: node scripts/test.mjs [${Object.keys(layers).join('|')} ...]`);
  process.exit(2);
}
for (const name of requested) {
  if (!layers[name]) {
    console.error(`unknown layer '${name}'; expected one of: ${Object.keys(layers).join(', ')}`);
    process.exit(2);
  }
}
const chosen = requested.length ? requested : Object.keys(layers);

const banner = (text) => console.log(`\n=== ${text} ${'='.repeat(Math.max(0, 70 - text.length))}`);

banner('set-up');
const setupStart = Date.now();
if ((await run('bash', ['scripts/setup.sh'])).code !== 0) process.exit(1);
const buildParts = [...new Set(chosen.flatMap((name) => layers[name].build))];
if (buildParts.length && (await run('bash', ['scripts/build.sh', ...buildParts])).code !== 0) process.exit(1);
console.log(`[test] set-up and build took ${((Date.now() - setupStart) / 1000).toFixed(1)} s`);

const results = [];
for (const name of chosen) {
  const layer = layers[name];
  banner(layer.title);
  const started = Date.now();
  const { code, output } = await run(...layer.command, { capture: true });
  const counts = layer.count(output);
  results.push({
    title: layer.title,
    seconds: (Date.now() - started) / 1000,
    // A runner that exits non-zero without reporting counts (e.g. it crashed) counts as one failure.
    passed: counts?.passed ?? 0,
    failed: counts ? Math.max(counts.failed, code === 0 ? 0 : 1) : 1,
    ran: Boolean(counts),
  });
}

banner('summary');
for (const r of results) {
  const note = r.ran ? '' : '  (runner reported no counts)';
  console.log(`${r.title.padEnd(34)} ${String(r.passed).padStart(4)} passed, ${r.failed} failed  (${r.seconds.toFixed(1)} s)${note}`);
}
for (const line of await architectures()) console.log(line);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
