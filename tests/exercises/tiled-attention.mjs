// Wrong and differently-written right solutions of exercise tiled-attention.
const body = ({ sumScale = 'sum * r', outScale = 'o * r', loopEnd = 'k.length', newMax = 'Math.max(max, ...s)' } = {}) => `function tiledAttention(q, k, v, blockSize) {
  if (Array.isArray(q[0][0])) return q.map((qb, b) => tiledAttention(qb, k[b], v[b], blockSize));
  const scale = 1 / Math.sqrt(q[0].length);
  const end = ${loopEnd};
  return q.map((qi) => {
    let max = -Infinity, sum = 0, out = v[0].map(() => 0);
    for (let start = 0; start < end; start += blockSize) {
      const stop = Math.min(start + blockSize, end);
      const s = [];
      for (let j = start; j < stop; j++) s.push(qi.reduce((a, x, c) => a + x * k[j][c], 0) * scale);
      const mNew = ${newMax}, r = Math.exp(max - mNew);
      sum = ${sumScale};
      out = out.map((o) => ${outScale});
      s.forEach((x, jj) => { const e = Math.exp(x - mNew); sum += e; out = out.map((o, c) => o + e * v[start + jj][c]); });
      max = mNew;
    }
    return out.map((o) => o / sum);
  });
}`;
export default {
  wrong: [
    { name: 'output accumulator not rescaled when the max grows', expect: /running output is not rescaled/, code: body({ outScale: 'o' }) },
    { name: 'nothing rescaled', expect: /nothing is rescaled/, code: body({ outScale: 'o', sumScale: 'sum' }) },
    { name: 'last partial block dropped', expect: /last, shorter block is skipped/, code: body({ loopEnd: 'Math.floor(k.length / blockSize) * blockSize' }) },
    { name: 'block-local max', expect: /its own max instead of the running max/, code: body({ newMax: 'Math.max(...s)' }) },
  ],
  right: [
    { name: 'blocks of queries AND keys, state kept in typed arrays, keys walked from the last block to the first',
      code: `function tiledAttention(q, k, v, blockSize) {
  if (Array.isArray(q[0][0])) return q.map((qb, b) => tiledAttention(qb, k[b], v[b], blockSize));
  const scale = 1 / Math.sqrt(q[0].length), dv = v[0].length;
  const result = [];
  for (let qs = 0; qs < q.length; qs += blockSize) {
    const rows = q.slice(qs, qs + blockSize);
    const max = new Float64Array(rows.length).fill(-Infinity), sum = new Float64Array(rows.length);
    const acc = rows.map(() => new Float64Array(dv));
    const starts = [];
    for (let ks = 0; ks < k.length; ks += blockSize) starts.push(ks);
    for (const ks of starts.reverse()) {
      const keys = k.slice(ks, ks + blockSize);
      rows.forEach((qi, r) => {
        const s = keys.map((kj) => qi.reduce((a, x, c) => a + x * kj[c], 0) * scale);
        const m = Math.max(max[r], ...s), corr = Math.exp(max[r] - m);
        sum[r] *= corr;
        for (let c = 0; c < dv; c++) acc[r][c] *= corr;
        s.forEach((x, jj) => { const e = Math.exp(x - m); sum[r] += e; for (let c = 0; c < dv; c++) acc[r][c] += e * v[ks + jj][c]; });
        max[r] = m;
      });
    }
    rows.forEach((_, r) => result.push(Array.from(acc[r], (x) => x / sum[r])));
  }
  return result;
}` },
  ],
};
