// Exercise 14 · alibi: Attention with Linear Biases (Press, Smith and Lewis, 2021/ICLR 2022): no positional encoding;
// instead each head h adds −m_h·(i − j) to the causal scores, with head slopes m_h = 2^(−8(h+1)/H) for H heads.
// Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say } from '../src/exercises/checker.js';

/** The ALiBi slopes of H heads (H a power of two), with knobs for common mistakes. */
const slopes = (H, { from = 1 } = {}) => Array.from({ length: H }, (_, h) => 2 ** (-8 * (h + from) / H));

// Causal attention of 2-d q, k, v in float64 with bias(i, j) added to the scaled scores (attention2d has no bias knob).
function biasedAttention(q, k, v, bias, scale) {
  return q.map((qi, i) => {
    const scores = k.map((kj, j) => (j <= i ? qi.reduce((s, x, c) => s + x * kj[c], 0) * scale + bias(i, j) : -Infinity));
    const max = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - max));
    const total = e.reduce((a, b) => a + b, 0);
    return v[0].map((_, c) => e.reduce((s, ej, j) => s + (ej / total) * v[j][c], 0));
  });
}
const withBias = ({ slopeOf = (H) => slopes(H), sign = -1, scaleBias = false } = {}) => (q, k, v) => {
  const m = slopeOf(q.length);
  return q.map((qh, h) => {
    const scale = 1 / Math.sqrt(qh[0].length);
    return biasedAttention(qh, k[h], v[h], (i, j) => sign * m[h] * (i - j) * (scaleBias ? scale : 1), scale);
  });
};

export default {
  id: 'alibi',
  entry: 'alibiAttention',
  params: ['q', 'k', 'v'],
  forbidden: ['scaledDotProductAttention', 'flashAttention', 'multiHeadAttention'],
  tolerance: { abs: 1e-5, rel: 1e-4 },
  solution: String.raw`function alibiAttention(q, k, v) {
  const H = q.length;
  return q.map((qh, h) => {
    const slope = Math.pow(2, -8 * (h + 1) / H);      // head 0: 2^(−8/H) … head H−1: 2^(−8)
    const scale = 1 / Math.sqrt(qh[0].length);
    return qh.map((qi, i) => {
      // causal scores plus the linear bias: the further back key j is, the lower its score
      const scores = k[h].map((kj, j) => (j <= i ? qi.reduce((s, x, c) => s + x * kj[c], 0) * scale - slope * (i - j) : -Infinity));
      const max = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - max));
      const total = e.reduce((a, b) => a + b, 0);
      return v[h][0].map((_, c) => e.reduce((s, ej, j) => s + (ej / total) * v[h][j][c], 0));
    });
  });
}`,
  mistakes: [
    { message: say('the slopes start one head too early: head h (from 0) has m = 2^(−8(h+1)/H), so head 0 gets 2^(−8/H), not 2^0 = 1.',
      '斜率早了一个头：第 h 个头（从 0 数）的 m = 2^(−8(h+1)/H)，所以第 0 个头是 2^(−8/H)，不是 2^0 = 1。'),
      compute: withBias({ slopeOf: (H) => slopes(H, { from: 0 }) }) },
    { message: say('the slopes ignore the number of heads: m_h = 2^(−8(h+1)/H), a geometric sequence from 2^(−8/H) down to 2^(−8), not 2^(−(h+1)).',
      '斜率没有考虑头的数量：m_h = 2^(−8(h+1)/H)，是从 2^(−8/H) 到 2^(−8) 的等比数列，不是 2^(−(h+1))。'),
      compute: withBias({ slopeOf: (H) => Array.from({ length: H }, (_, h) => 2 ** -(h + 1)) }) },
    { message: say('the bias has the wrong sign: it must LOWER the scores of distant keys, −m·(i − j) with i − j ≥ 0.',
      '偏置的符号反了：它要降低远处键的分数，即 −m·(i − j)，其中 i − j ≥ 0。'),
      compute: withBias({ sign: 1 }) },
    { message: say('every head uses the same slope: each head h has its own m_h, so the heads look at different distances.',
      '所有头用了同一个斜率：每个头 h 有自己的 m_h，因此不同的头关注不同的距离。'),
      compute: withBias({ slopeOf: (H) => Array(H).fill(2 ** (-8 / H)) }) },
    { message: say('the bias was multiplied by 1/√d_k too: scale the dot product only, then add −m·(i − j).',
      '偏置也乘了 1/√d_k：只缩放点积，然后再加上 −m·(i − j)。'),
      compute: withBias({ scaleBias: true }) },
    { message: say('no bias: this is plain causal attention; ALiBi adds −m_h·(i − j) to every score.',
      '没有偏置：这只是普通的因果注意力；ALiBi 要在每个分数上加 −m_h·(i − j)。'),
      compute: withBias({ slopeOf: (H) => Array(H).fill(0) }) },
    { message: say('the causal mask is missing: query i may only see keys j ≤ i.', '漏掉了因果掩码：查询 i 只能看到 j ≤ i 的键。'),
      compute: (q, k, v) => q.map((qh, h) => { const m = 2 ** (-8 * (h + 1) / q.length); const scale = 1 / Math.sqrt(qh[0].length);
        return qh.map((qi, i) => { const s = k[h].map((kj, j) => qi.reduce((a, x, c) => a + x * kj[c], 0) * scale - m * Math.abs(i - j)); const mx = Math.max(...s); const e = s.map((x) => Math.exp(x - mx)); const t = e.reduce((a, b) => a + b, 0); return v[h][0].map((_, c) => e.reduce((a, ej, j) => a + ej / t * v[h][j][c], 0)); }); }) },
  ],
  cases: ({ normal }) => {
    const expected = ({ attn }, q, k, v) => {
      const H = q.length, L = q[0].length;
      const bias = Array.from({ length: H }, (_, h) => Array.from({ length: L }, (_, i) => Array.from({ length: L }, (_, j) => -(2 ** (-8 * (h + 1) / H)) * Math.max(i - j, 0))));
      return attn.scaledDotProductAttention(q, k, v, { causal: true, mask: bias, maskKind: 'additive', returnWeights: false }).output;
    };
    const zeros = (H, L, d) => Array.from({ length: H }, () => Array.from({ length: L }, () => Array(d).fill(0)));
    return [
      { name: say('4 heads, 6 tokens, d_k = 4, d_v = 3', '4 个头，6 个词元，d_k = 4，d_v = 3'), args: [normal([4, 6, 4], 401), normal([4, 6, 4], 402), normal([4, 6, 3], 403)], expected },
      { name: say('q = 0: the weights come from the bias alone (shows the slopes)', 'q = 0：权重完全由偏置决定（能看出斜率）'),
        args: [zeros(8, 10, 2), normal([8, 10, 2], 404), normal([8, 10, 2], 405)], expected },
      { name: say('1 head: slope 2^(−8)', '1 个头：斜率 2^(−8)'), args: [normal([1, 5, 4], 406), normal([1, 5, 4], 407), normal([1, 5, 4], 408)], expected },
      { name: say('2 heads, 30 tokens: distant keys fade', '2 个头，30 个词元：远处的键逐渐变弱'), args: [normal([2, 30, 4], 409, { std: 0.5 }), normal([2, 30, 4], 410), normal([2, 30, 2], 411)], expected },
      { name: say('one token per head', '每个头只有一个词元'), args: [normal([2, 1, 4], 412), normal([2, 1, 4], 413), normal([2, 1, 3], 414)], expected },
    ];
  },
};
