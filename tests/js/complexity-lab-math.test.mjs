// The arithmetic behind the speed explorer (web/src/labs/complexity/): its plain-JavaScript attention must be
// attention (it is timed against the core, so it must compute the same thing), and its slope fit must find
// the exponent of a power law and refuse data it cannot fit.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { asymptoticSlope, logLogSlope } from '../../web/src/labs/complexity/fit.js';
import { plainAttention } from '../../web/src/labs/complexity/plain-attention.js';
import { assertTensorClose, attention } from './helpers.mjs';

test('plain-JavaScript attention gives the core\'s output and counts its n × n scratch', async () => {
  const attn = await attention('simd');
  for (const [heads, n, d] of [[1, 1, 1], [3, 17, 8], [2, 64, 64]]) {
    const [q, k, v] = [1, 2, 3].map((seed) => attn.random.normal([heads, n, d], { seed, std: 2 }));
    const out = new Float32Array(heads * n * d).fill(NaN);
    const scratch = plainAttention(q.data, k.data, v.data, heads, n, d, out);
    assert.equal(scratch, n * n * 4);
    assertTensorClose({ shape: [heads, n, d], data: out }, attn.scaledDotProductAttention(q, k, v, { returnWeights: false }).output,
      { abs: 5e-5, rel: 1e-4 }, `[${heads}, ${n}, ${d}]`);
  }
});

test('plain-JavaScript attention stays finite for huge scores (it subtracts the row maximum)', () => {
  const out = new Float32Array(2);
  plainAttention(new Float32Array([100, 100]), new Float32Array([100, -100]), new Float32Array([1, 2]), 1, 2, 1, out);
  assert.deepEqual([...out], [1, 1]);
});

test('logLogSlope finds the exponent of y = c·xᵇ, written in any units', () => {
  const powerLaw = (b, c) => [64, 128, 256, 512].map((x) => [x, c * x ** b]);
  assert.ok(Math.abs(logLogSlope(powerLaw(2, 3e-6)) - 2) < 1e-12);
  assert.ok(Math.abs(logLogSlope(powerLaw(1, 4096)) - 1) < 1e-12);
  assert.ok(Math.abs(logLogSlope(powerLaw(0, 7)) - 0) < 1e-12);
  // Milliseconds or seconds, bytes or MiB: the slope does not change.
  assert.ok(Math.abs(logLogSlope(powerLaw(2, 1).map(([x, y]) => [x, y / 1000])) - 2) < 1e-12);
});

test('logLogSlope refuses what it cannot fit; asymptoticSlope uses the largest sizes only', () => {
  assert.equal(logLogSlope([]), null);
  assert.equal(logLogSlope([[64, 1]]), null, 'one point');
  assert.equal(logLogSlope([[64, 1], [64, 2]]), null, 'one x');
  assert.equal(logLogSlope([[64, 0], [128, -1], [256, NaN]]), null, 'no positive finite y');
  assert.ok(Math.abs(logLogSlope([[64, 0], [128, 4], [256, 16]]) - 2) < 1e-12, 'zero y left out');
  // Fixed costs flatten the small sizes; the largest three show the n² growth.
  const withOverhead = [16, 32, 64, 128, 256, 512].map((n) => [n, 5 + n * n * 1e-3]);
  assert.ok(logLogSlope(withOverhead) < 1.6);
  assert.ok(asymptoticSlope(withOverhead) > 1.8);
  assert.ok(Math.abs(asymptoticSlope([[512, 4], [64, 1 / 16], [128, 0.25], [256, 1]]) - 2) < 1e-12, 'order does not matter');
});
