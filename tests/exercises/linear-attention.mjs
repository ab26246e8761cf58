// Wrong and differently-written right solutions of exercise linear-attention.
const body = ({ phi = '(x) => (x > 0 ? x + 1 : Math.exp(x))', divide = '/ norm' } = {}) => `function linearAttention(q, k, v) {
  if (Array.isArray(q[0][0])) return q.map((qb, b) => linearAttention(qb, k[b], v[b]));
  const phi = ${phi};
  const dk = q[0].length, dv = v[0].length;
  const S = Array.from({ length: dk }, () => new Array(dv).fill(0)), z = new Array(dk).fill(0);
  k.forEach((kj, j) => kj.forEach((x, a) => { const f = phi(x); z[a] += f; for (let c = 0; c < dv; c++) S[a][c] += f * v[j][c]; }));
  return q.map((qi) => {
    const f = qi.map(phi), norm = f.reduce((s, x, a) => s + x * z[a], 0);
    return Array.from({ length: dv }, (_, c) => f.reduce((s, x, a) => s + x * S[a][c], 0) ${divide});
  });
}`;
export default {
  wrong: [
    { name: 'no normaliser', expect: /normaliser is missing/, code: body({ divide: '' }) },
    { name: 'φ = elu without + 1', expect: /elu without the \+ 1/, code: body({ phi: '(x) => (x > 0 ? x : Math.exp(x) - 1)' }) },
    { name: 'φ = ReLU', expect: /φ is ReLU/, code: body({ phi: '(x) => Math.max(x, 0)' }) },
    { name: 'softmax attention instead', expect: /this is softmax attention/,
      code: `function linearAttention(q, k, v) {
  if (Array.isArray(q[0][0])) return q.map((qb, b) => linearAttention(qb, k[b], v[b]));
  return q.map((qi) => { const s = k.map((kj) => qi.reduce((a, x, c) => a + x * kj[c], 0) / Math.sqrt(qi.length)); const m = Math.max(...s); const e = s.map((x) => Math.exp(x - m)); const t = e.reduce((a, b) => a + b, 0); return v[0].map((_, c) => e.reduce((a, ej, j) => a + ej / t * v[j][c], 0)); });
}` },
  ],
  right: [
    { name: 'the quadratic form itself (n × m kernel matrix), elu via Math.expm1',
      code: `function linearAttention(q, k, v) {
  if (Array.isArray(q[0][0])) return q.map((qb, b) => linearAttention(qb, k[b], v[b]));
  const phi = (row) => row.map((x) => (x > 0 ? x : Math.expm1(x)) + 1);
  const fk = k.map(phi);
  return q.map((qi) => {
    const fq = phi(qi);
    const w = fk.map((f) => f.reduce((s, x, a) => s + x * fq[a], 0));
    const total = w.reduce((a, b) => a + b, 0);
    return v[0].map((_, c) => w.reduce((s, wj, j) => s + wj * v[j][c], 0) / total);
  });
}` },
  ],
};
