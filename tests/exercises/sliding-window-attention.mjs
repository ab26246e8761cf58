// Wrong and differently-written right solutions of exercise sliding-window-attention.
const body = (allowed) => `function slidingWindowAttention(q, k, v, window) {
  if (Array.isArray(q[0][0])) return q.map((qb, b) => slidingWindowAttention(qb, k[b], v[b], window));
  const dk = q[0].length;
  return q.map((qi, i) => {
    const s = k.map((kj, j) => (${allowed} ? qi.reduce((a, x, c) => a + x * kj[c], 0) / Math.sqrt(dk) : -Infinity));
    const m = Math.max(...s), e = s.map((x) => Math.exp(x - m)), t = e.reduce((a, b) => a + b, 0);
    return v[0].map((_, c) => e.reduce((a, ej, j) => a + ej / t * v[j][c], 0));
  });
}`;
export default {
  wrong: [
    { name: 'window one too wide (j ≥ i − window)', expect: /one too wide/, code: body('j <= i && j >= i - window') },
    { name: 'not causal (|i − j| < window)', expect: /not causal/, code: body('Math.abs(i - j) < window') },
    { name: 'window ignored (plain causal)', expect: /window is ignored/, code: body('j <= i') },
    { name: 'window one too narrow', expect: /one too narrow/, code: body('j <= i && j > i - window + 1') },
  ],
  right: [
    { name: 'loops only over the window’s keys, float64 typed arrays, scale folded into q',
      code: `function slidingWindowAttention(q, k, v, window) {
  if (Array.isArray(q[0][0])) return q.map((qb, b) => slidingWindowAttention(qb, k[b], v[b], window));
  const scale = 1 / Math.sqrt(q[0].length);
  return q.map((qi, i) => {
    const first = Math.max(0, i - window + 1);
    const w = new Float64Array(i - first + 1);
    for (let j = first; j <= i; j++) w[j - first] = qi.reduce((a, x, c) => a + x * scale * k[j][c], 0);
    const m = Math.max(...w);
    let t = 0;
    for (let j = 0; j < w.length; j++) { w[j] = Math.exp(w[j] - m); t += w[j]; }
    const out = new Float64Array(v[0].length);
    for (let j = first; j <= i; j++) for (let c = 0; c < out.length; c++) out[c] += w[j - first] / t * v[j][c];
    return Array.from(out);
  });
}` },
  ],
};
