// `npm run fuzz`: runs the libFuzzer targets of the core (tests/fuzz/, built by `scripts/build.sh --fuzz`)
// for a time budget shared by the families, starting from the corpus in tests/fuzz/corpus/<family>/.
// The budget is fuzzing time summed over the families; they run --jobs at a time (default: one per CPU),
// so 60 s of fuzzing take 30 s on two cores.
//
//   node scripts/fuzz.mjs --seconds 60            all eight families, 60 s in total (7.5 s each)
//   node scripts/fuzz.mjs --seconds 300 --family flash --family mha
//   node scripts/fuzz.mjs --seconds 600 --save    also add the new interesting inputs to the corpus
//
// Prints, per family, the executions run and whether it found anything; a crash or a broken invariant
// leaves its input in build/fuzz/artifacts/ (replay: build/fuzz/tests/fuzz/fuzz_<family> <file>).
// Exits non-zero when a target found something.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const families = ['softmax', 'masks', 'sdpa', 'flash', 'mha', 'additive', 'hard', 'positional'];

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    family: { type: 'string', multiple: true },
    save: { type: 'boolean', default: false },
    jobs: { type: 'string', default: String(availableParallelism()) },
  },
});
const seconds = Number(values.seconds);
const jobs = Number(values.jobs);
if (!Number.isInteger(jobs) || jobs < 1) {
  console.error(`fuzz: --jobs must be a whole number of at least 1, got ${values.jobs}`);
  process.exit(2);
}
if (!Number.isFinite(seconds) || seconds < families.length / 4) {
  console.error(`fuzz: --seconds must be a number of at least ${families.length / 4}, got ${values.seconds}`);
  process.exit(2);
}
const chosen = values.family ?? families;
for (const name of chosen) {
  if (!families.includes(name)) {
    console.error(`fuzz: unknown family '${name}' (expected one of: ${families.join(', ')})`);
    process.exit(2);
  }
}

const binaries = path.join(root, 'build/fuzz/tests/fuzz');
const artifacts = path.join(root, 'build/fuzz/artifacts');
mkdirSync(artifacts, { recursive: true });
const perFamily = Math.max(1, Math.floor(seconds / chosen.length));

function fuzz(name) {
  const binary = path.join(binaries, `fuzz_${name}`);
  if (!existsSync(binary)) return Promise.resolve({ name, runs: 0, ok: false, note: `missing ${path.relative(root, binary)} (run scripts/build.sh --fuzz)` });
  const corpus = path.join(root, 'tests/fuzz/corpus', name);
  mkdirSync(corpus, { recursive: true });
  // New inputs go to the first directory: a scratch one unless --save asks for the repository's corpus.
  const scratch = values.save ? null : mkdtempSync(path.join(tmpdir(), `aw-fuzz-${name}-`));
  const args = [
    `-max_total_time=${perFamily}`, '-seed=1', '-print_final_stats=1', '-timeout=10', '-rss_limit_mb=2048', '-max_len=4096',
    `-artifact_prefix=${artifacts}/${name}-`, ...(scratch ? [scratch, corpus] : [corpus]),
  ];
  return new Promise((resolve) => {
    const child = spawn(binary, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (chunk) => { log += chunk; });
    child.on('close', (code) => {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      const runs = Number(log.match(/stat::number_of_executed_units:\s*(\d+)/)?.[1] ?? log.match(/Done (\d+) runs/)?.[1] ?? 0);
      const ok = code === 0;
      if (!ok) process.stderr.write(log.split('\n').slice(-60).join('\n'));
      const finding = log.match(/invariant broken: .*|ERROR: \w+Sanitizer: [^\n]*|runtime error: [^\n]*|deadly signal/)?.[0];
      resolve({ name, runs, ok, note: ok ? '' : finding ?? `exit code ${code}` });
    });
  });
}

console.log(`[fuzz] ${chosen.length} families × ${perFamily} s, ${Math.min(jobs, chosen.length)} at a time (clang 14 libFuzzer, ASan + UBSan)`);
// A small pool: each worker takes the next family until none is left; results keep the families' order.
const results = new Array(chosen.length);
let next = 0;
async function worker() {
  while (next < chosen.length) {
    const index = next++;
    const result = await fuzz(chosen[index]);
    results[index] = result;
    console.log(`[fuzz] ${result.name.padEnd(11)} ${String(result.runs).padStart(9)} executions  ${result.ok ? 'nothing found' : `FOUND: ${result.note}`}`);
  }
}
await Promise.all(Array.from({ length: Math.min(jobs, chosen.length) }, worker));
const passed = results.filter((r) => r.ok).length;
const total = results.reduce((sum, r) => sum + r.runs, 0);
console.log(`[fuzz] ${total} executions in all`);
console.log(`fuzz summary: ${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
