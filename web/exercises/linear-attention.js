// Exercise 21 · linear-attention (Katharopoulos et al., 2020): replace exp(q·k/√d) by the kernel φ(q)·φ(k) with
// φ(x) = elu(x) + 1 > 0. Then out_i = φ(q_i)ᵀ S / φ(q_i)ᵀ z with S = Σ_j φ(k_j) v_jᵀ and z = Σ_j φ(k_j), in O(n) time —
// equal to its own quadratic form, weights φ(q_i)·φ(k_j) / Σ_j φ(q_i)·φ(k_j). It is another attention, not an
// approximation of softmax attention. Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, attention2d, matmul, overBatch, transpose } from '../src/exercises/checker.js';

const elu = (x) => (x > 0 ? x : Math.expm1(x));
/** The quadratic form in float64: weights φ(q_i)·φ(k_j), normalised per row, times V; knobs for common mistakes. */
function quadratic(q, k, v, { phi = (x) => elu(x) + 1, normalise = true, scale = 1 } = {}) {
  const fq = q.map((row) => row.map(phi)), fk = k.map((row) => row.map(phi));
  const scores = matmul(fq, transpose(fk)).map((row) => row.map((s) => s * scale));
  const weights = normalise ? scores.map((row) => { const t = row.reduce((a, b) => a + b, 0); return row.map((s) => s / t); }) : scores;
  return matmul(weights, v);
}
const mistake = (options) => (q, k, v) => overBatch(2, (a, b, c) => quadratic(a, b, c, options))(q, k, v);

export default {
  id: 'linear-attention',
  entry: 'linearAttention',
  params: ['q', 'k', 'v'],
  forbidden: ['scaledDotProductAttention', 'flashAttention', 'multiHeadAttention'],
  tolerance: { abs: 1e-5, rel: 1e-4 },
  solution: String.raw`function linearAttention(q, k, v) {
  if (Array.isArray(q[0][0])) return q.map((qb, b) => linearAttention(qb, k[b], v[b]));
  const phi = (x) => (x > 0 ? x + 1 : Math.exp(x));       // elu(x) + 1, always > 0
  const dk = q[0].length, dv = v[0].length;
  // one pass over the keys: S = Σ_j φ(k_j) v_jᵀ  [dk, dv]  and  z = Σ_j φ(k_j)  [dk]
  const S = Array.from({ length: dk }, () => new Array(dv).fill(0));
  const z = new Array(dk).fill(0);
  k.forEach((kj, j) => kj.forEach((x, a) => {
    const f = phi(x);
    z[a] += f;
    for (let c = 0; c < dv; c++) S[a][c] += f * v[j][c];
  }));
  // one pass over the queries: out_i = φ(q_i)ᵀ S / φ(q_i)ᵀ z — no n × m matrix anywhere
  return q.map((qi) => {
    const f = qi.map(phi);
    const norm = f.reduce((s, x, a) => s + x * z[a], 0);
    return Array.from({ length: dv }, (_, c) => f.reduce((s, x, a) => s + x * S[a][c], 0) / norm);
  });
}`,
  mistakes: [
    { message: say('this is softmax attention: linear attention replaces exp(q·k/√d) by the kernel φ(q)·φ(k), φ = elu + 1 — a different attention, not an approximation of softmax.',
      '这是 softmax 注意力：线性注意力把 exp(q·k/√d) 换成核函数 φ(q)·φ(k)，φ = elu + 1——这是另一种注意力，而不是 softmax 的近似。'),
      compute: (q, k, v) => overBatch(2, (a, b, c) => attention2d(a, b, c))(q, k, v) },
    { message: say('the normaliser is missing: divide by φ(q_i)ᵀ z with z = Σ_j φ(k_j), so the weights of each query sum to 1.',
      '漏掉了归一化：要除以 φ(q_i)ᵀ z，其中 z = Σ_j φ(k_j)，这样每个查询的权重之和为 1。'),
      compute: mistake({ normalise: false }) },
    { message: say('φ is elu without the + 1: φ(x) = elu(x) + 1 keeps every feature positive, so the normaliser cannot be 0 or change sign.',
      'φ 只用了 elu，没有 + 1：φ(x) = elu(x) + 1 让每个特征都为正，归一化项才不会为 0 或变号。'),
      compute: mistake({ phi: elu }) },
    { message: say('φ is ReLU: this exercise uses φ(x) = elu(x) + 1 (Katharopoulos et al., 2020), which is positive and smooth.',
      'φ 用了 ReLU：本练习用的是 φ(x) = elu(x) + 1（Katharopoulos 等，2020），它处处为正且光滑。'),
      compute: mistake({ phi: (x) => Math.max(x, 0) }) },
    { message: say('φ(x) = exp(x) was used: with φ = elu + 1, φ(x) = x + 1 for x > 0 and exp(x) only for x ≤ 0.',
      '用了 φ(x) = exp(x)：φ = elu + 1 时，x > 0 时 φ(x) = x + 1，只有 x ≤ 0 时才是 exp(x)。'),
      compute: mistake({ phi: Math.exp }) },
  ],
  cases: ({ normal }) => {
    // the quadratic form in float64: the reference the linear form must equal
    const expected = (_, q, k, v) => overBatch(2, (a, b, c) => quadratic(a, b, c))(q, k, v);
    return [
      { name: say('equals its quadratic form: 5 queries, 5 keys, d_k = 4, d_v = 3', '等于它的二次形式：5 个查询，5 个键，d_k = 4，d_v = 3'), args: [normal([5, 4], 1001), normal([5, 4], 1002), normal([5, 3], 1003)], expected },
      { name: say('Lq = 3 ≠ Lk = 7', 'Lq = 3 ≠ Lk = 7'), args: [normal([3, 4], 1004), normal([7, 4], 1005), normal([7, 2], 1006)], expected },
      { name: say('one position', '只有一个位置'), args: [normal([1, 4], 1007), normal([1, 4], 1008), normal([1, 3], 1009)], expected },
      { name: say('large negative inputs (φ close to 0 but positive)', '很大的负输入（φ 接近 0 但仍为正）'), args: [normal([4, 3], 1010, { mean: -4 }), normal([6, 3], 1011, { mean: -4 }), normal([6, 2], 1012)], expected },
      { name: say('batch and head dimensions [2, 2, 4, 3]', '批次和头维度 [2, 2, 4, 3]'), args: [normal([2, 2, 4, 3], 1013), normal([2, 2, 4, 3], 1014), normal([2, 2, 4, 5], 1015)], expected },
      { name: say('200 keys (the linear form never builds the 200-column matrix)', '200 个键（线性形式从不构造 200 列的矩阵）'), args: [normal([4, 8], 1016), normal([200, 8], 1017), normal([200, 4], 1018)], expected },
    ];
  },
};
