// The toy tasks of the training lab: seeded batches that are the same on every run, answers checked against rules
// written independently here, typed prompts read (and wrong ones refused with a clear message), the accuracy
// helper tested on logits built to be right and wrong, and the tasks learned by the core's Transformer with the
// lab's settings (batch 32, Adam 3e-3), its best head attending where the task says it should.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createToyTask, generateAnswer, maskedTokenAccuracy, toyTaskNames } from 'attention-workshop';
import { attention } from './helpers.mjs';

test('the four tasks, each with the same batches for the same seed and different ones for another', () => {
  assert.deepEqual(toyTaskNames(), ['reverse', 'sort', 'induction', 'translate']);
  for (const name of toyTaskNames()) {
    const a = createToyTask(name, { seed: 5 }).batch(8);
    const b = createToyTask(name, { seed: 5 }).batch(8);
    const c = createToyTask(name, { seed: 6 }).batch(8);
    assert.deepEqual(a, b, name);
    assert.notDeepEqual(a.inputs.data, c.inputs.data, name);
    const task = createToyTask(name);
    assert.deepEqual(a.inputs.shape, [8, task.length]);
    assert.ok(task.length <= 12, 'fits the default maxLength');
    for (const text of [task.expectedPattern.zh, task.expectedPattern.en, task.title.zh, task.inputHint.en]) assert.ok(text.length >= 2, name);
  }
});

/** Rules written again here, independently of js/toy-tasks.js. */
const rules = {
  reverse: (p) => p.slice(0, 6).reverse(),
  sort: (p) => p.slice(0, 6).sort((x, y) => x - y),
  // The run repeats with the period where the first symbol comes back.
  induction: (p) => { const period = p.indexOf(p[0], 1); return [7, 8, 9, 10, 11, 12].map((i) => p[i % period]); },
  // Lirra adjS nounS verb adjO nounO → Vesh nounS adjS nounO adjO verb (ids + 7).
  translate: (p) => [p[1], p[0], p[4], p[3], p[2]].map((id) => id + 7),
};

test('every batch row is prompt ++ answer shifted by one, the loss mask on the answer positions only', () => {
  for (const name of toyTaskNames()) {
    const task = createToyTask(name, { seed: 11 });
    const { inputs, targets, lossMask } = task.batch(64);
    const L = task.length;
    for (let row = 0; row < 64; row += 1) {
      const x = Array.from(inputs.data.subarray(row * L, (row + 1) * L));
      const y = Array.from(targets.data.subarray(row * L, (row + 1) * L));
      const mask = Array.from(lossMask.data.subarray(row * L, (row + 1) * L));
      const sequence = [...x, y[L - 1]];
      assert.deepEqual(y.slice(0, -1), x.slice(1), `${name}: targets are the inputs shifted`);
      const prompt = sequence.slice(0, task.promptLength);
      assert.deepEqual(sequence.slice(task.promptLength), rules[name](prompt), `${name}: the answer follows the rule`);
      assert.deepEqual(mask, x.map((_, t) => (t >= task.promptLength - 1 ? 1 : 0)), `${name}: mask`);
      // The alignment points at the token (before the query position) each answer token is made from.
      task.alignment(prompt).forEach((source, i) => {
        assert.ok(source <= task.promptLength - 1 + i, `${name}: aligned with a position the query can see`);
        const made = name === 'translate' ? sequence[source] + 7 : sequence[source];
        assert.equal(made, sequence[task.promptLength + i], `${name}: alignment ${i}`);
      });
      if (name === 'induction') {
        const period = prompt.indexOf(prompt[0], 1);
        assert.ok(period >= 3 && period <= 6 && new Set(prompt.slice(0, period)).size === period, 'a run of 3–6 distinct symbols');
      }
    }
  }
});

test('typed prompts are read in several spellings; wrong ones are refused with what was expected', () => {
  const reverse = createToyTask('reverse');
  assert.deepEqual(reverse.parsePrompt('314159'), [3, 1, 4, 1, 5, 9, 10]);
  assert.deepEqual(reverse.parsePrompt(' 3 1 4, 1 5 9 '), [3, 1, 4, 1, 5, 9, 10]);
  assert.throws(() => reverse.parsePrompt('31415'), /expected 6 digits, got 5/);
  assert.throws(() => reverse.parsePrompt('31415x'), /word 6 "x" is not one of 0 1 2/);
  assert.throws(() => reverse.parsePrompt(''), /expected 6 digits, got 0/);
  const induction = createToyTask('induction');
  assert.deepEqual(induction.parsePrompt('ABCDEF'), [0, 1, 2, 3, 4, 5, 0]);
  assert.deepEqual(induction.parsePrompt('k a d'), [10, 0, 3, 10, 0, 3, 10]);
  assert.equal(induction.format(induction.answer(induction.parsePrompt('kad'))), 'adkadk');
  assert.throws(() => induction.parsePrompt('abcdea'), /distinct, "a" appears twice/);
  assert.throws(() => induction.parsePrompt('abcdeq'), /"q" is not one of/);
  assert.throws(() => induction.parsePrompt('ab'), /expected 3 to 6 distinct letters, got 2/);
  const translate = createToyTask('translate');
  const prompt = translate.parsePrompt('gel bam jat hun fip');
  assert.equal(translate.format(translate.answer(prompt)), 'zu ti wo ne sa');
  assert.deepEqual(translate.parsePrompt('Gel,Bam,Jat,Hun,Fip'), prompt);
  assert.throws(() => translate.parsePrompt('bam gel jat hun fip'), /word 1 "bam" must be a Lirra adjective: one of gel hun/);
  assert.throws(() => translate.parsePrompt('gel bam jat hun'), /expected 5 Lirra words/);
  // @ts-expect-error: not a task name (the runtime refuses it too)
  assert.throws(() => createToyTask('copy'), /unknown task "copy"; expected one of reverse, sort, induction, translate/);
  assert.throws(() => createToyTask('sort', { seed: -1 }), /seed must be at least 0/);
  // @ts-expect-error: a misspelt option (the runtime refuses it too)
  assert.throws(() => createToyTask('sort', { sead: 1 }), /sead/);
});

