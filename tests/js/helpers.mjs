// Shared helpers of the JS API tests: instances of both builds, tensor comparison, and a dispatcher
// that runs a reference case through the public API.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { createAttention } from 'attention-workshop';

const instances = new Map();

/** One instance per build, shared by the tests of a file ('simd' or 'scalar'). */
export function attention(build = 'simd') {
  if (!instances.has(build)) instances.set(build, createAttention({ simd: build === 'simd' }));
  return instances.get(build);
}

export const builds = ['simd', 'scalar'];

/** Reads a JSON file of tests/reference/. */
export function referenceFile(name) {
  return JSON.parse(readFileSync(new URL(`../reference/${name}`, import.meta.url), 'utf8'));
}

/**
 * The worst element of `actual` against `expected` (array-likes of numbers): { i, a, e, excess } where
 * excess = |a − e| − (abs + rel·|e|) is largest, or null when every element is within tolerance.
 * Non-finite values must match exactly (equal infinities, NaN for NaN); a mismatch there counts as
 * an infinite excess. Every element is checked, whatever came before it.
 */
export function worstMismatch(actual, expected, { abs, rel }) {
  let worst = null;
  for (let i = 0; i < expected.length; i += 1) {
    const a = actual[i];
    const e = expected[i];
    let excess;
    if (Number.isFinite(a) && Number.isFinite(e)) excess = Math.abs(a - e) - (abs + rel * Math.abs(e));
    else excess = a === e || (Number.isNaN(a) && Number.isNaN(e)) ? -Infinity : Infinity;
    if (excess > 0 && (worst === null || excess > worst.excess)) worst = { i, a, e, excess };
  }
  return worst;
}

/** Asserts |actual − expected| ≤ abs + rel·|expected| element-wise (see worstMismatch), and equal shapes. */
export function assertTensorClose(actual, expected, { abs = 1e-5, rel = 1e-4 } = {}, label = '') {
  assert.deepEqual([...actual.shape], [...expected.shape], `${label}: shape`);
  assert.ok(actual.data instanceof Float32Array, `${label}: data is a Float32Array`);
  assert.equal(actual.data.length, expected.data.length, `${label}: element count`);
  const worst = worstMismatch(actual.data, expected.data, { abs, rel });
  if (worst) assert.fail(`${label}: element ${worst.i} is ${worst.a}, expected ${worst.e} (tolerance abs ${abs}, rel ${rel})`);
}

/** Calls attn[path] (e.g. 'scores.additive') with args and options. */
export function callApi(attn, path, args, options) {
  const parts = path.split('.');
  const owner = parts.length === 2 ? attn[parts[0]] : attn;
  const fn = owner[parts.at(-1)];
  assert.equal(typeof fn, 'function', `attn.${path} is a function`);
  return options === undefined || options === null ? fn(...args) : fn(...args, options);
}

/** Max |a − b| over two tensors of the same shape. */
export function maxAbsDifference(a, b) {
  assert.deepEqual([...a.shape], [...b.shape]);
  let worst = 0;
  for (let i = 0; i < a.data.length; i += 1) worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]));
  return worst;
}
