// Wrong and differently-written right solutions of exercise additive-scores.
const body = (inner) => `function additiveScores(q, k, Wq, Wk, w) {
  const proj = (x, W) => x.map((r) => W[0].map((_, h) => r.reduce((s, a, i) => s + a * W[i][h], 0)));
  const qh = proj(q, Wq), kh = proj(k, Wk);
  return ${inner};
}`;
export default {
  wrong: [
    { name: 'no tanh', expect: /no tanh/, code: body('qh.map((a) => kh.map((b) => a.reduce((s, x, h) => s + w[h] * (x + b[h]), 0)))') },
    { name: 'tanh outside', expect: /tanh is applied after the dot product/, code: body('qh.map((a) => kh.map((b) => Math.tanh(a.reduce((s, x, h) => s + w[h] * (x + b[h]), 0))))') },
    { name: 'w missing', expect: /w is missing/, code: body('qh.map((a) => kh.map((b) => a.reduce((s, x, h) => s + Math.tanh(x + b[h]), 0)))') },
    { name: 'keys as rows', expect: /\[Lk, Lq\]|Expected shape/, code: body('kh.map((b) => qh.map((a) => a.reduce((s, x, h) => s + w[h] * Math.tanh(x + b[h]), 0)))') },
  ],
  right: [
    { name: 'explicit loops, hidden unit outermost, tanh via exp',
      code: `function additiveScores(q, k, Wq, Wk, w) {
  const H = w.length, out = q.map(() => new Float64Array(k.length));
  const tanh = (x) => { const e = Math.exp(-2 * Math.abs(x)); return Math.sign(x) * (1 - e) / (1 + e); };
  for (let h = 0; h < H; h++) {
    const qh = q.map((r) => r.reduce((s, a, i) => s + a * Wq[i][h], 0));
    const kh = k.map((r) => r.reduce((s, a, i) => s + a * Wk[i][h], 0));
    for (let i = 0; i < q.length; i++) for (let j = 0; j < k.length; j++) out[i][j] += w[h] * tanh(qh[i] + kh[j]);
  }
  return out.map((row) => Array.from(row));
}` },
  ],
};
