// Unit tests of the exercise checker library (web/src/exercises/checker.js) with the real wasm core: a checker is
// tested by what it rejects. Wrong answers must fail with a message that names the case, the shapes, expected and
// actual values and (when recognised) the likely mistake; right answers written differently (float64, another loop
// order, typed arrays, a Tensor) must pass. The per-exercise mutation tests run in Chromium (tests/browser/exercises).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  attention2d, compareTensors, guardApi, judge, normal, runExercise, say, softmaxRow, toTensor,
} from '../../web/src/exercises/checker.js';
import { attention } from './helpers.mjs';

const attn = await attention('simd');

describe('toTensor reads what a learner may return', () => {
  test('numbers, nested arrays, typed arrays, rows of typed arrays and Tensors', () => {
    assert.deepEqual(toTensor(2.5), { shape: [], data: Float64Array.of(2.5) });
    assert.deepEqual(toTensor([[1, 2], [3, 4]]).shape, [2, 2]);
    assert.deepEqual(toTensor(Float32Array.of(1, 2, 3)).shape, [3]);
    assert.deepEqual(toTensor([Float64Array.of(1, 2), Float64Array.of(3, 4)]).shape, [2, 2]);
    assert.deepEqual(Array.from(toTensor(attn.tensor([1, 2, 3, 4, 5, 6], [2, 3])).data), [1, 2, 3, 4, 5, 6]);
  });
  test('ragged arrays, strings and undefined are refused with the position', () => {
    assert.throws(() => toTensor([[1, 2], [3]]), /\[1\] must be an array of length 2 \(ragged array\), got length 1/);
    assert.throws(() => toTensor([[1, '2']]), /\[0\]\[1\] must be a number, got string/);
    assert.throws(() => toTensor(undefined), /must be a number or an array of numbers, got undefined/);
  });
});

describe('compareTensors', () => {
  test('a stated tolerance |a − e| ≤ abs + rel·|e|; NaN never passes; shapes must match', () => {
    const e = toTensor([1, 100]);
    assert.equal(compareTensors(toTensor([1 + 9e-6, 100.009]), e, { abs: 1e-5, rel: 1e-4 }), null);
    assert.deepEqual(compareTensors(toTensor([1, 100.02]), e, { abs: 1e-5, rel: 1e-4 })?.index, [1]);
    assert.equal(compareTensors(toTensor([NaN, 100]), e).kind, 'value');
    assert.equal(compareTensors(toTensor([[1, 100]]), e).kind, 'shape');
    assert.equal(compareTensors(toTensor([NaN]), toTensor([NaN]), {}, { sameNonFinite: true }), null);
  });
});

/** A small exercise: scaled dot-product attention on 2-d inputs, with the mistakes the checker should name. */
const attentionExercise = {
  id: 'test-attention',
  entry: 'attention',
  params: ['q', 'k', 'v'],
  forbidden: ['scaledDotProductAttention'],
  tolerance: { abs: 1e-5, rel: 1e-4 },
  mistakes: [
    { message: say('no 1/√d scale', '没有 1/√d'), compute: (q, k, v) => attention2d(q, k, v, { scale: 1 }) },
    { message: say('softmax over the wrong axis', '轴错了'), compute: (q, k, v) => attention2d(q, k, v, { softmaxAxis: 'columns' }) },
  ],
  cases: ({ normal: n }) => [
    { name: say('normal [4, 8] × [6, 8] × [6, 5]', 'x'), args: [n([4, 8], 1), n([6, 8], 2), n([6, 5], 3)],
      expected: ({ attn: core }, q, k, v) => core.scaledDotProductAttention(q, k, v).output },
    { name: say('one position', 'y'), args: [n([1, 4], 4), n([1, 4], 5), n([1, 3], 6)],
      expected: ({ attn: core }, q, k, v) => core.scaledDotProductAttention(q, k, v).output },
  ],
};
const softmax = (row) => softmaxRow(row);
const check = (fn, lang = 'en') => runExercise(attentionExercise, fn, { attn, lang });

