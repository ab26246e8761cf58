#!/usr/bin/env node
// Our core against what people would use instead in a browser: onnxruntime-web's wasm backend (one
// thread, and its threaded mode, which in browsers needs cross-origin isolation but runs in Node),
// against our SIMD build (naive and tiled, one thread) and our worker pool (all cores, no
// SharedArrayBuffer). 8 heads, d = 64, n = 512 … 4096, output only (no weights returned).
//
//   node --no-liftoff scripts/bench-peers.mjs [--lengths 512,1024,2048,4096] [--quick]
//
// Printed, never asserted. Targets (issue 11): our single thread ≥ 1.7× onnxruntime-web at every n;
// the pool ≥ 1.8× our single thread on 2 cores for n ≥ 1024. Each figure is the median of a few
// calls after warm-up calls (V8 has no on-stack replacement for wasm: a first long call may run in
// the baseline compiler). Engines run one after another for each n, in one process, so they share
// the machine's state; onnxruntime-web's threaded mode runs in a child process, because its thread
// count is fixed when its wasm module is first loaded.
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import * as ort from 'onnxruntime-web';
import { createAttention, createAttentionPool } from 'attention-workshop';
import { attentionModel } from './bench/onnx-attention-model.mjs';

const { values: args } = parseArgs({
  options: {
    lengths: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'ort-threads-only': { type: 'string' }, // internal: the child process measuring threaded onnxruntime-web
  },
});
const heads = 8;
const width = 64;
const lengths = (args.lengths ?? (args.quick ? '512,1024' : '512,1024,2048,4096')).split(',').map(Number);
const cores = os.availableParallelism();
const flop = (n) => 4 * heads * n * n * width;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Median ms of each engine's call (sync or async) for one n: warm-up calls first, then rounds in
 * which every engine runs once in turn (so a change in the machine's load hits all of them alike),
 * at least 3 rounds, fewer past a time budget. An engine that throws is reported as failed.
 */
async function timeAlternating(engines, n, { budgetMs = 8000 } = {}) {
  const warmUp = n >= 2048 ? 1 : 2;
  const times = Object.fromEntries(Object.keys(engines).map((name) => [name, []]));
  const failed = {};
  for (const [name, call] of Object.entries(engines)) {
    try {
      for (let i = 0; i < warmUp; i += 1) await call();
    } catch (error) {
      failed[name] = `failed: ${String(error.message ?? error).slice(0, 60)}`;
    }
  }
  const started = performance.now();
  for (let round = 0; round < 3 && (round === 0 || performance.now() - started < budgetMs); round += 1) {
    for (const [name, call] of Object.entries(engines)) {
      if (failed[name]) continue;
      const t0 = performance.now();
      await call();
      times[name].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(Object.keys(engines).map((name) => [name, failed[name] ?? median(times[name])]));
}

function randomInputs(n, seed) {
  // The same numbers for every engine: our seeded generator, then plain Float32Arrays.
  return ['q', 'k', 'v'].map((_, i) => inputsSource.random.normal([heads, n, width], { seed: seed + i }).data);
}

/** An onnxruntime-web session of the attention graph; its thread count is fixed at the first session. */
async function ortSession(threads) {
  ort.env.wasm.numThreads = threads;
  const session = await ort.InferenceSession.create(attentionModel({ heads, width }), { executionProviders: ['wasm'] });
  return {
    call: (n, [qd, kd, vd]) => {
      const [q, k, v] = [qd, kd, vd].map((data) => new ort.Tensor('float32', data, [heads, n, width]));
      return () => session.run({ q, k, v });
    },
    release: () => session.release(),
  };
}

const inputsSource = await createAttention();

/**
 * How much parallel speed the machine offers right now: the same fixed CPU-bound loop in `threads` worker
 * threads at once against one alone, as a throughput ratio (≈ threads on an idle machine, ≈ 1 when other
 * processes already keep the cores busy). The pool's speed-up cannot exceed it.
 */
async function parallelCapacity(threads) {
  const spin = `const { parentPort } = require('node:worker_threads');
    const t0 = performance.now(); let x = 0; for (let i = 0; i < 3e8; i += 1) x = (x + i * 1e-9) % 7;
    parentPort.postMessage([performance.now() - t0, x]);`;
  const runSpinners = (count) => Promise.all(Array.from({ length: count }, () => new Promise((resolve, reject) => {
    const worker = new Worker(spin, { eval: true });
    worker.once('message', ([ms]) => { resolve(ms); worker.terminate(); });
    worker.once('error', reject);
  })));
  const [alone] = await runSpinners(1);
  const together = Math.max(...await runSpinners(threads));
  return (threads * alone) / together;
}

if (args['ort-threads-only']) {
  const session = await ortSession(Number(args['ort-threads-only']));
  const results = {};
  for (const n of lengths) results[n] = (await timeAlternating({ ort: session.call(n, randomInputs(n, 1)) }, n)).ort;
  await session.release();
  console.log(JSON.stringify(results));
  process.exit(0);
}

console.log(`8 heads, d = ${width}, output only; ${cores} logical cores; Node ${process.version}; onnxruntime-web ${ort.env.versions?.web ?? ''}`);
const capacityBefore = await parallelCapacity(cores);
const attn = await createAttention();
const pool = await createAttentionPool({ workers: cores });
const onnx = await ortSession(1);
const ours = {};
const ortSingle = {};
for (const n of lengths) {
  const inputs = randomInputs(n, 1);
  const [q, k, v] = inputs.map((data) => ({ shape: [heads, n, width], data }));
  // Reused output buffers, as a loop over many calls would do (the out option).
  const out = { output: new Float32Array(heads * n * width) };
  const measured = await timeAlternating({
    ort: onnx.call(n, inputs),
    naive: () => attn.scaledDotProductAttention(q, k, v, { returnWeights: false, out }),
    tiled: () => attn.flashAttention(q, k, v, { out }),
    poolNaive: () => pool.scaledDotProductAttention(q, k, v, { returnWeights: false, out }),
    poolTiled: () => pool.flashAttention(q, k, v, { out }),
  }, n);
  ortSingle[n] = measured.ort;
  ours[n] = measured;
}
await pool.dispose();
await onnx.release();

// The pool's own cost (messages, copies in and out), apart from parallelism: a one-worker pool against
// the synchronous call, at the first n ≥ 1024 measured.
const overheadN = lengths.find((n) => n >= 1024) ?? lengths.at(-1);
const onePool = await createAttentionPool({ workers: 1 });
const overheadInputs = randomInputs(overheadN, 1).map((data) => ({ shape: [heads, overheadN, width], data }));
const overhead = await timeAlternating({
  sync: () => attn.flashAttention(...overheadInputs),
  onePool: () => onePool.flashAttention(...overheadInputs),
}, overheadN);
await onePool.dispose();
const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--lengths', lengths.join(','), '--ort-threads-only', String(cores)], { encoding: 'utf8' });
let ortThreaded = {};
try {
  ortThreaded = JSON.parse(child.stdout.trim().split('\n').at(-1));
} catch {
  console.log(`onnxruntime-web threaded: could not run (${(child.stderr || child.stdout).trim().split('\n').at(-1)})`);
}

const cell = (ms, n) => (typeof ms === 'number' ? `${ms.toFixed(1).padStart(7)} ms ${(flop(n) / ms / 1e6).toFixed(1).padStart(5)} GF/s` : String(ms ?? '-').slice(0, 23).padEnd(23));
const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' ? `${(b / a).toFixed(2)}×` : '-');
const columns = [['ORT 1 thread', (n) => ortSingle[n]], [`ORT ${cores} threads`, (n) => ortThreaded[n]], ['ours SIMD naive', (n) => ours[n].naive],
  ['ours SIMD tiled', (n) => ours[n].tiled], [`pool ×${cores} naive`, (n) => ours[n].poolNaive], [`pool ×${cores} tiled`, (n) => ours[n].poolTiled]];
console.log(`${'n'.padStart(5)}  ${columns.map(([name]) => name.padEnd(23)).join(' ')}`);
for (const n of lengths) console.log(`${String(n).padStart(5)}  ${columns.map(([, get]) => cell(get(n), n)).join(' ')}`);
console.log('\nratios (higher is better for us; targets: single ≥ 1.7× ORT 1 thread, pool ≥ 1.8× single for n ≥ 1024)');
console.log(`${'n'.padStart(5)}  ${['naive / ORT 1t', 'best single / ORT 1t', `pool naive / naive`, `pool tiled / tiled`, `best pool / ORT ${cores}t`].map((s) => s.padEnd(22)).join('')}`);
for (const n of lengths) {
  const o = ours[n];
  const bestSingle = Math.min(o.naive, o.tiled);
  const bestPool = Math.min(o.poolNaive, o.poolTiled);
  console.log(`${String(n).padStart(5)}  ${[ratio(o.naive, ortSingle[n]), ratio(bestSingle, ortSingle[n]), ratio(o.poolNaive, o.naive), ratio(o.poolTiled, o.tiled), ratio(bestPool, ortThreaded[n])].map((s) => s.padEnd(22)).join('')}`);
}
console.log(`pool overhead: a 1-worker pool's flashAttention takes ${(overhead.onePool / overhead.sync).toFixed(3)}× the synchronous call at n = ${overheadN} ` +
  `(${overhead.sync.toFixed(1)} vs ${overhead.onePool.toFixed(1)} ms: messages and copies, no parallelism)`);
const capacityAfter = await parallelCapacity(cores);
console.log(`parallel capacity of this machine during the run: ${capacityBefore.toFixed(2)}× before, ${capacityAfter.toFixed(2)}× after ` +
  `(${cores} busy threads against one; ${cores}.00× on an idle machine) — the pool cannot beat it; ` +
  `load average ${os.loadavg()[0].toFixed(1)} on ${cores} cores`);
