// createAttentionPool(): one call spread over worker_threads, each with its own wasm instance.
// The pool must give the synchronous API's numbers and errors, honour AbortSignal, write into
// caller-provided buffers, and stay usable after errors and aborts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { createAttentionPool } from 'attention-workshop';
import { broadcastShapes, gatherProblems, planSplit } from '../../js/pool-split.js';
import { assertTensorClose, attention } from './helpers.mjs';

let attn;
let pool;
const n = (shape, seed) => attn.random.normal(shape, { seed });
before(async () => {
  attn = await attention('simd');
  pool = await createAttentionPool({ workers: 3 });
});
after(async () => {
  await pool?.dispose();
});

// Splitting is exact: each problem is computed by the same kernel as in one call.
const exact = { abs: 0, rel: 0 };

describe('the pool gives the synchronous API\'s results', () => {
  /** @type {Array<[string, () => any[], () => any]>} [name, inputs, options] */
  const cases = [
    ['8 heads, weights returned', () => [n([8, 33, 16], 1), n([8, 40, 16], 2), n([8, 40, 12], 3)], () => ({})],
    ['batch × heads, causal', () => [n([2, 5, 17, 8], 4), n([2, 5, 17, 8], 5), n([2, 5, 17, 8], 6)], () => ({ causal: true })],
    ['k and v broadcast over the batch (extent 1 and a missing dimension)', () => [n([4, 3, 9, 8], 7), n([1, 3, 11, 8], 8), n([3, 11, 5], 9)], () => ({ scale: 0.3 })],
    ['a boolean mask without leading dimensions', () => [n([5, 6, 8], 10), n([5, 7, 8], 11), n([5, 7, 8], 12)], () => ({ mask: attn.masks.causal(6, 7) })],
    ['an additive mask with leading dimensions', () => [n([2, 3, 6, 8], 13), n([2, 3, 6, 8], 14), n([2, 3, 6, 8], 15)], () => ({ mask: n([2, 1, 6, 6], 16), maskKind: 'additive' })],
    ['a padding mask [B, 1, n] over heads', () => [n([3, 6, 8], 17), n([3, 6, 8], 18), n([3, 6, 8], 19)], () => ({ mask: attn.masks.padding([6, 3, 1], 6) })],
    ['one problem (runs whole in one worker)', () => [n([12, 8], 20), n([10, 8], 21), n([10, 4], 22)], () => ({})],
    ['nested arrays and a Float64Array tensor', () => [[[[1, 2], [3, 4]], [[0, 1], [1, 0]]], { shape: [2, 2, 2], data: new Float64Array([1, 0, 0, 1, 2, 2, 1, 1]) }, n([2, 2, 3], 23)], () => ({})],
  ];
  for (const [name, inputs, makeOptions] of cases) {
    test(`scaledDotProductAttention: ${name}`, async () => {
      const [q, k, v] = inputs();
      const options = makeOptions();
      const want = attn.scaledDotProductAttention(q, k, v, options);
      const got = await pool.scaledDotProductAttention(q, k, v, options);
      assertTensorClose(got.output, want.output, exact, 'output');
      assertTensorClose(got.weights, want.weights, exact, 'weights');
      const tiledWant = attn.flashAttention(q, k, v, options);
      const tiledGot = await pool.flashAttention(q, k, v, options);
      assertTensorClose(tiledGot.output, tiledWant.output, exact, 'flashAttention output');
      assert.equal(tiledGot.weights, undefined);
    });
  }

  test('returnWeights: false returns the output only; blockSize reaches the workers', async () => {
    const [q, k, v] = [n([6, 70, 16], 30), n([6, 90, 16], 31), n([6, 90, 16], 32)];
    const got = await pool.scaledDotProductAttention(q, k, v, { returnWeights: false });
    assert.deepEqual(Object.keys(got), ['output']);
    assertTensorClose(got.output, attn.scaledDotProductAttention(q, k, v, { returnWeights: false }).output, exact, 'output');
    const tiled = await pool.flashAttention(q, k, v, { blockSize: [16, 8], causal: true });
    assertTensorClose(tiled.output, attn.flashAttention(q, k, v, { blockSize: [16, 8], causal: true }).output, exact, 'tiled');
  });

  test('concurrent calls each get their own results (they queue)', async () => {
    const calls = [1, 2, 3, 4].map((seed) => [n([4, 9, 8], seed), n([4, 9, 8], seed + 10), n([4, 9, 8], seed + 20)]);
    const results = await Promise.all(calls.map(([q, k, v]) => pool.scaledDotProductAttention(q, k, v)));
    results.forEach((got, i) => assertTensorClose(got.output, attn.scaledDotProductAttention(...calls[i]).output, exact, `call ${i}`));
  });

  test('the caller keeps its input arrays (nothing of theirs is transferred away)', async () => {
    const q = n([4, 8, 8], 40);
    const before = q.data.slice();
    await pool.scaledDotProductAttention(q, q, q);
    assert.equal(q.data.length, before.length);
    assert.deepEqual(q.data, before);
  });
});

