// The scalar build loads next to the SIMD build, says which it is, and computes the same results.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';

import { isSimdSupported } from 'attention-workshop';
import { attention, maxAbsDifference } from './helpers.mjs';

let simd;
let scalar;
// The one place the version lives; CMake passes it to the core.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

test('info() says which build is running', () => {
  assert.ok(isSimdSupported(), 'Node 20 runs WebAssembly SIMD');
  assert.deepEqual({ ...simd.info(), memoryBytes: 0, heapBytes: 0 }, { version, simd: true, arch: 'wasm', lanes: 4, memoryBytes: 0, heapBytes: 0 });
  assert.deepEqual({ ...scalar.info(), memoryBytes: 0, heapBytes: 0 }, { version, simd: false, arch: 'scalar', lanes: 1, memoryBytes: 0, heapBytes: 0 });
  assert.ok(simd.info().memoryBytes >= 16 * 2 ** 20);
});

// Sizes chosen to hit vector tails (5, 63, 65) and more than one tile. The random generator is pure
// JavaScript, so either instance gives the same inputs.
const n = (shape, seed) => simd.random.normal(shape, { seed, std: 0.5 });
let q;
let k;
let v;
let W;
before(async () => {
  [simd, scalar] = await Promise.all([attention('simd'), attention('scalar')]);
  q = n([2, 65, 63], 1);
  k = n([2, 70, 63], 2);
  v = n([2, 70, 5], 3);
  W = n([63, 63], 4);
});
const calls = {
  softmax: (a) => a.softmax(q),
  logSoftmax: (a) => a.logSoftmax(q, { temperature: 0.7 }),
  scaledDotProductAttention: (a) => a.scaledDotProductAttention(q, k, v, { causal: true }).output,
  'scaledDotProductAttention weights': (a) => a.scaledDotProductAttention(q, k, v).weights,
  additiveAttention: (a) => a.additiveAttention(q, k, v, { Wq: W, Wk: W, w: W.data.subarray(0, 63) }).output,
  hardAttention: (a) => a.hardAttention(q, k, v, { topK: 3 }).output,
  multiHeadAttention: (a) => a.multiHeadAttention(k, k, k, { numHeads: 7, Wq: W, Wk: W, Wv: W, Wo: W, causal: true }).output,
  flashAttention: (a) => a.flashAttention(q, k, v, { blockSize: 16 }).output,
  'scores.dot': (a) => a.scores.dot(q, k),
  'scores.bilinear': (a) => a.scores.bilinear(q, k, { W }),
  'positional.rope': (a) => a.positional.rope(n([3, 10, 64], 5)),
  'positional.sinusoidal': (a) => a.positional.sinusoidal(33, 65),
  'masks.slidingWindow': (a) => a.masks.slidingWindow(9, 3, { causal: false }),
};

for (const [name, call] of Object.entries(calls)) {
  test(`the scalar build agrees with the SIMD build: ${name}`, () => {
    const difference = maxAbsDifference(call(simd), call(scalar));
    assert.ok(difference < 2e-5, `max |simd − scalar| = ${difference}`);
  });
}
