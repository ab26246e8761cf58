// The speed explorer's measuring worker: times attention at growing n for each engine, off the main thread,
// and reports each figure as soon as it has it. Stop = the page terminates this worker (and with it the
// pool's workers): a running wasm call cannot be interrupted any other way.
//
// in:  { type: 'run', engines: ['js' | 'scalar' | 'naive' | 'tiled' | 'pool'], sizes: number[], heads, width }
// out: { type: 'progress', done, total, engine, n } · { type: 'result', engine, n, ms, gflops, bytes (scratch), calls }
//      { type: 'skipped', engine, n, reason } · { type: 'agreement', maxDifference } · { type: 'done' } · { type: 'error', message }
import { createAttention, createAttentionPool } from 'attention-workshop';
import { plainAttention } from './plain-attention.js';

/** A call longer than this marks the engine too slow for the next n (about 4× longer again). */
const SLOW_CALL_MS = 1500;
/** Each figure is the median of at least 3 calls and at least this much time, after one warm-up call. */
const MIN_MEASURE_MS = 150;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(call) {
  await call(); // warm-up: the first long call of a wasm function may run in V8's baseline compiler
  const times = [];
  const started = performance.now();
  while (times.length < 3 || (performance.now() - started < MIN_MEASURE_MS && times.length < 50)) {
    const t0 = performance.now();
    await call();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), calls: times.length };
}

async function run({ engines, sizes, heads, width }) {
  const simd = await createAttention();
  const scalar = engines.includes('scalar') ? await createAttention({ simd: false }) : null;
  const pool = engines.includes('pool') ? await createAttentionPool() : null;
  const scratchOf = (attn, call) => {
    attn.scratchMemory({ resetPeak: true });
    call();
    return attn.scratchMemory().peakBytes;
  };
  // Each engine: a call writing into `out`, and the peak scratch bytes of one call (null when unknown).
  const engineCalls = {
    js: (q, k, v, n, out) => ({ call: () => plainAttention(q.data, k.data, v.data, heads, n, width, out.output), scratch: () => n * n * 4 }),
    scalar: (q, k, v, n, out) => ({ call: () => scalar.scaledDotProductAttention(q, k, v, { returnWeights: false, out }), scratch: () => scratchOf(scalar, () => scalar.scaledDotProductAttention(q, k, v, { returnWeights: false, out })) }),
    naive: (q, k, v, n, out) => ({ call: () => simd.scaledDotProductAttention(q, k, v, { returnWeights: false, out }), scratch: () => scratchOf(simd, () => simd.scaledDotProductAttention(q, k, v, { returnWeights: false, out })) }),
    tiled: (q, k, v, n, out) => ({ call: () => simd.flashAttention(q, k, v, { out }), scratch: () => scratchOf(simd, () => simd.flashAttention(q, k, v, { out })) }),
    pool: (q, k, v, n, out) => ({ call: () => pool.flashAttention(q, k, v, { out }), scratch: () => null }),
  };
  postMessage({ type: 'started', workers: pool?.size ?? null, crossOriginIsolated: self.crossOriginIsolated === true });

  const tooSlow = new Set();
  const total = engines.length * sizes.length;
  let done = 0;
  for (const n of sizes) {
    const shape = [heads, n, width];
    const [q, k, v] = [1, 2, 3].map((seed) => simd.random.normal(shape, { seed }));
    const outputs = {};
    for (const engine of engines) {
      postMessage({ type: 'progress', done, total, engine, n });
      if (tooSlow.has(engine)) {
        postMessage({ type: 'skipped', engine, n, reason: 'slow' });
      } else {
        const out = { output: new Float32Array(heads * n * width) };
        const { call, scratch } = engineCalls[engine](q, k, v, n, out);
        const { ms, calls } = await measure(call);
        const scratchBytes = scratch();
        outputs[engine] = out.output;
        const flop = 4 * heads * n * n * width; // two n × n × d products per head
        // bytes: the extra (scratch) memory of one call; inputs and output are the same for every engine.
        postMessage({ type: 'result', engine, n, ms, calls, gflops: flop / ms / 1e6, bytes: scratchBytes });
        if (ms > SLOW_CALL_MS) tooSlow.add(engine);
      }
      done += 1;
    }
    if (n === sizes[0]) {
      // The engines compute the same thing: say how far apart their outputs are at the first size.
      const reference = outputs.naive ?? Object.values(outputs)[0];
      let maxDifference = 0;
      for (const output of Object.values(outputs)) {
        for (let i = 0; i < output.length; i += 1) maxDifference = Math.max(maxDifference, Math.abs(output[i] - reference[i]));
      }
      postMessage({ type: 'agreement', maxDifference, engines: Object.keys(outputs) });
    }
  }
  await pool?.dispose();
  postMessage({ type: 'progress', done, total });
  postMessage({ type: 'done' });
}

self.addEventListener('message', ({ data }) => {
  if (data?.type !== 'run') return;
  run(data).catch((error) => postMessage({ type: 'error', message: String(error?.message ?? error) }));
});
postMessage({ type: 'ready' });