describe('errors are the synchronous API\'s', () => {
  /** @type {Array<[string, () => any[], () => any, string[]?]>} [name, inputs, options, operations] */
  const bad = [
    ['k of another width', () => [n([2, 4, 8], 1), n([2, 6, 4], 2), n([2, 6, 5], 3)], () => ({})],
    ['v with another number of keys', () => [n([2, 4, 8], 1), n([2, 6, 8], 2), n([2, 5, 5], 3)], () => ({})],
    ['leading dimensions that do not broadcast', () => [n([3, 4, 8], 1), n([2, 6, 8], 2), n([2, 6, 8], 3)], () => ({})],
    ['a misspelt option', () => [n([2, 4, 8], 1), n([2, 6, 8], 2), n([2, 6, 8], 3)], () => ({ casual: true })],
    ['a string as q', () => ['q', n([2, 6, 8], 2), n([2, 6, 8], 3)], () => ({})],
    ['a NaN in v', () => [n([2, 4, 8], 1), n([2, 6, 8], 2), [[[NaN]]]], () => ({})],
    ['a mask that does not broadcast', () => [n([2, 4, 8], 1), n([2, 6, 8], 2), n([2, 6, 8], 3)], () => ({ mask: n([2, 3, 5], 4) })],
    ['a mask with more leading dimensions than q', () => [n([2, 4, 8], 1), n([2, 6, 8], 2), n([2, 6, 8], 3)], () => ({ mask: n([3, 2, 4, 6], 4) })],
    ['a bad scale', () => [n([2, 4, 8], 1), n([2, 6, 8], 2), n([2, 6, 8], 3)], () => ({ scale: 'big' })],
    ['maskKind without a mask', () => [n([2, 4, 8], 1), n([2, 6, 8], 2), n([2, 6, 8], 3)], () => ({ maskKind: 'additive' })],
    ['weights too large for wasm memory (flashAttention is not concerned)', () => [{ shape: [2, 16384, 1], data: new Float32Array(32768) }, { shape: [2, 16384, 1], data: new Float32Array(32768) }, { shape: [2, 16384, 1], data: new Float32Array(32768) }], () => ({}), ['scaledDotProductAttention']],
    ['an output buffer of the wrong size', () => [n([2, 4, 8], 1), n([2, 6, 8], 2), n([2, 6, 8], 3)], () => ({ out: { output: new Float32Array(63) } })],
    ['an output buffer that is not a Float32Array', () => [n([2, 4, 8], 1), n([2, 6, 8], 2), n([2, 6, 8], 3)], () => ({ out: { weights: new Float64Array(48) } })],
  ];
  const syncError = (operation, args, options) => {
    try {
      attn[operation](...args, options);
    } catch (error) {
      return error;
    }
    assert.fail('the synchronous call should have thrown');
  };
  for (const [name, inputs, makeOptions, operations = ['scaledDotProductAttention', 'flashAttention']] of bad) {
    test(name, async () => {
      const args = inputs();
      const options = makeOptions();
      for (const operation of operations) {
        if (operation === 'flashAttention' && options.out?.weights) continue;
        const want = syncError(operation, args, options);
        await assert.rejects(pool[operation](...args, options), (/** @type {any} */ error) => {
          assert.equal(error.constructor, want.constructor, `${operation}: ${error.message}`);
          assert.equal(error.message, want.message);
          return true;
        });
      }
      const [q, k, v] = [n([4, 5, 8], 9), n([4, 5, 8], 10), n([4, 5, 8], 11)];
      assertTensorClose((await pool.scaledDotProductAttention(q, k, v)).output, attn.scaledDotProductAttention(q, k, v).output, exact, 'works after the error');
    });
  }

  test('a bad signal and bad pool options are refused', async () => {
    await assert.rejects(pool.flashAttention(n([2, 4, 8], 1), n([2, 4, 8], 1), n([2, 4, 8], 1), { signal: {} }),
      /^TypeError: flashAttention: options\.signal must be an AbortSignal, got object$/);
    await assert.rejects(createAttentionPool({ workers: 0 }), /^RangeError: createAttentionPool: options\.workers must be an integer from 1 to 256, got number 0$/);
    // @ts-expect-error: a misspelt option, refused at run time too
    await assert.rejects(createAttentionPool({ threads: 2 }), /^TypeError: createAttentionPool: unknown option 'threads' \(expected one of: workers, simd\)$/);
  });
});

