// The comparison helper the other tests rely on, tested by what it rejects and what it accepts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { assertTensorClose } from './helpers.mjs';

const tensorOf = (values, shape = [values.length]) => ({ shape, data: Float32Array.from(values) });
const tolerance = { abs: 1e-6, rel: 1e-5 };

describe('assertTensorClose fails wrong answers', () => {
  /** @type {Array<[string, number[], number[]]>} */
  const wrong = [
    ['a wrong value after a pair of equal infinities', [5, -Infinity, 0], [1, -Infinity, 0]],
    ['a wrong value after a pair of NaN', [NaN, 2, 3], [NaN, 2, 4]],
    ['a wrong value after +Infinity pairs', [Infinity, Infinity, 7], [Infinity, Infinity, 8]],
    ['NaN where a number is expected', [1, NaN], [1, 2]],
    ['a number where NaN is expected', [1, 2], [1, NaN]],
    ['+Infinity where -Infinity is expected', [Infinity], [-Infinity]],
    ['a finite value where an infinity is expected', [3.4e38], [Infinity]],
    ['an infinity where a finite value is expected', [-Infinity, 0], [-3.4e38, 0]],
    ['an error just beyond abs + rel·|e|', [1 + 2.1e-5], [1]],
    ['one bad element among many good ones (last position)', [...Array(1000).fill(0.5), 0.6], [...Array(1000).fill(0.5), 0.5]],
  ];
  for (const [what, actual, expected] of wrong) {
    test(what, () => {
      assert.throws(() => assertTensorClose(tensorOf(actual), tensorOf(expected), tolerance, what), assert.AssertionError);
    });
  }
  test('a different shape with the same elements', () => {
    assert.throws(() => assertTensorClose(tensorOf([1, 2, 3, 4], [2, 2]), tensorOf([1, 2, 3, 4], [4]), tolerance), assert.AssertionError);
  });
  test('data that is not a Float32Array', () => {
    assert.throws(() => assertTensorClose({ shape: [2], data: [1, 2] }, tensorOf([1, 2]), tolerance), assert.AssertionError);
  });
  test('the message names the worst element', () => {
    assert.throws(() => assertTensorClose(tensorOf([1, 5, 2]), tensorOf([1.5, 1, 2]), tolerance, 'case'),
      /case: element 1 is 5, expected 1/);
  });
});

describe('assertTensorClose passes right answers written differently', () => {
  /** @type {Array<[string, number[], number[]]>} */
  const right = [
    ['equal infinities and NaN in any position', [-Infinity, 1, NaN, Infinity], [-Infinity, 1, NaN, Infinity]],
    ['-0 for 0', [-0, 0], [0, -0]],
    ['errors within abs near zero', [1e-7, -5e-7], [0, 0]],
    ['errors within rel for large values', [1000.005], [1000]],
    ['float32 rounding of a float64 expectation', [Math.fround(0.1), Math.fround(1 / 3)], [0.1, 1 / 3]],
  ];
  for (const [what, actual, expected] of right) {
    test(what, () => assertTensorClose(tensorOf(actual), { shape: [expected.length], data: expected }, tolerance, what));
  }
  test('expected data given as a plain array or a Float64Array', () => {
    assertTensorClose(tensorOf([0.25, 0.75]), { shape: [2], data: [0.25, 0.75] }, tolerance);
    assertTensorClose(tensorOf([0.25, 0.75]), { shape: [2], data: Float64Array.of(0.25, 0.75) }, tolerance);
  });
});
