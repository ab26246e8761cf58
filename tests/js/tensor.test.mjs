// Tensors in and out: every accepted input form gives the same result, outputs own their data and
// offer get() and toArray().
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { Tensor, tensor } from 'attention-workshop';
import { attention } from './helpers.mjs';

/** @type {import('attention-workshop').Attention} */
let attn;
before(async () => {
  attn = await attention('simd');
});

const nested = [[1, 2, 3], [-1, 0, 4]];
const flat = [1, 2, 3, -1, 0, 4];

test('nested arrays, { shape, data } with an array, a Float32Array or a Float64Array, and a Tensor all give the same softmax', () => {
  const expected = attn.softmax(nested);
  const forms = [
    { shape: [2, 3], data: flat },
    { shape: [2, 3], data: Float32Array.from(flat) },
    { shape: [2, 3], data: Float64Array.from(flat) },
    tensor(nested),
    new Tensor([2, 3], Float32Array.from(flat)),
  ];
  for (const form of forms) assert.deepEqual(Array.from(attn.softmax(form).data), Array.from(expected.data));
});

test('a typed array is a 1-d tensor', () => {
  const y = attn.softmax(new Float32Array([0, 0, 0, 0]));
  assert.deepEqual(y.shape, [4]);
  assert.deepEqual(Array.from(y.data), [0.25, 0.25, 0.25, 0.25]);
});

test('booleans count as 1 and 0, so masks can be written as true/false', () => {
  const q = attn.random.normal([1, 2, 4], { seed: 1 });
  const k = attn.random.normal([1, 3, 4], { seed: 2 });
  const v = attn.random.normal([1, 3, 2], { seed: 3 });
  const withBooleans = attn.scaledDotProductAttention(q, k, v, { mask: [[true, false, true], [false, true, true]] });
  const withNumbers = attn.scaledDotProductAttention(q, k, v, { mask: [[1, 0, 1], [0, 1, 1]] });
  assert.deepEqual(Array.from(withBooleans.weights.data), Array.from(withNumbers.weights.data));
  assert.equal(withBooleans.weights.get(0, 0, 1), 0);
});

test('outputs are Tensors with shape, data, rank, size, get(...index) and toArray()', () => {
  const y = attn.softmax(nested);
  assert.ok(y instanceof Tensor);
  assert.deepEqual(y.shape, [2, 3]);
  assert.ok(Object.isFrozen(y.shape));
  assert.equal(y.rank, 2);
  assert.equal(y.size, 6);
  assert.ok(y.data instanceof Float32Array);
  assert.equal(y.get(1, 2), y.data[5]);
  assert.equal(y.get(-1, -1), y.data[5], 'negative indices count from the end');
  const rows = y.toArray();
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[1], Array.from(y.data.subarray(3, 6)));
  assert.deepEqual(JSON.parse(JSON.stringify(y)), { shape: [2, 3], data: Array.from(y.data) });
});

test('get() checks the number and range of its indices', () => {
  const y = attn.softmax(nested);
  assert.throws(() => y.get(0), /Tensor\.get: expected 2 indices for shape \[2, 3\], got 1/);
  assert.throws(() => y.get(2, 0), /Tensor\.get: index number 2 is out of range for axis 0 of shape \[2, 3\]/);
  assert.throws(() => y.get(0, 1.5), /out of range for axis 1/);
});

test('toArray() of a rank-3 result nests three deep', () => {
  const y = attn.softmax(attn.random.normal([2, 3, 4], { seed: 5 }));
  const rows = y.toArray();
  assert.equal(rows.length, 2);
  assert.equal(rows[0].length, 3);
  assert.equal(rows[0][0].length, 4);
  assert.equal(rows[1][2][3], y.get(1, 2, 3));
});

test('tensor() builds from nested arrays or flat data and a shape, copying the data', () => {
  const source = [1, 2, 3, 4, 5, 6];
  const t = tensor(source, [3, 2]);
  source[0] = 100;
  assert.deepEqual(t.shape, [3, 2]);
  assert.equal(t.get(0, 0), 1);
  assert.deepEqual(tensor([[1, 2], [3, 4]]).toArray(), [[1, 2], [3, 4]]);
  assert.equal(attn.tensor, tensor);
  assert.throws(() => tensor([1, 2, 3], [2, 2]), /tensor: value\.data has 3 elements but shape \[2, 2\] needs 4/);
});

test('the inputs are never modified', () => {
  const data = Float32Array.from(flat);
  const q = { shape: [2, 3], data };
  attn.softmax(q);
  attn.positional.rope({ shape: [3, 2], data });
  assert.deepEqual(Array.from(data), flat);
});

test('an 8-d input gives 9-d multi-head weights with the right shape', () => {
  const x = attn.random.normal([1, 1, 1, 1, 1, 2, 3, 4], { seed: 1 });
  const W = attn.random.normal([4, 4], { seed: 2 });
  const { output, weights } = attn.multiHeadAttention(x, x, x, { numHeads: 2, Wq: W, Wk: W, Wv: W, Wo: W });
  assert.deepEqual(output.shape, [1, 1, 1, 1, 1, 2, 3, 4]);
  assert.deepEqual(weights.shape, [1, 1, 1, 1, 1, 2, 2, 3, 3]);
  assert.equal(weights.size, 36);
});
