#!/usr/bin/env node
// What calling the core through the JavaScript API costs: for 8 heads × L = 1024 × d = 64, the time
// of attn.scaledDotProductAttention() as a user sees it (copies in and out included) against the
// same work timed inside C++ on data already in wasm memory. Target: within 15 %.
//
//   node scripts/bench-api.mjs [--rounds 7] [--calls 5] [--scalar]
//
// Measured side by side, alternating, in one process (timings on a shared 2-core machine drift);
// each figure is the median over rounds of the mean over `calls` calls. Warm-up first: V8 runs a
// wasm function's first long call in its baseline compiler (Liftoff) and has no on-stack replacement.
import { parseArgs } from 'node:util';

import { createAttention } from 'attention-workshop';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    calls: { type: 'string', default: '5' },
    scalar: { type: 'boolean', default: false },
  },
});
const rounds = Number(args.rounds);
const calls = Number(args.calls);

const heads = 8;
const length = 1024;
const width = 64;
const flop = 4 * heads * length * length * width; // two [L, L, d] products per head

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function benchmark(simd) {
  const attn = await createAttention({ simd });
  const shape = [heads, length, width];
  const q = attn.random.normal(shape, { seed: 1 });
  const k = attn.random.normal(shape, { seed: 2 });
  const v = attn.random.normal(shape, { seed: 3 });

  // With reuse, every call writes into the same caller-provided buffers (the `out` option).
  const buffers = { output: new Float32Array(heads * length * width), weights: new Float32Array(heads * length * length) };
  const timeJs = (returnWeights, reuse) => {
    const out = reuse ? (returnWeights ? buffers : { output: buffers.output }) : undefined;
    const start = performance.now();
    for (let i = 0; i < calls; i += 1) attn.scaledDotProductAttention(q, k, v, { returnWeights, out });
    return (performance.now() - start) / calls;
  };
  const timeCpp = (returnWeights) => attn.timeScaledDotProductAttention(q, k, v, { iterations: calls, returnWeights });

  console.log(`${attn.info().arch} build (simd: ${attn.info().simd}), q, k, v [${shape.join(', ')}], ${rounds} rounds × ${calls} calls`);
  for (const [returnWeights, reuse] of [[false, false], [false, true], [true, false], [true, true]]) {
    for (let i = 0; i < 2; i += 1) { timeJs(returnWeights, reuse); timeCpp(returnWeights); } // warm-up
    const js = [];
    const cpp = [];
    for (let round = 0; round < rounds; round += 1) {
      js.push(timeJs(returnWeights, reuse));
      cpp.push(timeCpp(returnWeights));
    }
    const jsMs = median(js);
    const cppMs = median(cpp);
    const copied = (returnWeights ? `in 6 MiB, out 2 MiB + 32 MiB weights` : 'in 6 MiB, out 2 MiB') + (reuse ? ' into reused out buffers' : ' into fresh arrays');
    console.log(`  returnWeights: ${String(returnWeights).padEnd(5)} out: ${reuse ? 'reused' : 'fresh '}  JS call ${jsMs.toFixed(2)} ms   C++ ${cppMs.toFixed(2)} ms   ` +
      `JS / C++ = ${(jsMs / cppMs).toFixed(3)} (${((jsMs / cppMs - 1) * 100).toFixed(1)} % overhead; copies: ${copied})   ` +
      `${(flop / cppMs / 1e6).toFixed(1)} GFLOP/s in C++`);
  }
  // What the weights' copy costs beyond memcpy: the caller gets a fresh 32 MiB Float32Array, and the
  // operating system has to supply (page-fault and zero) fresh memory for it on every call.
  const weightsElements = heads * length * length;
  const freshTimes = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = performance.now();
    new Float32Array(weightsElements).fill(1);
    freshTimes.push(performance.now() - start);
  }
  console.log(`  for scale: filling a fresh ${weightsElements * 4 / 2 ** 20} MiB Float32Array takes ${median(freshTimes).toFixed(2)} ms here`);
  console.log(`  wasm memory: ${(attn.info().memoryBytes / 2 ** 20).toFixed(0)} MiB`);
}

await benchmark(true);
if (args.scalar) await benchmark(false);
