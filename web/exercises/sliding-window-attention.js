// Exercise 18 · sliding-window-attention: causal attention in which query i sees only the last `window` positions,
// i − window < j ≤ i (local attention, as in Longformer and Mistral). It equals full attention with a band mask.
// Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, attention2d, overBatch } from '../src/exercises/checker.js';

/** Sliding-window attention of 2-d q, k, v in float64: `allowed(i, j, window)` decides which keys a query sees. */
const banded = (allowed, options = {}) => (q, k, v, window) => overBatch(2, (a, b, c) => {
  const mask = a.map((_, i) => b.map((__, j) => (allowed(i, j, window) ? 1 : 0)));
  return attention2d(a, b, c, { mask, ...options });
})(q, k, v);
const band = (i, j, w) => j <= i && j > i - w;

export default {
  id: 'sliding-window-attention',
  entry: 'slidingWindowAttention',
  params: ['q', 'k', 'v', 'window'],
  forbidden: ['scaledDotProductAttention', 'flashAttention', 'multiHeadAttention', 'masks.slidingWindow', 'masks.causal'],
  tolerance: { abs: 1e-5, rel: 1e-4 },
  solution: String.raw`function slidingWindowAttention(q, k, v, window) {
  if (Array.isArray(q[0][0])) return q.map((qb, b) => slidingWindowAttention(qb, k[b], v[b], window));
  const dk = q[0].length;
  return q.map((qi, i) => {
    // keys i − window + 1 … i: the query itself and the window − 1 before it; everything else gets −∞
    const scores = k.map((kj, j) => (j <= i && j > i - window ? qi.reduce((s, x, c) => s + x * kj[c], 0) / Math.sqrt(dk) : -Infinity));
    const max = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - max));
    const total = e.reduce((a, b) => a + b, 0);
    return v[0].map((_, c) => e.reduce((s, ej, j) => s + (ej / total) * v[j][c], 0));
  });
}`,
  mistakes: [
    { message: say('the window is one too wide (j ≥ i − window): query i sees `window` positions in all, itself included — i − window < j ≤ i.',
      '窗口宽了一位（j ≥ i − window）：查询 i 一共看到 window 个位置，包括它自己——i − window < j ≤ i。'),
      compute: banded((i, j, w) => j <= i && j >= i - w) },
    { message: say('the window is one too narrow (j > i − window + 1): query i sees `window` positions in all, itself included.',
      '窗口窄了一位（j > i − window + 1）：查询 i 一共看到 window 个位置，包括它自己。'),
      compute: banded((i, j, w) => j <= i && j > i - w + 1) },
    { message: say('the window is not causal (|i − j| < window): here query i may not see later positions, j ≤ i.',
      '窗口不是因果的（|i − j| < window）：这里查询 i 不能看到之后的位置，j ≤ i。'),
      compute: banded((i, j, w) => Math.abs(i - j) < w) },
    { message: say('the window is ignored: this is plain causal attention; keys older than i − window + 1 must be hidden.',
      '忽略了窗口：这只是普通的因果注意力；早于 i − window + 1 的键要被遮住。'),
      compute: banded((i, j) => j <= i) },
    { message: say('the band is applied to the weights after the softmax, so the remaining weights no longer sum to 1: set the hidden SCORES to −Infinity before the softmax.',
      '带状掩码用在了 softmax 之后的权重上，剩下的权重之和不再是 1：应当在 softmax 之前把被遮住的分数设为 −Infinity。'),
      compute: (q, k, v, window) => overBatch(2, (a, b, c) => {
        const scale = 1 / Math.sqrt(a[0].length);
        return a.map((qi, i) => {
          const s = b.map((kj) => qi.reduce((acc, x, col) => acc + x * kj[col], 0) * scale);
          const m = Math.max(...s); const e = s.map((x) => Math.exp(x - m)); const t = e.reduce((x, y) => x + y, 0);
          const w = e.map((x, j) => (band(i, j, window) ? x / t : 0));
          return c[0].map((_, col) => w.reduce((acc, wj, j) => acc + wj * c[j][col], 0));
        });
      })(q, k, v) },
  ],
  cases: ({ normal }) => {
    // the core's full attention with the core's band mask (1 where i − window < j ≤ i)
    const fromCore = ({ attn }, q, k, v, window) => {
      let L = q; while (Array.isArray(L[0][0])) L = L[0];
      L = L.length;
      return attn.scaledDotProductAttention(q, k, v, { mask: attn.masks.slidingWindow(L, window), returnWeights: false }).output;
    };
    return [
      { name: say('8 tokens, window 3, d_k = 4, d_v = 3', '8 个词元，窗口 3，d_k = 4，d_v = 3'), args: [normal([8, 4], 701), normal([8, 4], 702), normal([8, 3], 703), 3], expected: fromCore },
      { name: say('window 1: each token sees only itself (output = v)', '窗口 1：每个词元只看到它自己（输出 = v）'), args: [normal([5, 4], 704), normal([5, 4], 705), normal([5, 2], 706), 1], expected: fromCore },
      { name: say('window ≥ L: full causal attention', '窗口 ≥ L：完整的因果注意力'), args: [normal([6, 4], 707), normal([6, 4], 708), normal([6, 3], 709), 6], expected: fromCore },
      { name: say('20 tokens, window 4', '20 个词元，窗口 4'), args: [normal([20, 4], 710), normal([20, 4], 711), normal([20, 2], 712), 4], expected: fromCore },
      { name: say('one token', '只有一个词元'), args: [normal([1, 4], 713), normal([1, 4], 714), normal([1, 3], 715), 2], expected: fromCore },
      { name: say('batch and head dimensions [2, 2, 6, 4], window 2', '批次和头维度 [2, 2, 6, 4]，窗口 2'), args: [normal([2, 2, 6, 4], 716), normal([2, 2, 6, 4], 717), normal([2, 2, 6, 3], 718), 2], expected: fromCore },
    ];
  },
};
