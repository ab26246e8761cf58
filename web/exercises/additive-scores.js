// Exercise 5 · additive-scores: Bahdanau's additive score wᵀ·tanh(q·W_q + k·W_k), for queries and keys of different
// widths. Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, matmul } from '../src/exercises/checker.js';

/** Additive scores in float64, with knobs that reproduce common mistakes. */
function additive(q, k, Wq, Wk, w, { activation = Math.tanh, outer = false } = {}) {
  const qh = matmul(q, Wq);
  const kh = matmul(k, Wk);
  return qh.map((a) => kh.map((b) => {
    if (outer) return activation(a.reduce((s, x, h) => s + w[h] * (x + b[h]), 0));
    return a.reduce((s, x, h) => s + w[h] * activation(x + b[h]), 0);
  }));
}

export default {
  id: 'additive-scores',
  entry: 'additiveScores',
  params: ['q', 'k', 'Wq', 'Wk', 'w'],
  forbidden: ['scores.additive', 'additiveAttention'],
  tolerance: { abs: 1e-5, rel: 1e-4 },
  solution: String.raw`function additiveScores(q, k, Wq, Wk, w) {
  // project every query and every key into the hidden space once: [Lq, h] and [Lk, h]
  const projectRows = (x, W) => x.map((row) => W[0].map((_, h) => row.reduce((s, xi, i) => s + xi * W[i][h], 0)));
  const qh = projectRows(q, Wq);
  const kh = projectRows(k, Wk);
  // score[i][j] = Σ_h w_h · tanh(qh[i][h] + kh[j][h])
  return qh.map((a) => kh.map((b) => a.reduce((s, x, h) => s + w[h] * Math.tanh(x + b[h]), 0)));
}`,
  mistakes: [
    { message: say('no tanh: without the non-linearity the score is linear, wᵀ(q·W_q) + wᵀ(k·W_k), and splits into a query part plus a key part.',
      '没有 tanh：去掉非线性之后分数变成线性的 wᵀ(q·W_q) + wᵀ(k·W_k)，拆成了只依赖查询的部分加只依赖键的部分。'),
      compute: (q, k, Wq, Wk, w) => additive(q, k, Wq, Wk, w, { activation: (x) => x }) },
    { message: say('tanh is applied after the dot product with w; it belongs inside: wᵀ·tanh(…).', 'tanh 用在了与 w 的点积之后；它应当在里面：wᵀ·tanh(…)。'),
      compute: (q, k, Wq, Wk, w) => additive(q, k, Wq, Wk, w, { outer: true }) },
    { message: say('w is missing: the hidden units are summed with weight 1 instead of w.', '漏掉了 w：隐藏单元是以权重 1 相加的，而不是 w。'),
      compute: (q, k, Wq, Wk, w) => additive(q, k, Wq, Wk, w.map(() => 1)) },
    { message: say('the result is [Lk, Lq]: rows are queries, columns keys.', '结果是 [Lk, Lq]：行应当是查询，列是键。'),
      compute: (q, k, Wq, Wk, w) => { const s = additive(q, k, Wq, Wk, w); return s[0].map((_, j) => s.map((row) => row[j])); } },
  ],
  cases: ({ normal, attn }) => {
    const expected = (_, q, k, Wq, Wk, w) => attn.scores.additive(q, k, { Wq, Wk, w });
    const weights = (dq, dk, h, seed) => [normal([dq, h], seed, { std: 0.5 }), normal([dk, h], seed + 1, { std: 0.5 }), normal([h], seed + 2)];
    return [
      { name: say('queries of width 5, keys of width 3, 4 hidden units', '查询宽 5，键宽 3，4 个隐藏单元'),
        args: [normal([4, 5], 61), normal([6, 3], 62), ...weights(5, 3, 4, 63)], expected },
      { name: say('one query, one key', '一个查询、一个键'), args: [normal([1, 2], 66), normal([1, 4], 67), ...weights(2, 4, 3, 68)], expected },
      { name: say('more queries than keys, 8 hidden units', '查询比键多，8 个隐藏单元'), args: [normal([7, 4], 71), normal([2, 4], 72), ...weights(4, 4, 8, 73)], expected },
      { name: say('Lq = Lk = 5, queries of width 6, keys of width 2', 'Lq = Lk = 5，查询宽 6，键宽 2'),
        args: [normal([5, 6], 81), normal([5, 2], 82), ...weights(6, 2, 4, 83)], expected },
      { name: say('large inputs: tanh saturates at ±1', '很大的输入：tanh 饱和在 ±1'), args: [normal([3, 3], 76, { std: 10 }), normal([4, 3], 77, { std: 10 }), ...weights(3, 3, 5, 78)], expected },
    ];
  },
};
