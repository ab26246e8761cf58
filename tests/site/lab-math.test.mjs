// The labs' own arithmetic (no DOM), checked against definitions written independently here: sparsemax against
// worked values and its defining properties, linear attention's weights against the O(n·d²) form a real model uses,
// and the float32 emulation of the stability lab against the limits of IEEE 754.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eluPlusOne, entropy, linearAttentionWeights, sparsemax } from '../../web/src/labs/score-functions/weights.js';
import { firstMagnitude, problems, softmaxVariants } from '../../web/src/labs/stability/softmax-variants.js';
import { maskCode, plainSoftmax } from '../../web/src/labs/mask-composer/mask-code.js';

const close = (a, b, tolerance, what) => assert.ok(Math.abs(a - b) <= tolerance, `${what}: ${a} vs ${b}`);

test('sparsemax: worked values, exact zeros, sums to 1, and equal scores share equally', () => {
  // z = [1, 0.5, −1]: τ = 0.25, so p = [0.75, 0.25, 0].
  sparsemax([1, 0.5, -1]).forEach((p, i) => close(p, [0.75, 0.25, 0][i], 1e-12, `p${i}`));
  assert.deepEqual(sparsemax([3, 0, 0]), [1, 0, 0]);
  sparsemax([2, 2, 2, 2]).forEach((p) => close(p, 0.25, 1e-12, 'uniform'));
  const p = sparsemax([0.3, -1.2, 0.9, 0.85, -0.1]);
  close(p.reduce((a, b) => a + b, 0), 1, 1e-12, 'sum');
  assert.ok(p.includes(0) && p.every((x) => x >= 0));
});

test('linear attention weights equal φ(q)·(Σ φ(k) vᵀ) / φ(q)·Σ φ(k), the form that never builds the n × n matrix', () => {
  const [lq, lk, d, dv] = [3, 5, 4, 2];
  const values = (n, shift) => Array.from({ length: n }, (_, i) => Math.sin(i * 1.7 + shift) * 2);
  const q = values(lq * d, 0.3);
  const k = values(lk * d, 1.1);
  const v = values(lk * dv, 2.9);
  const weights = linearAttentionWeights(q, k, lq, lk, d);
  // Output through the weights …
  const viaWeights = Array.from({ length: lq * dv }, (_, index) => {
    const [i, c] = [Math.floor(index / dv), index % dv];
    return Array.from({ length: lk }, (_, j) => weights[i * lk + j] * v[j * dv + c]).reduce((a, b) => a + b, 0);
  });
  // … and through S = Σ_j φ(k_j) v_jᵀ [d, dv] and z = Σ_j φ(k_j) [d].
  const S = Array.from({ length: d * dv }, (_, index) => {
    const [t, c] = [Math.floor(index / dv), index % dv];
    return Array.from({ length: lk }, (_, j) => eluPlusOne(k[j * d + t]) * v[j * dv + c]).reduce((a, b) => a + b, 0);
  });
  const z = Array.from({ length: d }, (_, t) => Array.from({ length: lk }, (_, j) => eluPlusOne(k[j * d + t])).reduce((a, b) => a + b, 0));
  for (let i = 0; i < lq; i += 1) {
    const phi = Array.from({ length: d }, (_, t) => eluPlusOne(q[i * d + t]));
    const denominator = phi.reduce((s, x, t) => s + x * z[t], 0);
    for (let c = 0; c < dv; c += 1) {
      close(viaWeights[i * dv + c], phi.reduce((s, x, t) => s + x * S[t * dv + c], 0) / denominator, 1e-12, `o[${i}][${c}]`);
    }
  }
  close(entropy([0.5, 0.5]), Math.log(2), 1e-15, 'entropy of a fair coin');
});

test('float32 emulation: overflow at ln(FLT_MAX), a NaN row from naive softmax, and the stable forms agree', () => {
  const lnFloatMax = Math.log(3.4028234663852886e38);
  assert.equal(problems(softmaxVariants([88.7, 0], 'float32').naive, 'naive').overflow, false);
  assert.equal(problems(softmaxVariants([88.8, 0], 'float32').naive, 'naive').overflow, true);
  assert.equal(problems(softmaxVariants([88.8, 0], 'float64').naive, 'naive').overflow, false);
  const grid = Array.from({ length: 100 }, (_, i) => 50 + i);
  close(firstMagnitude(grid, 'naive', 'float32', 'nan'), lnFloatMax, 1e-4, 'first NaN');
  const { stable, logSumExp } = softmaxVariants([2, 1, 0.1], 'float64');
  stable.weights.forEach((w, i) => close(w, Math.exp(logSumExp.logWeights[i]), 1e-15, `w${i}`));
  // Fully masked: a plain softmax gives NaN; the composer's code for it spells the mask out.
  assert.ok(plainSoftmax([-Infinity, -Infinity]).every(Number.isNaN));
  const code = maskCode({ lq: 2, lk: 2, d: 4, seed: 1, mask: Uint8Array.from([1, 0, 0, 0]), causal: [1, 0, 1, 1] });
  assert.match(code, /const mask = \[[^\]]*\n {2}\[1, 0\],\n {2}\[0, 0\],\n\];/);
  assert.match(maskCode({ lq: 2, lk: 2, d: 4, seed: 1, mask: Uint8Array.from([1, 0, 1, 1]), causal: [1, 0, 1, 1] }), /\{ causal: true \}/);
});
