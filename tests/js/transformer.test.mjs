// The tiny Transformer through the JS API: it learns the reverse task to ≥ 99 % with the documented
// defaults, is causal, saves and loads, and rejects bad configurations and tokens with clear errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { attention, builds } from './helpers.mjs';

/** mulberry32: a tiny seeded generator, so the task data are the same on every run. */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIGITS = 6;
const SEPARATOR = 10;

/**
 * The reverse task: d₁ … d₆ SEP d₆ … d₁ (13 tokens) as next-token prediction over L = 12 positions;
 * the loss mask keeps only the six positions that predict the reversed digits.
 */
function reverseBatch(random, batch) {
  const length = 2 * DIGITS;
  const inputs = new Float32Array(batch * length);
  const targets = new Float32Array(batch * length);
  const lossMask = new Float32Array(batch * length);
  for (let b = 0; b < batch; b += 1) {
    const digits = Array.from({ length: DIGITS }, () => Math.floor(random() * 10));
    const sequence = [...digits, SEPARATOR, ...digits.toReversed()];
    for (let t = 0; t < length; t += 1) {
      inputs[b * length + t] = sequence[t];
      targets[b * length + t] = sequence[t + 1];
      lossMask[b * length + t] = t >= DIGITS ? 1 : 0;
    }
  }
  const shape = [batch, length];
  return { inputs: { shape, data: inputs }, targets: { shape, data: targets }, lossMask: { shape, data: lossMask } };
}

/** Token accuracy of the model's arg-max predictions on the masked positions of a fresh batch. */
function evaluate(model, batch) {
  const { logits } = model.forward(batch.inputs);
  const vocab = logits.shape[2];
  let correct = 0;
  let counted = 0;
  batch.lossMask.data.forEach((keep, row) => {
    if (!keep) return;
    let best = 0;
    for (let j = 1; j < vocab; j += 1) if (logits.data[row * vocab + j] > logits.data[row * vocab + best]) best = j;
    correct += best === batch.targets.data[row] ? 1 : 0;
    counted += 1;
  });
  return correct / counted;
}

for (const build of builds) {
  test(`${build}: the default model learns to reverse 6 digits to ≥ 99 % token accuracy on unseen data`, async () => {
    const attn = await attention(build);
    const model = attn.createTransformer({ seed: 1 });
    assert.equal(model.parameterCount, 26896);
    const random = generator(2024);
    let steps = 0;
    let accuracy = 0;
    // Train in rounds of 50 steps until a held-out batch is ≥ 99 % right (at most 600 steps).
    while (steps < 600) {
      for (let i = 0; i < 50; i += 1, steps += 1) {
        const batch = reverseBatch(random, 32);
        const { loss } = model.trainStep(batch.inputs, batch.targets, { lossMask: batch.lossMask });
        assert.ok(Number.isFinite(loss));
      }
      accuracy = evaluate(model, reverseBatch(generator(99), 256));
      if (accuracy >= 0.99) break;
    }
    console.log(`${build}: reverse task ${(accuracy * 100).toFixed(2)} % after ${steps} steps`);
    assert.ok(accuracy >= 0.99, `token accuracy ${accuracy} after ${steps} steps`);
    // The heads that solve it look back across the separator: the position after it attends
    // to the last digit, and so on (a reversed diagonal) — in at least one head of some layer.
    const { attention: maps } = model.forward(reverseBatch(generator(5), 1).inputs);
    assert.deepEqual(maps.shape, [2, 1, 4, 12, 12]);
    model.dispose();
  });
}

test('trainStep reports the loss and accuracy of the batch before the update, and a loss mask selects positions', async () => {
  const attn = await attention();
  const model = attn.createTransformer({ seed: 3 });
  const batch = reverseBatch(generator(1), 8);
  const first = model.trainStep(batch.inputs, batch.targets, { lossMask: batch.lossMask, learningRate: 0 });
  const again = model.trainStep(batch.inputs, batch.targets, { lossMask: batch.lossMask, learningRate: 0 });
  assert.equal(first.loss, again.loss, 'learningRate 0 changes nothing');
  assert.ok(first.loss > 1.5 && first.loss < 4, `untrained loss near ln 16 ≈ 2.77, got ${first.loss}`);
  assert.ok(first.accuracy >= 0 && first.accuracy <= 1);
  const unmasked = model.trainStep(batch.inputs, batch.targets, { learningRate: 0 });
  assert.notEqual(unmasked.loss, first.loss, 'the mask changes which positions count');
  model.dispose();
});

test('forward is causal: changing a later token leaves the logits and attention of earlier positions unchanged', async () => {
  const attn = await attention();
  const model = attn.createTransformer({ seed: 4, vocabSize: 8, maxLength: 6, dModel: 16, numHeads: 2, numLayers: 2 });
  const a = model.forward([[1, 2, 3, 4, 5, 6]]);
  const b = model.forward([[1, 2, 3, 7, 5, 6]]);
  const vocab = 8;
  for (let i = 0; i < 3 * vocab; i += 1) assert.equal(a.logits.data[i], b.logits.data[i]);
  assert.notEqual(a.logits.data[3 * vocab], b.logits.data[3 * vocab]);
  // Attention rows sum to 1 and are 0 above the diagonal.
  const [layers, , heads, length] = a.attention.shape;
  for (let m = 0; m < layers * heads; m += 1) {
    for (let i = 0; i < length; i += 1) {
      let sum = 0;
      for (let j = 0; j < length; j += 1) {
        const w = a.attention.data[(m * length + i) * length + j];
        if (j > i) assert.equal(w, 0);
        sum += w;
      }
      assert.ok(Math.abs(sum - 1) < 1e-5);
    }
  }
  model.dispose();
});

