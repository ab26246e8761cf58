// Memory: no leaks over many calls (throwing ones included), growth that never corrupts results,
// and clear errors for what cannot fit.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createAttention } from 'attention-workshop';

test('wasm memory and heap stay flat over 100,000 mid-size calls after warm-up, failing calls included', async () => {
  const attn = await createAttention();
  const r = (shape, seed, std = 1) => attn.random.normal(shape, { seed, std });
  const q = r([2, 16, 32], 1);
  const k = r([2, 24, 32], 2);
  const v = r([2, 24, 16], 3);
  const badK = r([2, 24, 8], 4);
  const x = r([2, 32, 32], 5);
  const W = r([32, 32], 6, 0.2);
  const mask = attn.masks.causal(16, 24);
  const nanInput = { shape: [4, 4], data: new Float32Array(16).fill(NaN) };
  const mhaOptions = { numHeads: 4, Wq: W, Wk: W, Wv: W, Wo: W, causal: true };

  let failures = 0;
  const call = (i) => {
    switch (i % 10) {
      case 0: return attn.scaledDotProductAttention(q, k, v);
      case 1: return attn.scaledDotProductAttention(q, k, v, { mask, returnWeights: false });
      case 2: return attn.multiHeadAttention(x, x, x, mhaOptions);
      case 3: return attn.flashAttention(q, k, v, { causal: true, blockSize: 8 });
      case 4: return attn.softmax(x, { temperature: 0.5 });
      case 5: return attn.hardAttention(q, k, v, { topK: 2 });
      case 6: return attn.scores.additive(q, k, { Wq: W, Wk: W, w: W.data.subarray(0, 32) });
      case 7: return attn.positional.rope(x, { offset: i % 100 });
      case 8: return attn.scaledDotProductAttention(q, badK, v); // throws in the core
      default: return attn.softmax(nanInput); // NaN: refused by the core before any work
    }
  };
  const run = (count) => {
    for (let i = 0; i < count; i += 1) {
      try {
        call(i);
      } catch (error) {
        assert.ok(error instanceof Error);
        failures += 1;
      }
    }
  };

  run(2_000);
  const before = attn.info();
  failures = 0;
  run(100_000);
  const after = attn.info();
  assert.equal(failures, 20_000, 'every tenth and ninth-of-ten call failed as intended');
  assert.equal(after.memoryBytes, before.memoryBytes, 'the wasm memory did not grow');
  assert.equal(after.heapBytes, before.heapBytes, 'no byte stays allocated');
});

test('a call that grows the memory returns intact results (views are re-read after growth)', async () => {
  const attn = await createAttention();
  const { memoryBytes: initial } = attn.info();
  const q = attn.random.normal([1, 1024, 64], { seed: 1 });
  const k = attn.random.normal([1, 4096, 64], { seed: 2 });
  const v = attn.random.normal([1, 4096, 64], { seed: 3 });
  const { output, weights } = attn.scaledDotProductAttention(q, k, v); // 16 MiB of weights alone
  assert.ok(attn.info().memoryBytes > initial, 'the memory grew');
  const { output: tiled } = attn.flashAttention(q, k, v);
  for (let i = 0; i < output.size; i += 1) assert.ok(Math.abs(output.data[i] - tiled.data[i]) < 1e-5);
  for (let row = 0; row < 1024; row += 97) {
    let sum = 0;
    for (let j = 0; j < 4096; j += 1) sum += weights.get(0, row, j);
    assert.ok(Math.abs(sum - 1) < 1e-4, `row ${row} of the weights sums to 1`);
  }
});

test('results own their data: a detached or reused wasm memory cannot change them', async () => {
  const attn = await createAttention();
  const y = attn.softmax([1, 2, 3]);
  const copy = Array.from(y.data);
  assert.equal(y.data.byteOffset, 0);
  assert.equal(y.data.buffer.byteLength, y.data.byteLength, 'the Float32Array has a buffer of its own');
  attn.softmax(attn.random.normal([4096, 256], { seed: 9 })); // grows the memory and reuses the freed block
  assert.deepEqual(Array.from(y.data), copy);
});

test('an input too large for wasm memory gives a clear error before anything is copied', async () => {
  const attn = await createAttention();
  const huge = { shape: [300_000_000], data: new Float32Array(300_000_000) }; // 1.2 GB, never touched
  assert.throws(() => attn.softmax(huge), {
    name: 'RangeError',
    message: 'softmax: x of shape [300000000] needs 1145 MiB, too large for WebAssembly memory (at most 2048 MiB in all)',
  });
  assert.equal(attn.info().memoryBytes, 16 * 2 ** 20, 'the memory did not grow');
  assert.ok(Math.abs(attn.softmax([0, 0]).data[0] - 0.5) < 1e-7);
});

test('a result the core cannot allocate gives an out-of-memory Error, not an abort', async () => {
  const attn = await createAttention();
  // 2,146,400,000 bytes: 1 MiB under the 2 GiB size check, so the call goes through to the core,
  // whose allocation cannot succeed next to the 5 MiB stack and static data in the same memory.
  assert.throws(() => attn.positional.sinusoidal(1, 536_600_000), {
    name: 'Error',
    message: /^positional\.sinusoidal: out of memory: the inputs, result and temporaries of this call do not fit in WebAssembly memory \(at most 2048 MiB\)/,
  });
  const heap = attn.info().heapBytes;
  assert.deepEqual(attn.positional.sinusoidal(2, 2).toArray(), [[0, 1], [Math.fround(Math.sin(1)), Math.fround(Math.cos(1))]]);
  assert.equal(attn.info().heapBytes, heap);
});
