// Wrong and differently-written right solutions of exercise scaled-dot-product-attention.
const body = ({ scale = '1 / Math.sqrt(dk)', axis = 'rows', transposeK = true, subtractMax = true, returnWeights = false } = {}) => `function attention(q, k, v) {
  if (Array.isArray(q[0][0])) return q.map((qb, b) => attention(qb, k[b], v[b]));
  const dk = q[0].length;
  const scores = q.map((qi) => ${transposeK ? 'k.map((kj) => qi.reduce((s, x, c) => s + x * kj[c], 0))' : 'k[0].map((_, j) => qi.reduce((s, x, c) => s + x * k[c][j], 0))'}.map((s) => s * (${scale})));
  const soft = (r) => { const m = ${subtractMax ? 'Math.max(...r)' : '0'}; const e = r.map((s) => Math.exp(s - m)); const t = e.reduce((a, b) => a + b, 0); return e.map((x) => x / t); };
  const weights = ${axis === 'rows' ? 'scores.map(soft)' : 'scores[0].map((_, j) => soft(scores.map((r) => r[j]))).reduce((acc, col, j) => { col.forEach((w, i) => { (acc[i] ??= [])[j] = w; }); return acc; }, [])'};
  ${returnWeights ? 'return weights;' : 'return weights.map((w) => v[0].map((_, c) => w.reduce((s, wj, j) => s + wj * v[j][c], 0)));'}
}`;
export default {
  wrong: [
    { name: 'no 1/√d scale', expect: /no 1\/√d_k scale/, code: body({ scale: '1' }) },
    { name: 'divides by d_k', expect: /divided by d_k; divide by √d_k/, code: body({ scale: '1 / dk' }) },
    { name: 'softmax over the wrong axis', expect: /wrong axis/, code: body({ axis: 'columns' }) },
    { name: 'K not transposed', expect: /K is not transposed/, code: body({ transposeK: false }) },
    { name: 'no max subtraction', expect: /no max subtraction/, code: body({ subtractMax: false }) },
    { name: 'returns the weights', expect: /returned the attention weights/, code: body({ returnWeights: true }) },
  ],
  right: [
    { name: 'Float64Array rows, j-outer accumulation, online softmax over the keys',
      code: `function attention(q, k, v) {
  if (Array.isArray(q[0][0])) return q.map((qb, b) => attention(qb, k[b], v[b]));
  const dk = q[0].length, dv = v[0].length;
  return q.map((qi) => {
    let m = -Infinity, l = 0;
    const acc = new Float64Array(dv);
    for (let j = 0; j < k.length; j++) {
      let s = 0;
      for (let c = dk - 1; c >= 0; c--) s += qi[c] * k[j][c];
      s /= Math.sqrt(dk);
      const mNew = Math.max(m, s), correction = Math.exp(m - mNew), p = Math.exp(s - mNew);
      l = l * correction + p;
      for (let c = 0; c < dv; c++) acc[c] = acc[c] * correction + p * v[j][c];
      m = mNew;
    }
    return acc.map((a) => a / l);
  });
}` },
  ],
};
