// A table of bad calls: each throws a JavaScript Error whose message names the function and the
// argument and says what was expected and what was given; the instance keeps working afterwards
// and holds no more memory than before.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { attention } from './helpers.mjs';

let attn;
let n;
let q;
let k;
let v;
let W;
before(async () => {
  attn = await attention('simd');
  n = (shape, seed) => attn.random.normal(shape, { seed });
  q = n([2, 4, 8], 1);
  k = n([2, 6, 8], 2);
  v = n([2, 6, 5], 3);
  W = n([8, 8], 4);
});

const mha = (options) => attn.multiHeadAttention(q, q, q, { numHeads: 2, Wq: W, Wk: W, Wv: W, Wo: W, ...options });

// [behaviour, call, expected error class, expected message pattern]. `attn` is untyped here on purpose: these calls
// are wrong; tests/types/rejected-calls.mjs checks that the types refuse them as well.
/** @type {Array<[string, () => unknown, ErrorConstructor, RegExp]>} */
const badCalls = [
  // wrong types
  ['softmax of a string is a TypeError naming x', () => attn.softmax('logits'), TypeError, /^softmax: x must be a tensor: \{ shape, data \}, nested arrays of numbers or a Float32Array; got string$/],
  ['softmax of undefined names x', () => attn.softmax(), TypeError, /softmax: x must be a tensor.*got undefined/],
  ['a string inside nested arrays names its index', () => attn.softmax([[1, 2], [3, '4']]), TypeError, /softmax: x\[1\]\[1\] must be a number, got string/],
  ['an object in data names its index', () => attn.softmax({ shape: [2], data: [1, {}] }), TypeError, /softmax: x\.data\[1\] must be a number, got object/],
  ['data of the wrong type', () => attn.softmax({ shape: [2], data: 'ab' }), TypeError, /softmax: x\.data must be a Float32Array or an array of numbers, got string/],
  ['a shape that is not an array', () => attn.softmax({ shape: 3, data: [1, 2, 3] }), TypeError, /softmax: x\.shape must be an array of positive integers, got number 3/],
  ['options that are not an object', () => attn.softmax([1, 2], 2), TypeError, /softmax: expected an options object or undefined, got number 2/],
  ['a misspelt option is refused', () => attn.softmax([1, 2], { temprature: 2 }), TypeError, /softmax: unknown option 'temprature' \(expected one of: temperature\)/],
  ['a non-boolean causal', () => attn.scaledDotProductAttention(q, k, v, { causal: 'yes' }), TypeError, /scaledDotProductAttention: options\.causal must be true or false, got string/],
  ['an unknown mask kind', () => attn.scaledDotProductAttention(q, k, v, { mask: [[1]], maskKind: 'soft' }), TypeError, /options\.maskKind must be 'boolean' or 'additive', got string/],
  ['a blockSize that is not a number', () => attn.flashAttention(q, k, v, { blockSize: 'big' }), TypeError, /flashAttention: options\.blockSize must be a positive integer or \[queryRows, keys\], got string/],
  ['padding lengths that are not an array', () => attn.masks.padding('3', 5), TypeError, /masks\.padding: lengths must be an array of whole numbers, got string/],

  // wrong rank
  ['a rank-1 query', () => attn.scaledDotProductAttention([1, 2, 3], k, v), RangeError, /scaledDotProductAttention: q must have at least 2 dimensions; expected \[\.\.\., Lq, d\], got \[3\]/],
  ['rope of a vector', () => attn.positional.rope([1, 2]), RangeError, /positional\.rope: x must have at least 2 dimensions; expected \[\.\.\., L, d\], got \[2\]/],
  ['more than 8 dimensions', () => attn.softmax({ shape: [1, 1, 1, 1, 1, 1, 1, 1, 2], data: [1, 2] }), RangeError, /softmax: x has rank 9; at most 8 dimensions are supported/],
  ['a ragged nested array', () => attn.softmax([[1, 2], [3]]), RangeError, /softmax: x\[1\] must be an array of length 2 \(shape \[2, 2\] inferred from the first elements\), got length 1/],

  // mismatched shapes
  ['q and k with different d', () => attn.scaledDotProductAttention(q, n([2, 6, 4]), v), RangeError, /scaledDotProductAttention: k must have the same last dimension as q \(d = 8\); expected \[\.\.\., Lk, 8\], got \[2, 6, 4\]/],
  ['k and v with different Lk', () => attn.scaledDotProductAttention(q, k, n([2, 5, 5])), RangeError, /scaledDotProductAttention: v must have one row per key, as many as k \(Lk = 6\); expected \[\.\.\., 6, dv\], got \[2, 5, 5\]/],
  ['batch dimensions that do not broadcast', () => attn.scaledDotProductAttention(q, n([3, 6, 8]), n([3, 6, 5])), RangeError, /scaledDotProductAttention: the leading \(batch\/head\) dimensions of k and q must broadcast/],
  ['a mask that does not broadcast to the scores', () => attn.scaledDotProductAttention(q, k, v, { mask: n([3, 6]) }), RangeError, /scaledDotProductAttention: mask must broadcast to the scores \[\.\.\., Lq, Lk\].*expected \[2, 4, 6\].*got \[3, 6\]/],
  ['data shorter than the shape', () => attn.softmax({ shape: [2, 2], data: [1, 2, 3] }), RangeError, /softmax: x\.data has 3 elements but shape \[2, 2\] needs 4/],
  ['numHeads that does not divide the model width', () => mha({ numHeads: 3 }), RangeError, /multiHeadAttention: Wq must have numHeads·d_head columns, a positive multiple of numHeads \(3\); expected \[8, 3·d_head\], got \[8, 8\]/],
  ['numKvHeads that does not divide numHeads', () => mha({ numHeads: 4, numKvHeads: 3 }), RangeError, /multiHeadAttention: numKvHeads must divide numHeads \(4\).*got 3/],
  ['Wq with the wrong number of rows', () => mha({ Wq: n([7, 8]) }), RangeError, /multiHeadAttention: Wq must be a matrix with one row per query feature \(8\); expected \[8, numHeads·d_head\], got \[7, 8\]/],
  ['a bias of the wrong length', () => mha({ bq: n([5]) }), RangeError, /multiHeadAttention: bq .*expected \[8\], got \[5\]/],
  ['additive weights that disagree on h', () => attn.additiveAttention(q, k, v, { Wq: n([8, 3]), Wk: n([8, 3]), w: n([4]) }), RangeError, /additiveAttention: Wq must have one column per hidden unit of w \(h = 4\); expected \[8, 4\], got \[8, 3\]/],
  ['a bilinear W of the wrong shape', () => attn.scores.bilinear(q, k, { W: n([8, 7]) }), RangeError, /scores\.bilinear: W must be \[dq, dk\].*expected \[8, 8\], got \[8, 7\]/],
  ['rope of an odd width', () => attn.positional.rope(n([3, 5])), RangeError, /positional\.rope: the last dimension of x must be even.*got \[3, 5\]/],
  ['topK larger than the number of keys', () => attn.hardAttention(q, k, v, { topK: 7 }), RangeError, /hardAttention: topK must be between 1 and the number of keys \(Lk = 6\); got 7/],

  // zero or negative sizes
  ['a zero extent', () => attn.softmax({ shape: [0, 3], data: [] }), RangeError, /softmax: x\.shape\[0\] must be a positive integer, got number 0/],
  ['a negative extent', () => attn.softmax({ shape: [-2], data: [1, 2] }), RangeError, /softmax: x\.shape\[0\] must be a positive integer, got number -2/],
  ['an empty nested array', () => attn.softmax([]), RangeError, /softmax: x is empty \(nested arrays of shape \[0\]\)/],
  ['an empty inner array', () => attn.softmax([[]]), RangeError, /softmax: x is empty \(nested arrays of shape \[1, 0\]\)/],
  ['a causal mask of size 0', () => attn.masks.causal(0), RangeError, /masks\.causal: lq must be at least 1, got 0/],
  ['a causal mask of negative size', () => attn.masks.causal(-3), RangeError, /masks\.causal: lq must be at least 1, got -3/],
  ['a fractional size', () => attn.masks.causal(2.5), RangeError, /masks\.causal: lq must be an integer, got 2\.5/],
  ['a sliding window of 0', () => attn.masks.slidingWindow(5, 0), RangeError, /masks\.slidingWindow: window must be at least 1, got 0/],
  ['a padding length beyond n', () => attn.masks.padding([2, 6], 5), RangeError, /masks\.padding: lengths\[1\] = 6 exceeds the sequence length n = 5/],
  ['a negative padding length', () => attn.masks.padding([2, -1], 5), RangeError, /masks\.padding: lengths\[1\] must be at least 0, got -1/],
  ['a sinusoidal encoding of width 0', () => attn.positional.sinusoidal(4, 0), RangeError, /positional\.sinusoidal: d must be at least 1, got 0/],
  ['numHeads of 0', () => mha({ numHeads: 0 }), RangeError, /multiHeadAttention: options\.numHeads must be at least 1, got 0/],
  ['topK of 0', () => attn.hardAttention(q, k, v, { topK: 0 }), RangeError, /hardAttention: options\.topK must be at least 1, got 0/],
  ['a blockSize of 0', () => attn.flashAttention(q, k, v, { blockSize: 0 }), RangeError, /flashAttention: options\.blockSize must be at least 1, got 0/],
  ['a random shape with a zero', () => attn.random.normal([2, 0]), RangeError, /random\.normal: shape\[1\] must be a positive integer, got number 0/],

  // NaN, infinities and out-of-range numbers: a RangeError naming the function, the argument and the
  // first bad index; −Infinity only where it means "hidden" (softmax inputs, additive masks)
  ['NaN in the input names its index', () => attn.softmax([[1, 2], [NaN, 4]]), RangeError, /^softmax: x must hold finite numbers or -Infinity \(which means "hidden"\), not NaN or \+Infinity; got NaN at index \[1, 0\] \(shape \[2, 2\]\)$/],
  ['+Infinity in a softmax input', () => attn.softmax([1, Infinity, 2]), RangeError, /^softmax: x must hold finite numbers or -Infinity .*; got Infinity at index \[1\] \(shape \[3\]\)$/],
  ['+Infinity in a logSoftmax input', () => attn.logSoftmax([[0, 1], [2, Infinity]]), RangeError, /^logSoftmax: x must hold .*; got Infinity at index \[1, 1\]/],
  ['a number beyond float32 becomes +Infinity and is refused', () => attn.softmax([1, 1e39]), RangeError, /^softmax: x must hold .*; got Infinity at index \[1\]/],
  ['NaN in a Float32Array', () => attn.scaledDotProductAttention(q, { shape: k.shape, data: k.data.map((x, i) => (i === 9 ? NaN : x)) }, v), RangeError, /^scaledDotProductAttention: k must hold finite numbers, not NaN or ±Infinity; got NaN at index \[0, 1, 1\] \(shape \[2, 6, 8\]\)$/],
  ['+Infinity in q', () => attn.scaledDotProductAttention({ shape: q.shape, data: q.data.map((x, i) => (i === 40 ? Infinity : x)) }, k, v), RangeError, /^scaledDotProductAttention: q must hold finite numbers, not NaN or ±Infinity; got Infinity at index \[1, 1, 0\]/],
  ['-Infinity in v', () => attn.flashAttention(q, k, { shape: v.shape, data: v.data.map((x, i) => (i === 59 ? -Infinity : x)) }), RangeError, /^flashAttention: v must hold finite numbers, not NaN or ±Infinity; got -Infinity at index \[1, 5, 4\]/],
  ['-Infinity in a hard-attention key', () => attn.hardAttention(q, [[[-Infinity, 0, 0, 0, 0, 0, 0, 0]]], [[[1]]]), RangeError, /^hardAttention: k must hold finite numbers.*got -Infinity at index \[0, 0, 0\]/],
  ['NaN in a mask', () => attn.scaledDotProductAttention(q, k, v, { mask: [[NaN]] }), RangeError, /^scaledDotProductAttention: mask must hold finite numbers, not NaN or ±Infinity; got NaN at index \[0, 0\] \(shape \[1, 1\]\)$/],
  ['-Infinity in a boolean mask', () => attn.scaledDotProductAttention(q, k, v, { mask: [[1, -Infinity, 1, 1, 1, 1]] }), RangeError, /^scaledDotProductAttention: mask must hold finite numbers, not NaN or ±Infinity; got -Infinity at index \[0, 1\]/],
  ['+Infinity in an additive mask', () => attn.scaledDotProductAttention(q, k, v, { mask: [[0, 0, Infinity, 0, 0, 0]], maskKind: 'additive' }), RangeError, /^scaledDotProductAttention: mask must hold finite numbers or -Infinity \(which means "hidden"\), not NaN or \+Infinity; got Infinity at index \[0, 2\]/],
  ['NaN in a weight matrix', () => mha({ Wo: { shape: [8, 8], data: new Float32Array(64).fill(NaN) } }), RangeError, /^multiHeadAttention: Wo must hold finite numbers, not NaN or ±Infinity; got NaN at index \[0, 0\] \(shape \[8, 8\]\)$/],
  ['+Infinity in a bias', () => mha({ bv: [0, 0, 0, 0, 0, Infinity, 0, 0] }), RangeError, /^multiHeadAttention: bv must hold finite numbers.*got Infinity at index \[5\]/],
  ['-Infinity in an additive scoring vector', () => attn.additiveAttention(q, k, v, { Wq: W, Wk: W, w: [1, 1, 1, 1, 1, 1, 1, -Infinity] }), RangeError, /^additiveAttention: w must hold finite numbers.*got -Infinity at index \[7\]/],
  ['NaN in a bilinear W', () => attn.scores.bilinear(q, k, { W: { shape: [8, 8], data: new Float32Array(64).fill(1).fill(NaN, 10) } }), RangeError, /^scores\.bilinear: W must hold finite numbers.*got NaN at index \[1, 2\]/],
  ['+Infinity in a RoPE input', () => attn.positional.rope([[0, Infinity]]), RangeError, /^positional\.rope: x must hold finite numbers.*got Infinity at index \[0, 1\]/],
  ['a NaN temperature', () => attn.softmax([1, 2], { temperature: NaN }), RangeError, /softmax: options\.temperature must be a finite number, got NaN/],
  ['a string temperature', () => attn.softmax([1, 2], { temperature: '2' }), TypeError, /softmax: options\.temperature must be a finite number, got string/],
  ['a zero temperature', () => attn.softmax([1, 2], { temperature: 0 }), RangeError, /softmax: temperature must be a finite number > 0; got 0/],
  ['an infinite scale', () => attn.scaledDotProductAttention(q, k, v, { scale: Infinity }), RangeError, /options\.scale must be a finite number, got number Infinity/],
  ['a scale beyond float32', () => attn.scaledDotProductAttention(q, k, v, { scale: 1e39 }), RangeError, /options\.scale must fit in a float32/],
  ['a negative RoPE base', () => attn.positional.rope(n([3, 4]), { base: -1 }), RangeError, /positional\.rope: base must be a finite number > 0; got -1/],
  ['a negative seed', () => attn.random.normal([2], { seed: -1 }), RangeError, /random\.normal: seed must be at least 0, got -1/],
  ['an empty uniform range', () => attn.random.uniform([2], { min: 1, max: 0 }), RangeError, /random\.uniform: options\.max must exceed options\.min/],

  // missing options
  ['additiveAttention without options', () => attn.additiveAttention(q, k, v), TypeError, /additiveAttention: expected an options object \{ Wq, Wk, w, mask, maskKind \}, got undefined/],
  ['additiveAttention without w', () => attn.additiveAttention(q, k, v, { Wq: W, Wk: W }), TypeError, /additiveAttention: options\.w is required \(scoring vector \[h\]\)/],
  ['multiHeadAttention without numHeads', () => attn.multiHeadAttention(q, q, q, { Wq: W, Wk: W, Wv: W, Wo: W }), TypeError, /multiHeadAttention: options\.numHeads is required/],
  ['multiHeadAttention without Wo', () => attn.multiHeadAttention(q, q, q, { numHeads: 2, Wq: W, Wk: W, Wv: W }), TypeError, /multiHeadAttention: options\.Wo is required/],
  ['scores.bilinear without W', () => attn.scores.bilinear(q, k, {}), TypeError, /scores\.bilinear: options\.W is required/],
  ['scores.additive without options', () => attn.scores.additive(q, k), TypeError, /scores\.additive: expected an options object \{ Wq, Wk, w \}, got undefined/],
  ['scaledDotProductAttention without v', () => attn.scaledDotProductAttention(q, k), TypeError, /scaledDotProductAttention: v must be a tensor.*got undefined/],
  ['maskKind without a mask', () => attn.scaledDotProductAttention(q, k, v, { maskKind: 'additive' }), TypeError, /options\.maskKind was given without options\.mask/],

  // too large for wasm memory
  ['weights that cannot fit in wasm memory', () => attn.scaledDotProductAttention(n([1, 30000, 1]), n([1, 30000, 1]), n([1, 30000, 1])), RangeError, /scaledDotProductAttention: the weights of shape \[1, 30000, 30000\] would need 3434 MiB, more than the 2048 MiB WebAssembly memory; pass returnWeights: false or use flashAttention/],
  ['a causal mask that cannot fit', () => attn.masks.causal(50000), RangeError, /masks\.causal: the mask of shape \[50000, 50000\] would need 9537 MiB/],
  ['per-head weights that cannot fit', () => attn.multiHeadAttention(n([12000, 8]), n([12000, 8]), n([12000, 8]), { numHeads: 4, Wq: W, Wk: W, Wv: W, Wo: W }), RangeError, /multiHeadAttention: the weights of shape \[4, 12000, 12000\] would need 2198 MiB.*pass returnWeights: false/],
];