describe('cancelling and disposing', () => {
  const big = () => [n([4, 1500, 64], 1), n([4, 1500, 64], 2), n([4, 1500, 64], 3)];

  test('an abort stops a running call at once; the pool then works again', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const call = pool.scaledDotProductAttention(...big(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(call, (/** @type {any} */ error) => error.name === 'AbortError');
    const afterAbortMs = performance.now() - started;
    const [q, k, v] = [n([5, 7, 8], 4), n([5, 7, 8], 5), n([5, 7, 8], 6)];
    assertTensorClose((await pool.scaledDotProductAttention(q, k, v)).output, attn.scaledDotProductAttention(q, k, v).output, exact, 'after abort');
    console.log(`# aborted after ${afterAbortMs.toFixed(0)} ms`);
  });

  test('an already aborted signal rejects with its reason; a queued call is dropped when aborted', async () => {
    const reason = new Error('not needed any more');
    const [q, k, v] = big();
    await assert.rejects(pool.flashAttention(q, k, v, { signal: AbortSignal.abort(reason) }), (error) => error === reason);
    const first = pool.scaledDotProductAttention(q, k, v, { returnWeights: false });
    const controller = new AbortController();
    const queued = pool.scaledDotProductAttention(q, k, v, { signal: controller.signal });
    controller.abort();
    await assert.rejects(queued, (/** @type {any} */ error) => error.name === 'AbortError');
    assert.deepEqual((await first).output.shape, [4, 1500, 64]);
  });

  test('dispose() stops the workers; later calls reject with a clear error', async () => {
    const small = await createAttentionPool({ workers: 2, simd: false });
    assert.equal(small.size, 2);
    assert.equal(small.info().arch, 'scalar');
    const [q, k, v] = [n([2, 3, 4], 1), n([2, 3, 4], 2), n([2, 3, 4], 3)];
    assertTensorClose((await small.scaledDotProductAttention(q, k, v)).output, (await attention('scalar')).scaledDotProductAttention(q, k, v).output, exact, 'scalar pool');
    await small[Symbol.asyncDispose]();
    await assert.rejects(small.scaledDotProductAttention(q, k, v), /^Error: scaledDotProductAttention: this AttentionPool was disposed$/);
  });
});

describe('caller-provided output buffers', () => {
  test('the pool and the synchronous API write into out.output and out.weights', async () => {
    const [q, k, v] = [n([4, 6, 8], 1), n([4, 7, 8], 2), n([4, 7, 3], 3)];
    const want = attn.scaledDotProductAttention(q, k, v);
    for (const run of [(o) => attn.scaledDotProductAttention(q, k, v, o), (o) => pool.scaledDotProductAttention(q, k, v, o)]) {
      const out = { output: new Float32Array(4 * 6 * 3).fill(7), weights: new Float32Array(4 * 6 * 7) };
      const got = await run({ out });
      assert.equal(got.output.data, out.output);
      assert.equal(got.weights.data, out.weights);
      assertTensorClose(got.output, want.output, exact, 'output');
      assertTensorClose(got.weights, want.weights, exact, 'weights');
    }
    const output = new Float32Array(4 * 6 * 3);
    assert.equal(attn.flashAttention(q, k, v, { out: { output } }).output.data, output);
    assertTensorClose(attn.flashAttention(q, k, v, { out: { output } }).output, attn.flashAttention(q, k, v).output, exact, 'flash into out');
  });

  test('wrong buffers are refused before any work, and the instance keeps working', () => {
    const [q, k, v] = [n([2, 3, 4], 1), n([2, 5, 4], 2), n([2, 5, 4], 3)];
    const heap = attn.info().heapBytes;
    assert.throws(() => attn.scaledDotProductAttention(q, k, v, { out: { output: new Float32Array(23) } }),
      /^RangeError: scaledDotProductAttention: options\.out\.output must have 24 elements for a result of shape \[2, 3, 4\], got Float32Array\(23\)$/);
    assert.throws(() => attn.scaledDotProductAttention(q, k, v, { out: { weights: new Float32Array(31) } }),
      /options\.out\.weights must have 30 elements for a result of shape \[2, 3, 5\], got Float32Array\(31\)/);
    assert.throws(() => attn.scaledDotProductAttention(q, k, v, { returnWeights: false, out: { weights: new Float32Array(30) } }),
      /^TypeError: scaledDotProductAttention: unknown field options\.out\.weights \(no weights are returned by this call\) \(expected one of: output\)$/);
    assert.throws(() => attn.flashAttention(q, k, v, { out: { output: [0, 0] } }), /^TypeError: flashAttention: options\.out\.output must be a Float32Array, got Array\(2\)$/);
    assert.throws(() => attn.flashAttention(q, k, v, { out: new Float32Array(24) }), /^TypeError: flashAttention: options\.out must be an object \{ output \} of Float32Arrays, got Float32Array\(24\)$/);
    assert.equal(attn.info().heapBytes, heap);
    // Right buffers given differently: only output, and weights only.
    assert.equal(attn.scaledDotProductAttention(q, k, v, { out: { output: new Float32Array(24) } }).weights.size, 30);
    assert.equal(attn.scaledDotProductAttention(q, k, v, { out: { weights: new Float32Array(30) } }).output.size, 24);
  });
});

describe('how a call is cut (pool-split.js)', () => {
  test('broadcastShapes follows numpy and refuses extents that differ', () => {
    assert.deepEqual(broadcastShapes([[2, 1], [3], []]), [2, 3]);
    assert.deepEqual(broadcastShapes([[1, 4], [5, 1, 4]]), [5, 1, 4]);
    assert.equal(broadcastShapes([[2, 3], [3, 3]]), null);
    assert.equal(broadcastShapes([[4], [2]]), null);
  });

  test('planSplit gives contiguous balanced ranges, or null when the core must decide', () => {
    const t = (...shape) => ({ shape });
    assert.deepEqual(planSplit({ q: t(8, 4, 2), k: t(8, 4, 2), v: t(8, 4, 2) }, 3).ranges, [[0, 2], [2, 5], [5, 8]]);
    assert.deepEqual(planSplit({ q: t(2, 4, 4, 2), k: t(4, 4, 2), v: t(1, 4, 4, 2) }, 2), { leading: [2, 4], problems: 8, ranges: [[0, 4], [4, 8]], splitMask: false });
    assert.equal(planSplit({ q: t(4, 2), k: t(4, 2), v: t(4, 2) }, 4), null, 'one problem');
    assert.equal(planSplit({ q: t(8, 4, 2), k: t(8, 4, 2), v: t(8, 4, 2) }, 1), null, 'one worker');
    assert.equal(planSplit({ q: t(3, 4, 2), k: t(2, 4, 2), v: t(2, 4, 2) }, 2), null, 'no broadcast');
    assert.equal(planSplit({ q: t(2, 4, 2), k: t(2, 4, 2), v: t(2, 4, 2), mask: t(3, 2, 4, 4) }, 2), null, 'mask widens the batch');
    assert.equal(planSplit({ q: t(2, 4, 2), k: t(2, 4, 2), v: t(2, 4, 2), mask: t(3, 4, 4) }, 2), null, 'mask does not broadcast');
    assert.equal(planSplit({ q: t(2, 4, 2), k: t(2, 4, 2), v: t(2, 4, 2), mask: t(1, 4, 4) }, 2).splitMask, true);
  });

  test('gatherProblems repeats broadcast matrices as the core would', () => {
    // k of shape [1, 2, 1, 1] broadcast to leading [3, 2]: problems 1..4 are (0,1) (1,0) (1,1) (2,0).
    const target = new Float32Array(4);
    assert.deepEqual(gatherProblems({ shape: [1, 2, 1, 1], data: new Float32Array([10, 20]) }, [3, 2], 1, 5, target), [4, 1, 1]);
    assert.deepEqual([...target], [20, 10, 20, 10]);
    // [3, 1] broadcast to [3, 2]: each matrix twice.
    assert.equal(gatherProblems({ shape: [3, 1, 1, 1], data: new Float32Array([1, 2, 3]) }, [3, 2], 0, 6, new Float32Array(6))[0], 6);
    const all = new Float32Array(6);
    gatherProblems({ shape: [3, 1, 1, 1], data: new Float32Array([1, 2, 3]) }, [3, 2], 0, 6, all);
    assert.deepEqual([...all], [1, 1, 2, 2, 3, 3]);
  });
});

test('index.d.ts declares exactly the members of a pool and of its info()', () => {
  const declarations = readFileSync(new URL('../../js/index.d.ts', import.meta.url), 'utf8');
  const members = (name) => {
    const start = declarations.search(new RegExp(`^export interface ${name}\\b`, 'm'));
    const body = declarations.slice(declarations.indexOf('{', start) + 1, declarations.indexOf('\n}', start));
    return [...body.matchAll(/^ {2}(?:readonly )?(\w+)\??[(:]/gm)].map((match) => match[1]).sort();
  };
  assert.deepEqual(members('AttentionPool'), Object.keys(pool).sort());
  assert.deepEqual(members('AttentionPoolInfo'), Object.keys(pool.info()).sort());
  assert.equal(typeof pool[Symbol.asyncDispose], 'function');
});
