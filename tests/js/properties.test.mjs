// Properties that must hold whatever the numbers: the definitions behind the reference values.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { attention, maxAbsDifference } from './helpers.mjs';

/** @type {import('attention-workshop').Attention} */
let attn;
let n;
before(async () => {
  attn = await attention('simd');
  n = (shape, seed) => attn.random.normal(shape, { seed });
});

const rowSums = (t) => {
  const width = t.shape.at(-1);
  const sums = [];
  for (let i = 0; i < t.size; i += width) sums.push(t.data.subarray(i, i + width).reduce((a, b) => a + b, 0));
  return sums;
};

test('softmax rows sum to 1 and are unchanged by adding a constant', () => {
  // Multiples of 1/8, so that adding 1000 is exact in float32.
  const x = { shape: [4, 9], data: n([4, 9], 1).data.map((value) => Math.round(value * 8) / 8) };
  const y = attn.softmax(x);
  for (const sum of rowSums(y)) assert.ok(Math.abs(sum - 1) < 1e-6);
  const shifted = attn.softmax({ shape: x.shape, data: x.data.map((value) => value + 1000) });
  assert.ok(maxAbsDifference(y, shifted) < 1e-6);
});

test('softmax gives −∞ logits weight 0, and a row of only −∞ all zeros, never NaN', () => {
  const y = attn.softmax([[0, -Infinity, 0], [-Infinity, -Infinity, -Infinity]]);
  assert.deepEqual(y.toArray(), [[0.5, 0, 0.5], [0, 0, 0]]);
  const logs = attn.logSoftmax([[0, -Infinity]]);
  assert.ok(Math.abs(logs.get(0, 0)) < 1e-7);
  assert.equal(logs.get(0, 1), -Infinity);
});

test('an all-ones mask gives the same result as no mask', () => {
  const [q, k, v] = [n([2, 5, 8], 1), n([2, 7, 8], 2), n([2, 7, 3], 3)];
  const plain = attn.scaledDotProductAttention(q, k, v);
  const ones = attn.scaledDotProductAttention(q, k, v, { mask: { shape: [5, 7], data: new Float32Array(35).fill(1) } });
  assert.ok(maxAbsDifference(plain.output, ones.output) < 1e-6);
});

test('causal: true equals the masks.causal mask, and an additive −1e9 mask equals the boolean one', () => {
  const [q, k, v] = [n([2, 5, 8], 1), n([2, 7, 8], 2), n([2, 7, 3], 3)];
  const causal = attn.scaledDotProductAttention(q, k, v, { causal: true });
  const mask = attn.masks.causal(5, 7);
  const masked = attn.scaledDotProductAttention(q, k, v, { mask });
  assert.ok(maxAbsDifference(causal.weights, masked.weights) < 1e-7);
  const additive = { shape: mask.shape, data: mask.data.map((m) => (m ? 0 : -1e9)) };
  const viaAdditive = attn.scaledDotProductAttention(q, k, v, { mask: additive, maskKind: 'additive' });
  assert.ok(maxAbsDifference(causal.weights, viaAdditive.weights) < 1e-7);
  assert.equal(causal.weights.get(0, 0, 3), 0, 'query 0 sees keys 0 … 2 only (Lk − Lq = 2)');
  assert.ok(causal.weights.get(0, 0, 2) > 0);
});

test('returnWeights: false copies out no weights and the same output', () => {
  const [q, k, v] = [n([3, 4, 8], 1), n([3, 6, 8], 2), n([3, 6, 2], 3)];
  const full = attn.scaledDotProductAttention(q, k, v);
  const lean = attn.scaledDotProductAttention(q, k, v, { returnWeights: false });
  assert.equal('weights' in lean, false);
  assert.ok(maxAbsDifference(full.output, lean.output) < 1e-6);
});

test('flashAttention equals scaledDotProductAttention for block sizes around the tails', () => {
  const [q, k, v] = [n([2, 67, 16], 1), n([2, 131, 16], 2), n([2, 131, 8], 3)];
  for (const causal of [false, true]) {
    const naive = attn.scaledDotProductAttention(q, k, v, { causal, returnWeights: false }).output;
    for (const blockSize of [1, 3, 63, 64, 65, [5, 130], [200, 200]]) {
      const difference = maxAbsDifference(naive, attn.flashAttention(q, k, v, { causal, blockSize }).output);
      assert.ok(difference < 1e-5, `causal ${causal}, blockSize ${blockSize}: ${difference}`);
    }
  }
});

test("flashAttention's scratch memory does not grow with the sequence length; the naive one's does", () => {
  const peaks = { flash: [], naive: [] };
  for (const length of [256, 1024]) {
    const [q, k, v] = [n([1, length, 64], 1), n([1, length, 64], 2), n([1, length, 64], 3)];
    attn.scratchMemory({ resetPeak: true });
    attn.flashAttention(q, k, v);
    peaks.flash.push(attn.scratchMemory({ resetPeak: true }).peakBytes);
    attn.scaledDotProductAttention(q, k, v, { returnWeights: false });
    peaks.naive.push(attn.scratchMemory({ resetPeak: true }).peakBytes);
  }
  assert.equal(peaks.flash[0], peaks.flash[1]);
  assert.ok(peaks.naive[1] > 4 * peaks.naive[0], `naive peaks ${peaks.naive}`);
});

