// attn.grad.* in WebAssembly (SIMD and scalar builds) against PyTorch's float64 gradients
// (tests/reference/gradients.json) and central finite differences of the API's own forward calls.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertTensorClose, attention, builds, referenceFile } from './helpers.mjs';

const reference = Object.entries(referenceFile('gradients.json')).map(([name, c]) => ({ name, ...c }));
const casesFor = (fn) => reference.filter((c) => c.function === fn);
const tolerance = { abs: 2e-5, rel: 1e-4 };

for (const build of builds) {
  test(`${build}: grad.softmax and grad.logSoftmax match PyTorch's gradients`, async () => {
    const attn = await attention(build);
    for (const [fn, api] of [['softmax_backward', attn.grad.softmax], ['log_softmax_backward', attn.grad.logSoftmax]]) {
      for (const c of casesFor(fn)) {
        const dx = api(c.inputs.x, c.inputs.grad_output, { temperature: c.options.temperature });
        assertTensorClose(dx, c.expected.dx, tolerance, c.name);
      }
    }
  });

  test(`${build}: grad.scaledDotProductAttention matches PyTorch on ≥ 12 cases (masks with fully masked rows, causal, Lq ≠ Lk, dv ≠ d, heads, GQA)`, async () => {
    const attn = await attention(build);
    const cases = casesFor('sdpa_backward');
    assert.ok(cases.length >= 12, `${cases.length} cases`);
    for (const c of cases) {
      const options = {};
      if (c.options.causal !== undefined) options.causal = c.options.causal;
      if (c.options.scale !== undefined) options.scale = c.options.scale;
      if (c.inputs.mask) Object.assign(options, { mask: c.inputs.mask, maskKind: c.options.mask_kind });
      const grads = attn.grad.scaledDotProductAttention(c.inputs.q, c.inputs.k, c.inputs.v, c.inputs.grad_output, options);
      assert.deepEqual(Object.keys(grads).sort(), ['k', 'q', 'v']);
      assertTensorClose(grads.q, c.expected.dq, tolerance, `${c.name} dq`);
      assertTensorClose(grads.k, c.expected.dk, tolerance, `${c.name} dk`);
      assertTensorClose(grads.v, c.expected.dv, tolerance, `${c.name} dv`);
    }
  });
}

test('grad.scaledDotProductAttention equals finite differences of scaledDotProductAttention (float step)', async () => {
  const attn = await attention();
  const q = attn.random.normal([2, 3, 4], 1);
  const k = attn.random.normal([2, 5, 4], 2);
  const v = attn.random.normal([2, 5, 3], 3);
  const g = attn.random.normal([2, 3, 3], 4);
  const options = { causal: true, scale: 0.7 };
  const grads = attn.grad.scaledDotProductAttention(q, k, v, g, options);
  const loss = (qq, kk, vv) => {
    const { output } = attn.scaledDotProductAttention(qq, kk, vv, options);
    return output.data.reduce((sum, value, i) => sum + value * g.data[i], 0);
  };
  const h = 1e-2;
  for (const [name, tensor] of [['q', q], ['k', k], ['v', v]]) {
    for (const i of [0, 5, 11, tensor.size - 1]) {
      const plus = attn.tensor(tensor.data.slice(), tensor.shape);
      const minus = attn.tensor(tensor.data.slice(), tensor.shape);
      plus.data[i] += h;
      minus.data[i] -= h;
      const args = (t) => ({ q, k, v, [name]: t });
      const up = args(plus);
      const down = args(minus);
      const numeric = (loss(up.q, up.k, up.v) - loss(down.q, down.k, down.v)) / (2 * h);
      const analytic = grads[name].data[i];
      assert.ok(Math.abs(analytic - numeric) <= 2e-3 + 1e-2 * Math.abs(numeric), `${name}[${i}]: ${analytic} vs ${numeric}`);
    }
  }
});

test('grad functions reject wrong shapes and options with clear errors', async () => {
  const attn = await attention();
  const q = attn.random.normal([3, 4], 1);
  assert.throws(() => attn.grad.softmax([[1, 2]], [[1, 2, 3]]), /grad\.softmax: gradOutput must have the shape of x; expected \[1, 2\], got \[1, 3\]/);
  assert.throws(() => attn.grad.softmax([1, 2], [1, 2], { temperature: 0 }), /grad\.softmax: temperature must be a finite number > 0; got 0/);
  assert.throws(() => attn.grad.scaledDotProductAttention(q, q, q, attn.random.normal([3, 5], 2)),
    /grad\.scaledDotProductAttention: gradOutput must have the shape of the output \[\.\.\., Lq, dv\]; expected \[3, 4\], got \[3, 5\]/);
  assert.throws(() => attn.grad.scaledDotProductAttention(q, q, q, q, { returnWeights: false }), /unknown option 'returnWeights'/);
  // The non-finite contract of the forward calls holds here too: a RangeError naming the argument and the first bad index.
  assert.throws(() => attn.grad.scaledDotProductAttention(q, q, q, [[1, 1, 1, 1], [1, NaN, 1, 1], [1, 1, 1, 1]]),
    (error) => error instanceof RangeError && /grad\.scaledDotProductAttention: gradOutput must hold finite numbers.*got NaN at index \[1, 1\]/.test(error.message));
  assert.throws(() => attn.grad.softmax([1, Infinity, 2], [1, 1, 1]),
    (error) => error instanceof RangeError && /grad\.softmax: x .*got \+?Infinity at index \[1\]/.test(error.message));
  assert.throws(() => attn.grad.softmax([1, 2, 3], [1, -Infinity, 1]),
    (error) => error instanceof RangeError && /grad\.softmax: gradOutput must hold finite numbers.*-Infinity at index \[1\]/.test(error.message));
  const hidden = attn.grad.softmax([1, -Infinity, 2], [1, 2, 3]);   // −∞ in x means "hidden": weight 0, gradient 0
  assert.ok(hidden.data[1] === 0, `a hidden entry's gradient is 0 (got ${hidden.data[1]})`);
  assert.ok([...hidden.data].every(Number.isFinite));
  const grads = attn.grad.scaledDotProductAttention(q, q, q, q, { mask: [[1, 1, 1], [0, 0, 0], [1, 0, 0]] });
  assert.deepEqual([...grads.q.data.slice(4, 8)], [0, 0, 0, 0], 'a fully masked row has zero gradient');
});
