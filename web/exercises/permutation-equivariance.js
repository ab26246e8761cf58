// Exercise 11 · permutation-equivariance: self-attention without positions commutes with reordering the tokens,
// f(P·X) = P·f(X); adding positional encodings breaks this. The learner measures the gap max |f(P·X) − P·f(X)|.
// Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, attention2d, matmul, permuteRows, maxAbsDifference, normal as seededNormal } from '../src/exercises/checker.js';

/** The fixed self-attention layer the learner is given (set-up), and the core's version of the same layer. */
function createLayer(attn) {
  const W = (seed) => seededNormal(attn, [4, 4], seed, { std: 0.7 });
  const [Wq, Wk, Wv] = [W(201), W(202), W(203)];
  const table = attn.positional.sinusoidal(16, 4).toArray();
  const addPositions = (x) => x.map((row, i) => row.map((value, c) => value + table[i][c]));
  const selfAttention = (x) => attention2d(matmul(x, Wq), matmul(x, Wk), matmul(x, Wv));
  const coreSelfAttention = (x) => attn.scaledDotProductAttention(matmul(x, Wq), matmul(x, Wk), matmul(x, Wv), { returnWeights: false }).output.toArray();
  return { addPositions, selfAttention, coreSelfAttention };
}

/** The gap computed with a chosen layer and positions, and a chosen (possibly mistaken) way of comparing. */
function gap({ layer, positions }, x, perm, withPositions, { permuteOutput = true, inverse = false } = {}) {
  const f = (input) => layer(withPositions ? positions(input) : input);
  const p = inverse ? perm.map((_, i) => perm.indexOf(i)) : perm;
  const left = f(permuteRows(x, perm));
  const right = permuteOutput ? permuteRows(f(x), p) : f(x);
  return maxAbsDifference(left, right);
}

export default {
  id: 'permutation-equivariance',
  entry: 'equivarianceGap',
  params: ['x', 'perm', 'withPositions'],
  forbidden: [],
  // the core computes in float32: a gap that is 0 in float64 is about 1e-7 there
  tolerance: { abs: 1e-4, rel: 1e-3 },
  setup: (attn) => {
    const { addPositions, selfAttention } = createLayer(attn);
    return { selfAttention, addPositions, permuteRows };
  },
  solution: String.raw`function equivarianceGap(x, perm, withPositions) {
  const f = (input) => selfAttention(withPositions ? addPositions(input) : input);
  const left = f(permuteRows(x, perm));      // reorder the tokens, then attend
  const right = permuteRows(f(x), perm);     // attend, then reorder the outputs
  let gap = 0;
  left.forEach((row, i) => row.forEach((value, c) => { gap = Math.max(gap, Math.abs(value - right[i][c])); }));
  return gap;
}`,
  mistakes: [
    { message: say('the outputs were not reordered: compare f(P·X) with P·f(X), not with f(X).', '没有重排输出：应当比较 f(P·X) 与 P·f(X)，而不是 f(X)。'),
      compute: (x, perm, withPositions, { attn }) => { const l = createLayer(attn); return gap({ layer: l.selfAttention, positions: l.addPositions }, x, perm, withPositions, { permuteOutput: false }); } },
    { message: say('the outputs were reordered with the inverse permutation: use the same perm on both sides (result[i] = x[perm[i]]).',
      '输出用了逆置换来重排：两边要用同一个 perm（result[i] = x[perm[i]]）。'),
      compute: (x, perm, withPositions, { attn }) => { const l = createLayer(attn); return gap({ layer: l.selfAttention, positions: l.addPositions }, x, perm, withPositions, { inverse: true }); } },
    { message: say('withPositions is ignored: with positions, add them (addPositions) before attending.', '忽略了 withPositions：需要位置信息时，要在注意力之前加上位置编码（addPositions）。'),
      compute: (x, perm, withPositions, { attn }) => { const l = createLayer(attn); return gap({ layer: l.selfAttention, positions: (v) => v }, x, perm, withPositions); } },
  ],
  cases: ({ normal, attn }) => {
    const layer = createLayer(attn);
    const expected = (_, x, perm, withPositions) => gap({ layer: layer.coreSelfAttention, positions: layer.addPositions }, x, perm, withPositions);
    const x = normal([6, 4], 204);
    return [
      { name: say('no positions: the gap is 0 (up to rounding)', '没有位置信息：差距为 0（在舍入误差内）'), args: [x, [2, 0, 5, 1, 4, 3], false], expected },
      { name: say('with sinusoidal positions: the gap is large', '加上正弦位置编码：差距很大'), args: [x, [2, 0, 5, 1, 4, 3], true], expected },
      { name: say('swapping two tokens, with positions', '交换两个词元，带位置信息'), args: [normal([5, 4], 205), [0, 1, 3, 2, 4], true], expected },
      { name: say('reversing the sequence, no positions', '把序列倒过来，没有位置信息'), args: [normal([8, 4], 206), [7, 6, 5, 4, 3, 2, 1, 0], false], expected },
      { name: say('a cycle (not its own inverse), with positions', '一个轮换（它的逆不是它自己），带位置信息'), args: [normal([4, 4], 207), [1, 2, 3, 0], true], expected },
      { name: say('the identity permutation: 0 even with positions', '恒等置换：即使有位置信息差距也为 0'), args: [normal([3, 4], 208), [0, 1, 2], true], expected },
    ];
  },
};
