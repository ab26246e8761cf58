// Exercise 6 · causal-masked-attention: scaled dot-product attention where query i sees only keys j ≤ i + (Lk − Lq)
// (bottom-right aligned, as in the core and in decoding with a cache). Language-neutral: the text is in
// web/content/<lang>/04-programming-exercises.md.
import { say, attention2d, overBatch, maxAbsDifference, toTensor, formatNumber, formatShape, property, valueOf } from '../src/exercises/checker.js';

const causal = (options) => overBatch(2, (q, k, v) => attention2d(q, k, v, { causal: true, ...options }));

export default {
  id: 'causal-masked-attention',
  entry: 'causalAttention',
  params: ['q', 'k', 'v'],
  forbidden: ['scaledDotProductAttention', 'flashAttention', 'multiHeadAttention', 'masks.causal', 'masks.slidingWindow'],
  tolerance: { abs: 1e-5, rel: 1e-4 },
  solution: String.raw`function causalAttention(q, k, v) {
  if (Array.isArray(q[0][0])) return q.map((qb, b) => causalAttention(qb, k[b], v[b]));
  const dk = q[0].length;
  const offset = k.length - q.length;        // bottom-right alignment: the last query sees every key
  return q.map((qi, i) => {
    // mask the SCORES with −Infinity before the softmax, so masked weights come out exactly 0
    const scores = k.map((kj, j) => (j <= i + offset ? qi.reduce((s, x, c) => s + x * kj[c], 0) / Math.sqrt(dk) : -Infinity));
    const max = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - max));
    const total = e.reduce((a, b) => a + b, 0);
    return v[0].map((_, c) => e.reduce((s, ej, j) => s + (ej / total) * v[j][c], 0));
  });
}`,
  mistakes: [
    { message: say('no mask: every query sees the future.', '没有掩码：每个查询都看到了未来。'), compute: (q, k, v) => overBatch(2, (a, b, c) => attention2d(a, b, c))(q, k, v) },
    { message: say('the mask is off by one (j < i): a query must also see its own position.', '掩码差了一位（j < i）：查询也必须能看到它自己的位置。'),
      compute: (q, k, v) => causal({ causalShift: -1 })(q, k, v) },
    { message: say('the mask is off by one (j ≤ i + 1): query i sees one future token.', '掩码差了一位（j ≤ i + 1）：查询 i 看到了一个未来的词元。'),
      compute: (q, k, v) => causal({ causalShift: 1 })(q, k, v) },
    { message: say('the mask is aligned top-left (j ≤ i) when Lq < Lk; align it bottom-right: j ≤ i + (Lk − Lq), so the last query sees every key.',
      'Lq < Lk 时掩码按左上角对齐（j ≤ i）；应当按右下角对齐：j ≤ i + (Lk − Lq)，使最后一个查询能看到所有键。'),
      compute: (q, k, v) => overBatch(2, (a, b, c) => attention2d(a, b, c, { causal: true, causalShift: -(b.length - a.length) }))(q, k, v) },
    { message: say('the mask is applied to the weights after the softmax, so the remaining weights no longer sum to 1: set masked SCORES to −Infinity before the softmax.',
      '掩码用在了 softmax 之后的权重上，剩下的权重之和不再是 1：应当在 softmax 之前把被遮住的分数设为 −Infinity。'),
      compute: (q, k, v) => causal({ maskAfterSoftmax: true })(q, k, v) },
    { message: say('no 1/√d_k scale.', '没有乘以 1/√d_k。'), compute: (q, k, v) => causal({ scale: 1 })(q, k, v) },
  ],
  cases: ({ normal, attn }) => {
    const expected = (_, q, k, v) => attn.scaledDotProductAttention(q, k, v, { causal: true, returnWeights: false }).output;
    return [
      { name: say('self-attention, L = 5, d_k = 4, d_v = 3', '自注意力，L = 5，d_k = 4，d_v = 3'), args: [normal([5, 4], 91), normal([5, 4], 92), normal([5, 3], 93)], expected },
      { name: say('one position', '只有一个位置'), args: [normal([1, 4], 94), normal([1, 4], 95), normal([1, 2], 96)], expected },
      { name: say('Lq = 2 < Lk = 6: bottom-right aligned', 'Lq = 2 < Lk = 6：右下角对齐'), args: [normal([2, 4], 97), normal([6, 4], 98), normal([6, 3], 99)], expected },
      { name: say('batch and head dimensions [2, 2, 4, 3]', '批次和头维度 [2, 2, 4, 3]'), args: [normal([2, 2, 4, 3], 100), normal([2, 2, 4, 3], 101), normal([2, 2, 4, 5], 102)], expected },
      {
        name: say('changing future tokens leaves earlier outputs unchanged', '改动未来的词元，前面的输出不变'),
        property: property(async (call, { normal: n }) => {
          const L = 6;
          const q = n([L, 4], 103), k = n([L, 4], 104), v = n([L, 3], 105);
          const before = toTensor(valueOf(await call(q, k, v)));
          if (before.shape.join() !== [L, 3].join()) return say(`Expected shape [${L}, 3], got ${formatShape(before.shape)}.`, `期望形状 [${L}, 3]，实际为 ${formatShape(before.shape)}。`);
          for (let t = 1; t < L; t += 1) {
            // replace keys and values from position t on with other numbers
            const k2 = k.map((row, j) => (j >= t ? row.map((x) => -3 * x + 1) : row));
            const v2 = v.map((row, j) => (j >= t ? row.map((x) => 5 * x - 2) : row));
            const after = toTensor(valueOf(await call(q, k2, v2)));
            const earlier = (tensor) => Array.from(tensor.data.slice(0, t * 3));
            const gap = maxAbsDifference(earlier(before), earlier(after));
            if (gap > 1e-6) {
              return say(`Changing the keys and values from position ${t} on changed the outputs of positions 0…${t - 1} by up to ${formatNumber(gap)}: those queries can see the future.`,
                `改动位置 ${t} 及之后的键和值，位置 0…${t - 1} 的输出最多变化了 ${formatNumber(gap)}：这些查询看到了未来。`);
            }
          }
          return null;
        }),
      },
    ];
  },
};