test('multi-head weights are [..., numHeads, Lq, Lk] with rows summing to 1', () => {
  const x = n([2, 6, 12], 1);
  const W = n([12, 12], 2);
  const { output, weights } = attn.multiHeadAttention(x, x, x, { numHeads: 3, Wq: W, Wk: W, Wv: W, Wo: W });
  assert.deepEqual(output.shape, [2, 6, 12]);
  assert.deepEqual(weights.shape, [2, 3, 6, 6]);
  for (const sum of rowSums(weights)) assert.ok(Math.abs(sum - 1) < 1e-5);
});

test('top-1 hard attention weights are one-hot and pick the row of v with the best score', () => {
  const [q, k, v] = [n([4, 8], 1), n([6, 8], 2), n([6, 3], 3)];
  const { output, weights } = attn.hardAttention(q, k, v);
  const scores = attn.scores.dot(q, k);
  for (let i = 0; i < 4; i += 1) {
    const row = Array.from({ length: 6 }, (_, j) => scores.get(i, j));
    const best = row.indexOf(Math.max(...row));
    for (let j = 0; j < 6; j += 1) assert.equal(weights.get(i, j), j === best ? 1 : 0);
    for (let c = 0; c < 3; c += 1) assert.ok(Math.abs(output.get(i, c) - v.get(best, c)) < 1e-6);
  }
});

test('a padding mask gives padded keys weight 0 in every query row', () => {
  const [q, k, v] = [n([3, 4, 8], 1), n([3, 5, 8], 2), n([3, 5, 2], 3)];
  const lengths = [5, 2, 1];
  const { weights } = attn.scaledDotProductAttention(q, k, v, { mask: attn.masks.padding(lengths, 5) });
  for (let b = 0; b < 3; b += 1) {
    for (let i = 0; i < 4; i += 1) for (let j = lengths[b]; j < 5; j += 1) assert.equal(weights.get(b, i, j), 0);
  }
});

test('RoPE keeps the norm of every pair and makes q·k depend only on the distance', () => {
  const x = n([1, 8], 1);
  const row = (t, p) => Array.from(t.data.subarray(p * 8, p * 8 + 8));
  const repeated = { shape: [6, 8], data: new Float32Array(48).map((_, i) => x.data[i % 8]) };
  const rotated = attn.positional.rope(repeated);
  for (let p = 0; p < 6; p += 1) {
    const y = row(rotated, p);
    for (let i = 0; i < 8; i += 2) {
      assert.ok(Math.abs(Math.hypot(y[i], y[i + 1]) - Math.hypot(x.data[i], x.data[i + 1])) < 1e-5);
    }
  }
  const dot = (a, b) => a.reduce((s, value, i) => s + value * b[i], 0);
  assert.ok(Math.abs(dot(row(rotated, 1), row(rotated, 3)) - dot(row(rotated, 2), row(rotated, 4))) < 1e-4);
  const shifted = attn.positional.rope(repeated, { offset: 2 });
  assert.ok(maxAbsDifference(
    { shape: [4, 8], data: shifted.data.subarray(0, 32) },
    { shape: [4, 8], data: rotated.data.subarray(16, 48) },
  ) < 1e-5, 'offset 2 continues where positions 2 … 5 were');
});

test('the score functions agree with each other where they should', () => {
  const [q, k] = [n([2, 3, 4], 1), n([2, 5, 4], 2)];
  const identity = { shape: [4, 4], data: new Float32Array(16).map((_, i) => (i % 5 === 0 ? 1 : 0)) };
  assert.ok(maxAbsDifference(attn.scores.bilinear(q, k, { W: identity }), attn.scores.dot(q, k)) < 1e-6);
  const scaled = attn.scores.scaledDot(q, k);
  const dot = attn.scores.dot(q, k);
  assert.ok(maxAbsDifference(scaled, { shape: dot.shape, data: dot.data.map((s) => s / 2) }) < 1e-6, '1/√4 = 1/2');
});

test('padding lengths above 2²⁴ arrive exactly (they cross the boundary as numbers, not as float32)', () => {
  // float32 holds every integer only up to 2²⁴: 2²⁴ + 1 would round to 2²⁴ and hide one key too many.
  const n = 2 ** 24 + 3;
  const mask = attn.masks.padding([2 ** 24 + 1], n);
  assert.deepEqual(mask.shape, [1, 1, n]);
  assert.deepEqual(Array.from(mask.data.subarray(2 ** 24 - 1, 2 ** 24 + 3)), [1, 1, 0, 0]);
});

test('an additive mask of −Infinity hides a key exactly as a boolean 0 does', () => {
  const q = n([3, 4], 21);
  const k = n([5, 4], 22);
  const v = n([5, 2], 23);
  const additive = attn.scaledDotProductAttention(q, k, v, { mask: [[0, -Infinity, 0, -Infinity, 0]], maskKind: 'additive' });
  const boolean = attn.scaledDotProductAttention(q, k, v, { mask: [[1, 0, 1, 0, 1]] });
  assert.equal(additive.weights.get(0, 1), 0);
  assert.ok(maxAbsDifference(additive.output, boolean.output) < 1e-6);
});