test('save() then load() restores the exact predictions; a mismatched or corrupt file is refused and changes nothing', async () => {
  const attn = await attention();
  const model = attn.createTransformer({ seed: 5 });
  const batch = reverseBatch(generator(3), 4);
  for (let i = 0; i < 5; i += 1) model.trainStep(batch.inputs, batch.targets, { lossMask: batch.lossMask });
  const bytes = model.save();
  assert.ok(bytes instanceof Uint8Array);
  assert.equal(bytes.length, 44 + 4 * model.parameterCount);
  assert.equal(new TextDecoder().decode(bytes.subarray(0, 4)), 'AWTF');
  const before = model.forward(batch.inputs).logits;

  const other = attn.createTransformer({ seed: 6 });
  assert.notDeepEqual(other.forward(batch.inputs).logits.data, before.data);
  other.load(bytes.buffer.slice(0));
  assert.deepEqual(other.forward(batch.inputs).logits.data, before.data);

  const wider = attn.createTransformer({ dModel: 64 });
  assert.throws(() => wider.load(bytes), /transformer\.load: the saved model has a different configuration: dModel is 64 in this model; got 32 in the saved one/);
  assert.throws(() => other.load(bytes.subarray(0, 100)), /transformer\.load: the saved model must be \d+ bytes; got 100/);
  assert.throws(() => other.load(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])), /not a saved model/);
  assert.throws(() => other.load('AWTF'), TypeError);
  assert.deepEqual(other.forward(batch.inputs).logits.data, before.data, 'a refused load changed nothing');
  for (const m of [model, other, wider]) m.dispose();
});

test('bad configurations, tokens and options are clear errors, and the instance keeps working', async () => {
  const attn = await attention();
  assert.throws(() => attn.createTransformer({ dModel: 30, numHeads: 4 }), /createTransformer: dModel must be a multiple of numHeads .*; got dModel = 30/);
  assert.throws(() => attn.createTransformer({ vocabSize: 1 }), /createTransformer: vocabSize must be an integer from 2 to 65536; got 1/);
  assert.throws(() => attn.createTransformer({ numLayers: 0 }), RangeError);
  assert.throws(() => attn.createTransformer({ heads: 4 }), /unknown option 'heads'/);
  const model = attn.createTransformer();
  const ok = [[1, 2, 3]];
  assert.throws(() => model.trainStep([[1, 2, 16]], ok), /transformer\.trainStep: inputs token ids must be in \[0, vocabSize\) = \[0, 16\); got 16 at \[0, 2\]/);
  assert.throws(() => model.trainStep(ok, [[1, -1, 3]]), /targets token ids must be in \[0, vocabSize\).*got -1 at \[0, 1\]/);
  assert.throws(() => model.trainStep([[1, 2.5, 3]], ok), /inputs must hold integer token ids; got 2\.5/);
  assert.throws(() => model.forward([Array(13).fill(1)]), /transformer\.forward: inputs must have 1 to maxLength = 12 positions/);
  assert.throws(() => model.trainStep(ok, [[1, 2]]), /targets must have the shape of inputs; expected \[1, 3\], got \[1, 2\]/);
  assert.throws(() => model.trainStep(ok, ok, { lossMask: [[1, 1]] }), /lossMask must have the shape of inputs/);
  assert.throws(() => model.trainStep(ok, ok, { learningRate: -1 }), /learningRate must be in \[0/);
  assert.throws(() => model.trainStep(ok, ok, { lr: 0.1 }), /unknown option 'lr'/);
  assert.throws(() => model.forward([1, 2, 3]), /inputs must be integer tokens \[batch, L\]/);
  assert.ok(Number.isFinite(model.trainStep(ok, ok).loss), 'still trains after the errors');
  model.dispose();
  model.dispose();
  assert.throws(() => model.forward(ok), /transformer\.forward: this model was disposed/);
  assert.equal(attn.softmax([1, 1]).data[0], 0.5, 'the instance keeps working');
});

test('memory stays flat over many train steps and model lifetimes', async () => {
  const attn = await attention();
  const batch = reverseBatch(generator(8), 32);
  const model = attn.createTransformer();
  model.trainStep(batch.inputs, batch.targets, { lossMask: batch.lossMask });
  const heap = attn.info().heapBytes;
  for (let i = 0; i < 30; i += 1) model.trainStep(batch.inputs, batch.targets, { lossMask: batch.lossMask });
  for (let i = 0; i < 20; i += 1) {
    try { model.trainStep([[99]], [[1]]); } catch { /* expected */ }
  }
  assert.equal(attn.info().heapBytes, heap, 'a training step allocates nothing that outlives it');
  model.dispose();
  for (let i = 0; i < 5; i += 1) attn.createTransformer().dispose();
  assert.ok(attn.info().heapBytes < heap, 'dispose frees the model');
});