test('maskedTokenAccuracy counts only kept positions, and refuses logits of the wrong size', () => {
  const task = createToyTask('reverse', { seed: 3 });
  const batch = task.batch(4);
  const vocab = 16;
  const right = new Float32Array(batch.targets.data.length * vocab);
  batch.targets.data.forEach((target, row) => { right[row * vocab + target] = 5; });
  const logits = { shape: [4, task.length, vocab], data: right };
  assert.equal(maskedTokenAccuracy(logits, batch), 1);
  // Wrong on every masked position but one, right elsewhere: 1 of 24.
  const wrong = right.slice();
  let kept = 0;
  batch.lossMask.data.forEach((keep, row) => {
    if (!keep || kept++ === 0) return;
    const target = batch.targets.data[row];
    wrong[row * vocab + ((target + 1) % vocab)] = 9;
  });
  assert.equal(maskedTokenAccuracy({ shape: logits.shape, data: wrong }, batch), 1 / 24);
  assert.throws(() => maskedTokenAccuracy({ shape: [4, 5, vocab], data: new Float32Array(4 * 5 * vocab) }, batch), /do not match targets/);
});

/** Trains the default model on `name` with the lab's settings until 99 % held-out accuracy; returns it and the steps. */
async function trainUntilLearned(name, maxSteps) {
  const attn = await attention();
  const model = attn.createTransformer({ seed: 1 });
  const task = createToyTask(name, { seed: 2024 });
  const heldOut = createToyTask(name, { seed: 99 }).batch(256);
  let steps = 0;
  let accuracy = 0;
  while (steps < maxSteps && accuracy < 0.99) {
    for (let i = 0; i < 50; i += 1, steps += 1) {
      const batch = task.batch(32);
      model.trainStep(batch.inputs, batch.targets, { lossMask: batch.lossMask, learningRate: 3e-3 });
    }
    accuracy = maskedTokenAccuracy(model.forward(heldOut.inputs).logits, heldOut);
  }
  return { model, task, steps, accuracy };
}

/** How many answer positions of `prompt` attend most strongly to their aligned token, for the best head. */
function bestHeadHits(model, task, prompt) {
  const sequence = [...prompt, ...task.answer(prompt)].slice(0, task.length);
  const { attention: maps } = model.forward({ shape: [1, task.length], data: Float32Array.from(sequence) });
  const [layers, , heads, L] = maps.shape;
  const expected = task.alignment(prompt);
  let best = 0;
  for (let l = 0; l < layers; l += 1) {
    for (let h = 0; h < heads; h += 1) {
      const base = (l * heads + h) * L * L;
      let hits = 0;
      expected.forEach((key, i) => {
        const row = base + (task.promptLength - 1 + i) * L;
        let top = 0;
        for (let k = 1; k < L; k += 1) if (maps.data[row + k] > maps.data[row + top]) top = k;
        hits += top === key ? 1 : 0;
      });
      best = Math.max(best, hits);
    }
  }
  return best;
}

test('translate: the default model learns it to ≥ 99 %, a head attends along the crossing permutation, and greedy decoding translates', async () => {
  const { model, task, steps, accuracy } = await trainUntilLearned('translate', 1500);
  console.log(`translate: ${(accuracy * 100).toFixed(2)} % after ${steps} steps`);
  assert.ok(accuracy >= 0.99, `accuracy ${accuracy} after ${steps} steps`);
  const prompt = task.parsePrompt('gel bam jat hun fip');
  assert.equal(task.format(generateAnswer(model, task, prompt).answer), 'zu ti wo ne sa');
  assert.ok(bestHeadHits(model, task, prompt) >= 4, 'a head follows the alignment on at least 4 of 5 words');
  assert.throws(() => generateAnswer(model, task, [1, 2]), /prompt must be an array of 6 token ids/);
  model.dispose();
});