describe('bad calls throw a clear Error and leave the instance usable', () => {
  for (const [behaviour, call, kind, pattern] of badCalls) {
    test(behaviour, () => {
      const heapBefore = attn.info().heapBytes;
      assert.throws(call, (/** @type {Error} */ error) => {
        assert.ok(error instanceof kind, `expected a ${kind.name}, got ${error?.constructor?.name}: ${error?.message}`);
        assert.match(error.message, pattern);
        return true;
      });
      assert.equal(attn.info().heapBytes, heapBefore, 'every temporary was freed');
      const [a, b] = attn.softmax([0, Math.log(3)]).data;
      assert.ok(Math.abs(a - 0.25) < 1e-6 && Math.abs(b - 0.75) < 1e-6, 'the instance still works');
    });
  }
});

test('createAttention refuses options it does not know', async () => {
  const { createAttention } = await import('attention-workshop');
  // @ts-expect-error — refused by the types too (scripts/typecheck.mjs checks this line)
  await assert.rejects(createAttention({ simd: 'yes' }), /createAttention: options\.simd must be true, false or undefined, got string/);
  // @ts-expect-error
  await assert.rejects(createAttention({ threads: 2 }), /createAttention: unknown option 'threads' \(expected one of: simd\)/);
});

test('input the core refuses is a RangeError with a JavaScript stack, not a number', () => {
  let caught;
  try {
    attn.scaledDotProductAttention(q, n([2, 6, 4]), v);
  } catch (error) {
    caught = error;
  }
  assert.equal(caught.constructor, RangeError);
  assert.equal(typeof caught.stack, 'string');
  assert.doesNotMatch(caught.message, /scaled_dot_product_attention/, 'the C++ name is replaced by the JavaScript one');
});
