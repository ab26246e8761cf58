// Exercise 4 · scaled-dot-product-attention: softmax(q·kᵀ/√d_k)·v over leading batch/head dimensions.
// Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, attention2d, overBatch, matmul, softmaxRow, permuteRows, maxAbsDifference, formatNumber, property, valueOf } from '../src/exercises/checker.js';

const batched = (options) => overBatch(2, (q, k, v) => attention2d(q, k, v, options));

export default {
  id: 'scaled-dot-product-attention',
  entry: 'attention',
  params: ['q', 'k', 'v'],
  forbidden: ['scaledDotProductAttention', 'flashAttention', 'multiHeadAttention', 'additiveAttention', 'hardAttention'],
  tolerance: { abs: 1e-5, rel: 1e-4 },
  solution: String.raw`function attention(q, k, v) {
  // leading batch/head dimensions: the same function on each slice
  if (Array.isArray(q[0][0])) return q.map((qb, b) => attention(qb, k[b], v[b]));
  const dk = q[0].length;
  return q.map((qi) => {
    const scores = k.map((kj) => qi.reduce((s, x, c) => s + x * kj[c], 0) / Math.sqrt(dk));
    const max = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - max));
    const total = e.reduce((a, b) => a + b, 0);
    // output row = Σ_j weight_j · v_j  (width d_v)
    return v[0].map((_, c) => e.reduce((s, ej, j) => s + (ej / total) * v[j][c], 0));
  });
}`,
  mistakes: [
    { message: say('no 1/√d_k scale: the scores must be divided by √d_k before the softmax.', '没有乘以 1/√d_k：分数在 softmax 之前要除以 √d_k。'),
      compute: (q, k, v) => batched({ scale: 1 })(q, k, v) },
    { message: say('the scores are divided by d_k; divide by √d_k.', '分数除以了 d_k；应当除以 √d_k。'),
      compute: (q, k, v) => overBatch(2, (qq, kk, vv) => attention2d(qq, kk, vv, { scale: 1 / qq[0].length }))(q, k, v) },
    { message: say('softmax over the wrong axis: normalise each query\'s row of scores (over the keys), not each column.',
      'softmax 用错了轴：应当对每个查询的那一行分数（沿键的方向）归一化，而不是按列。'),
      compute: (q, k, v) => batched({ softmaxAxis: 'columns' })(q, k, v) },
    { message: say('no max subtraction in the softmax: large scores overflow to Infinity and give NaN.', 'softmax 中没有减去最大值：很大的分数溢出为 Infinity，得到 NaN。'),
      compute: (q, k, v) => batched({ subtractMax: false })(q, k, v) },
    { message: say('K is not transposed: the scores are q·K (rows of q times columns of K), not q·Kᵀ (q_i · k_j).',
      'K 没有转置：分数算成了 q·K（q 的行乘 K 的列），而不是 q·Kᵀ（q_i · k_j）。'),
      compute: (q, k, v) => overBatch(2, (qq, kk, vv) => {
        const scores = matmul(qq, kk).map((row) => row.map((s) => s / Math.sqrt(qq[0].length)));
        return matmul(scores.map((row) => softmaxRow(row)), vv);
      })(q, k, v) },
    { message: say('you returned the attention weights; multiply them by V to get the output [..., Lq, d_v].',
      '你返回的是注意力权重；还要乘以 V 才得到输出 [..., Lq, d_v]。'),
      // attention with V = identity returns the weights themselves
      compute: (q, k, v) => overBatch(2, (qq, kk) => attention2d(qq, kk, kk.map((_, i) => kk.map((__, j) => (i === j ? 1 : 0)))))(q, k, v) },
  ],
  cases: ({ normal, attn }) => {
    const expected = (_, q, k, v) => attn.scaledDotProductAttention(q, k, v, { returnWeights: false }).output;
    return [
      { name: say('Lq = 4, Lk = 6, d_k = 8, d_v = 5', 'Lq = 4，Lk = 6，d_k = 8，d_v = 5'), args: [normal([4, 8], 41), normal([6, 8], 42), normal([6, 5], 43)], expected },
      { name: say('one position', '只有一个位置'), args: [normal([1, 4], 44), normal([1, 4], 45), normal([1, 3], 46)], expected },
      { name: say('Lk = d_k = 6 (catches a missing transpose)', 'Lk = d_k = 6（能发现漏掉的转置）'), args: [normal([3, 6], 47), normal([6, 6], 48), normal([6, 2], 49)], expected },
      { name: say('batch and head dimensions [2, 3, 5, 4]', '批次和头维度 [2, 3, 5, 4]'), args: [normal([2, 3, 5, 4], 50), normal([2, 3, 7, 4], 51), normal([2, 3, 7, 6], 52)], expected },
      { name: say('large scores (inputs with standard deviation 40)', '很大的分数（输入的标准差为 40）'), args: [normal([3, 8], 53, { std: 40 }), normal([5, 8], 54, { std: 40 }), normal([5, 3], 55)], expected },
      {
        name: say('permuting keys and values together leaves the output unchanged', '同时置换键和值，输出不变'),
        property: property(async (call, { normal: n }) => {
          const q = n([4, 8], 56), k = n([6, 8], 57), v = n([6, 5], 58);
          const perm = [3, 0, 5, 1, 4, 2];
          const before = valueOf(await call(q, k, v));
          const after = valueOf(await call(q, permuteRows(k, perm), permuteRows(v, perm)));
          const gap = maxAbsDifference(before, after);
          return gap <= 1e-6 ? null : say(`The output changed by up to ${formatNumber(gap)} when keys and values were reordered together: attention must treat the keys as a set.`,
            `同时重排键和值之后，输出最多变化了 ${formatNumber(gap)}：注意力应当把键当作一个集合来对待。`);
        }),
      },
    ];
  },
};
