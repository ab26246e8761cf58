// Exercise 10 · multi-head-attention: h heads, each on its own d_model/h columns of the projections, concatenated and
// projected by W_O. Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, attention2d, matmul, overBatch } from '../src/exercises/checker.js';

/** Multi-head attention of 2-d x in float64, with knobs that reproduce common mistakes. */
function mha(x, Wq, Wk, Wv, Wo, h, { interleaved = false, useWo = true, scaleWidth = null } = {}) {
  const Q = matmul(x, Wq), K = matmul(x, Wk), V = matmul(x, Wv);
  const dHead = Q[0].length / h;
  const columns = (M, head) => M.map((row) => row.filter((_, c) => (interleaved ? c % h === head : Math.floor(c / dHead) === head)));
  const heads = Array.from({ length: h }, (_, head) => attention2d(columns(Q, head), columns(K, head), columns(V, head),
    { scale: 1 / Math.sqrt(scaleWidth ?? dHead) }));
  const concat = x.map((_, i) => heads.flatMap((out) => out[i]));
  return useWo ? matmul(concat, Wo) : concat;
}
const batched = (options) => (x, Wq, Wk, Wv, Wo, h) => overBatch(2, (xx) => mha(xx, Wq, Wk, Wv, Wo, h, options))(x);

/** The helper the learner's code may call: plain scaled dot-product attention of 2-d q, k, v. */
const attention = (q, k, v) => attention2d(q, k, v);

export default {
  id: 'multi-head-attention',
  entry: 'multiHeadAttention',
  params: ['x', 'Wq', 'Wk', 'Wv', 'Wo', 'numHeads'],
  forbidden: ['multiHeadAttention', 'scaledDotProductAttention', 'flashAttention'],
  tolerance: { abs: 1e-5, rel: 1e-4 },
  setup: () => ({ matmul, attention }),
  solution: String.raw`function multiHeadAttention(x, Wq, Wk, Wv, Wo, numHeads) {
  if (Array.isArray(x[0][0])) return x.map((xb) => multiHeadAttention(xb, Wq, Wk, Wv, Wo, numHeads));
  const Q = matmul(x, Wq), K = matmul(x, Wk), V = matmul(x, Wv);
  const dHead = Q[0].length / numHeads;
  // head h owns the columns h·dHead … (h+1)·dHead − 1 of Q, K and V
  const slice = (M, h) => M.map((row) => row.slice(h * dHead, (h + 1) * dHead));
  const heads = [];
  for (let h = 0; h < numHeads; h++) heads.push(attention(slice(Q, h), slice(K, h), slice(V, h)));
  // concatenate the heads' outputs row by row, then mix them with W_O
  const concat = x.map((_, i) => heads.flatMap((out) => out[i]));
  return matmul(concat, Wo);
}`,
  mistakes: [
    { message: say('W_O is missing: after concatenating the heads, multiply by W_O.', '漏掉了 W_O：把各个头拼接之后，还要乘以 W_O。'),
      compute: batched({ useWo: false }) },
    { message: say('the heads are split along the wrong axis: head h owns the CONTIGUOUS columns h·d_head … (h+1)·d_head − 1, not every h-th column.',
      '头的划分方式错了：第 h 个头拥有连续的列 h·d_head … (h+1)·d_head − 1，而不是每隔 h 列取一列。'),
      compute: batched({ interleaved: true }) },
    { message: say('each head is scaled by 1/√d_model; it should be 1/√d_head, the width of one head.', '每个头用 1/√d_model 缩放了；应当是 1/√d_head，即一个头的宽度。'),
      compute: (x, Wq, Wk, Wv, Wo, h) => overBatch(2, (xx) => mha(xx, Wq, Wk, Wv, Wo, h, { scaleWidth: Wq[0].length }))(x) },
    { message: say('only one head was computed: numHeads is ignored, so this is single-head attention over all d_model columns.',
      '只算了一个头：忽略了 numHeads，这是在全部 d_model 列上的单头注意力。'),
      compute: (x, Wq, Wk, Wv, Wo) => overBatch(2, (xx) => mha(xx, Wq, Wk, Wv, Wo, 1))(x) },
  ],
  cases: ({ normal, attn }) => {
    const expected = (_, x, Wq, Wk, Wv, Wo, numHeads) => attn.multiHeadAttention(x, x, x, { numHeads, Wq, Wk, Wv, Wo, returnWeights: false }).output;
    const W = (seed, d = 8) => normal([d, d], seed, { std: 0.5 });
    return [
      { name: say('2 heads, 5 tokens, d_model = 8', '2 个头，5 个词元，d_model = 8'), args: [normal([5, 8], 171), W(172), W(173), W(174), W(175), 2], expected },
      { name: say('4 heads of width 2', '4 个宽为 2 的头'), args: [normal([6, 8], 176), W(177), W(178), W(179), W(180), 4], expected },
      { name: say('1 head: plain attention with projections', '1 个头：带投影的普通注意力'), args: [normal([4, 8], 181), W(182), W(183), W(184), W(185), 1], expected },
      { name: say('one token', '只有一个词元'), args: [normal([1, 8], 186), W(187), W(188), W(189), W(190), 2], expected },
      { name: say('a batch of 2 sequences [2, 3, 6], 3 heads', '2 个序列的批次 [2, 3, 6]，3 个头'),
        args: [normal([2, 3, 6], 191), W(192, 6), W(193, 6), W(194, 6), W(195, 6), 3], expected },
    ];
  },
};
