// Exercise 17 · grouped-query-attention (Ainslie et al., 2023): H query heads share H_kv key/value heads; query head h
// reads K/V head ⌊h / (H / H_kv)⌋. H_kv = H is multi-head attention, H_kv = 1 multi-query attention (Shazeer, 2019).
// Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, attention2d, matmul, overBatch } from '../src/exercises/checker.js';

/** Grouped-query attention of 2-d x in float64, with knobs that reproduce common mistakes. */
function gqa(x, Wq, Wk, Wv, Wo, H, Hkv, { kvHeadOf = (h, group) => Math.floor(h / group), useWo = true, scaleWidth = null } = {}) {
  const Q = matmul(x, Wq), K = matmul(x, Wk), V = matmul(x, Wv);
  const dHead = Q[0].length / H;
  const dV = V[0].length / Hkv;
  const group = H / Hkv;
  const cols = (M, head, width) => M.map((row) => row.slice(head * width, (head + 1) * width));
  const heads = Array.from({ length: H }, (_, h) => {
    const g = kvHeadOf(h, group, Hkv);
    return attention2d(cols(Q, h, dHead), cols(K, g, dHead), cols(V, g, dV), { scale: 1 / Math.sqrt(scaleWidth ?? dHead) });
  });
  const concat = x.map((_, i) => heads.flatMap((out) => out[i]));
  return useWo ? matmul(concat, Wo) : concat;
}
const batched = (options) => (x, Wq, Wk, Wv, Wo, H, Hkv) => overBatch(2, (xx) => gqa(xx, Wq, Wk, Wv, Wo, H, Hkv, options))(x);

/** The helper the learner's code may call: plain scaled dot-product attention of 2-d q, k, v. */
const attention = (q, k, v) => attention2d(q, k, v);

export default {
  id: 'grouped-query-attention',
  entry: 'groupedQueryAttention',
  params: ['x', 'Wq', 'Wk', 'Wv', 'Wo', 'numHeads', 'numKvHeads'],
  forbidden: ['multiHeadAttention', 'scaledDotProductAttention', 'flashAttention'],
  tolerance: { abs: 1e-5, rel: 1e-4 },
  setup: () => ({ matmul, attention }),
  solution: String.raw`function groupedQueryAttention(x, Wq, Wk, Wv, Wo, numHeads, numKvHeads) {
  if (Array.isArray(x[0][0])) return x.map((xb) => groupedQueryAttention(xb, Wq, Wk, Wv, Wo, numHeads, numKvHeads));
  const Q = matmul(x, Wq), K = matmul(x, Wk), V = matmul(x, Wv);
  const dHead = Q[0].length / numHeads;           // the same width for the K heads
  const dv = V[0].length / numKvHeads;
  const group = numHeads / numKvHeads;            // query heads per K/V head
  const slice = (M, h, w) => M.map((row) => row.slice(h * w, (h + 1) * w));
  const heads = [];
  for (let h = 0; h < numHeads; h++) {
    const g = Math.floor(h / group);              // consecutive query heads share one K/V head
    heads.push(attention(slice(Q, h, dHead), slice(K, g, dHead), slice(V, g, dv)));
  }
  const concat = x.map((_, i) => heads.flatMap((out) => out[i]));
  return matmul(concat, Wo);
}`,
  mistakes: [
    { message: say('query head h reads K/V head h mod H_kv (round-robin); here, as in the paper’s figure and the core, CONSECUTIVE query heads share one: K/V head ⌊h / (H / H_kv)⌋.',
      '查询头 h 读取了第 h mod H_kv 个 K/V 头（轮流分配）；这里与论文的图示和内核一致，是相邻的查询头共用一个：第 ⌊h / (H / H_kv)⌋ 个 K/V 头。'),
      compute: batched({ kvHeadOf: (h, group, Hkv) => h % Hkv }) },
    { message: say('W_O is missing: after concatenating the heads, multiply by W_O.', '漏掉了 W_O：把各个头拼接之后，还要乘以 W_O。'),
      compute: batched({ useWo: false }) },
    { message: say('every query head reads K/V head 0: only with H_kv = 1 (multi-query) do all heads share one.', '每个查询头都读了第 0 个 K/V 头：只有 H_kv = 1（多查询注意力）时所有头才共用一个。'),
      compute: batched({ kvHeadOf: () => 0 }) },
    { message: say('each head is scaled by 1/√d_model; it should be 1/√d_head, the width of one head.', '每个头用 1/√d_model 缩放了；应当是 1/√d_head，即一个头的宽度。'),
      compute: (x, Wq, Wk, Wv, Wo, H, Hkv) => batched({ scaleWidth: Wq[0].length })(x, Wq, Wk, Wv, Wo, H, Hkv) },
  ],
  cases: ({ normal }) => {
    const expected = ({ attn }, x, Wq, Wk, Wv, Wo, numHeads, numKvHeads) =>
      attn.multiHeadAttention(x, x, x, { numHeads, numKvHeads, Wq, Wk, Wv, Wo, returnWeights: false }).output;
    const W = (seed, rows, cols) => normal([rows, cols], seed, { std: 0.5 });
    // d_model = 8; H query heads of width 8/H; H_kv K/V heads of the same width
    const args = (seed, L, H, Hkv, batch = null) => {
      const dHead = 8 / H;
      return [normal(batch ? [batch, L, 8] : [L, 8], seed), W(seed + 1, 8, 8), W(seed + 2, 8, Hkv * dHead), W(seed + 3, 8, Hkv * dHead), W(seed + 4, 8, 8), H, Hkv];
    };
    return [
      { name: say('H = 4 query heads, H_kv = 2 (GQA), 5 tokens', 'H = 4 个查询头，H_kv = 2（GQA），5 个词元'), args: args(601, 5, 4, 2), expected },
      { name: say('H_kv = H = 4: multi-head attention', 'H_kv = H = 4：多头注意力'), args: args(611, 5, 4, 4), expected },
      { name: say('H_kv = 1: multi-query attention', 'H_kv = 1：多查询注意力'), args: args(621, 6, 4, 1), expected },
      { name: say('H = 8 of width 1, H_kv = 2', 'H = 8 个宽为 1 的头，H_kv = 2'), args: args(631, 4, 8, 2), expected },
      { name: say('one token', '只有一个词元'), args: args(641, 1, 4, 2), expected },
      { name: say('a batch of 2 sequences [2, 3, 8], H = 4, H_kv = 2', '2 个序列的批次 [2, 3, 8]，H = 4，H_kv = 2'), args: args(651, 3, 4, 2, 2), expected },
    ];
  },
};