describe('runExercise rejects wrong answers', () => {
  test('no scale: fails, names the case, the shapes, the values and the likely mistake', async () => {
    const report = await check((q, k, v) => attention2d(q, k, v, { scale: 1 }));
    assert.equal(report.passed, false);
    const first = report.cases[0];
    assert.equal(first.name, 'normal [4, 8] × [6, 8] × [6, 5]');
    assert.match(first.message, /Inputs: q \[4, 8\], k \[6, 8\], v \[6, 5\]/);
    assert.match(first.message, /First mismatch at \[\d+, \d+\]: expected -?[\d.e-]+, got -?[\d.e-]+/);
    assert.match(first.message, /Likely mistake: no 1\/√d scale/);
  });
  test('softmax over columns is recognised; the Chinese message is Chinese', async () => {
    const report = await check((q, k, v) => attention2d(q, k, v, { softmaxAxis: 'columns' }), 'zh');
    assert.match(report.cases[0].message, /输入：q \[4, 8\]/);
    assert.match(report.cases[0].message, /可能的错误：轴错了/);
  });
  test('wrong shape, undefined, a throw, a forbidden call, a missing function, NaN', async () => {
    assert.match((await check((q, k) => attention2d(q, k, k))).cases[0].message, /Expected shape \[4, 5\], got \[4, 8\]/);
    assert.match((await check(() => undefined)).cases[0].message, /returned undefined/);
    assert.match((await check(() => { throw new RangeError('boom'); })).cases[0].message, /threw RangeError: boom/);
    const { api, guard } = guardApi(attn, attentionExercise.forbidden);
    const cheat = (q, k, v) => api.scaledDotProductAttention(q, k, v).output;
    const cheated = await runExercise(attentionExercise, cheat, { attn, guard });
    assert.match(cheated.cases[0].message, /calls attn\.scaledDotProductAttention/);
    assert.equal(api.softmax([0, 0]).data[0], 0.5, 'other API functions still work through the guard');
    assert.equal(guard.active, false);
    assert.match((await check(undefined)).cases[0].message, /Define a function named attention/);
    assert.match((await check((q, k, v) => attention2d(q, k, v).map((r) => r.map(() => NaN)))).cases[0].message, /has NaN/);
  });
  test('mutating the inputs is reported', async () => {
    const report = await check((q, k, v) => { const out = attention2d(q, k, v); q[0][0] = 99; return out; });
    assert.match(report.cases[0].message, /changed its input q/);
  });
  test('a transposed result is recognised', async () => {
    const expected = attn.scaledDotProductAttention(normal(attn, [3, 4], 1), normal(attn, [3, 4], 2), normal(attn, [3, 3], 3)).output;
    const t = expected.toArray();
    const message = judge(t[0].map((_, j) => t.map((row) => row[j])), expected, { args: [], tolerance: {} });
    assert.match(message.en, /transpose/);
  });
});

describe('runExercise accepts right answers written differently', () => {
  test('float64 reference, a j-outer loop order, Float32Array rows and a core-free log-sum-exp', async () => {
    const loops = (q, k, v) => {
      const d = q[0].length;
      const scores = q.map(() => new Array(k.length).fill(0));
      for (let j = 0; j < k.length; j += 1) for (let i = q.length - 1; i >= 0; i -= 1) {
        for (let c = 0; c < d; c += 1) scores[i][j] += q[i][c] * k[j][c] / Math.sqrt(d);
      }
      return scores.map((row) => {
        const w = softmax(row);
        return Float32Array.from(v[0].map((_, c) => w.reduce((s, wj, j) => s + wj * v[j][c], 0)));
      });
    };
    for (const fn of [(q, k, v) => attention2d(q, k, v), loops]) {
      const report = await check(fn);
      assert.equal(report.passed, true, report.cases.map((c) => c.message).join('\n'));
    }
  });
  test('async learner functions are awaited', async () => {
    assert.equal((await check(async (q, k, v) => attention2d(q, k, v))).passed, true);
  });
});
