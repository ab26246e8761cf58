// Wrong and differently-written right solutions of exercise alibi.
const body = ({ slope = 'Math.pow(2, -8 * (h + 1) / H)', bias = '- slope * (i - j)', scaled = 'dot * scale' } = {}) => `function alibiAttention(q, k, v) {
  const H = q.length;
  return q.map((qh, h) => {
    const slope = ${slope};
    const scale = 1 / Math.sqrt(qh[0].length);
    return qh.map((qi, i) => {
      const scores = k[h].map((kj, j) => {
        if (j > i) return -Infinity;
        const dot = qi.reduce((s, x, c) => s + x * kj[c], 0);
        return ${scaled} ${bias};
      });
      const m = Math.max(...scores), e = scores.map((s) => Math.exp(s - m)), t = e.reduce((a, b) => a + b, 0);
      return v[h][0].map((_, c) => e.reduce((s, ej, j) => s + ej / t * v[h][j][c], 0));
    });
  });
}`;
export default {
  wrong: [
    { name: 'slopes start at head 0 with 2^0 = 1', expect: /slopes start one head too early/, code: body({ slope: 'Math.pow(2, -8 * h / H)' }) },
    { name: 'slopes 2^−(h+1), ignoring H', expect: /slopes ignore the number of heads/, code: body({ slope: 'Math.pow(2, -(h + 1))' }) },
    { name: 'bias with the wrong sign', expect: /wrong sign/, code: body({ bias: '+ slope * (i - j)' }) },
    { name: 'bias scaled by 1/√d together with the dot product', expect: /multiplied by 1\/√d_k too/, code: body({ scaled: '(dot', bias: '- slope * (i - j)) * scale' }) },
  ],
  right: [
    { name: 'slopes as a geometric sequence (ratio 2^(−8/H)), bias table built first, weights normalised in a second pass',
      code: `function alibiAttention(q, k, v) {
  const H = q.length, ratio = 2 ** (-8 / H);
  const slopes = [ratio];
  while (slopes.length < H) slopes.push(slopes[slopes.length - 1] * ratio);
  const out = [];
  for (let h = 0; h < H; h++) {
    const L = q[h].length, d = q[h][0].length;
    const rows = [];
    for (let i = 0; i < L; i++) {
      const w = [];
      for (let j = 0; j <= i; j++) {
        let dot = 0;
        for (let c = 0; c < d; c++) dot += q[h][i][c] * k[h][j][c];
        w.push(dot / Math.sqrt(d) + slopes[h] * (j - i));
      }
      const m = Math.max(...w);
      let total = 0;
      for (let j = 0; j <= i; j++) { w[j] = Math.exp(w[j] - m); total += w[j]; }
      rows.push(v[h][0].map((_, c) => { let s = 0; for (let j = 0; j <= i; j++) s += w[j] * v[h][j][c]; return s / total; }));
    }
    out.push(rows);
  }
  return out;
}` },
  ],
};
