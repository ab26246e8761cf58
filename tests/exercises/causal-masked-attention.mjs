// Wrong and differently-written right solutions of exercise causal-masked-attention.
const body = ({ allowed = 'j <= i + offset', after = false, scale = 'Math.sqrt(dk)' } = {}) => `function causalAttention(q, k, v) {
  if (Array.isArray(q[0][0])) return q.map((qb, b) => causalAttention(qb, k[b], v[b]));
  const dk = q[0].length, offset = k.length - q.length;
  return q.map((qi, i) => {
    let scores = k.map((kj, j) => qi.reduce((s, x, c) => s + x * kj[c], 0) / ${scale});
    ${after ? '' : 'scores = scores.map((s, j) => (' + allowed + ' ? s : -Infinity));'}
    const m = Math.max(...scores), e = scores.map((s) => Math.exp(s - m)), t = e.reduce((a, b) => a + b, 0);
    let w = e.map((x) => x / t);
    ${after ? 'w = w.map((x, j) => (' + allowed + ' ? x : 0));' : ''}
    return v[0].map((_, c) => w.reduce((s, wj, j) => s + wj * v[j][c], 0));
  });
}`;
export default {
  wrong: [
    { name: 'off by one (j < i)', expect: /off by one \(j < i\)/, code: body({ allowed: 'j < i + offset' }) },
    { name: 'off by one (j ≤ i + 1)', expect: /off by one \(j ≤ i \+ 1\)|can see the future/, code: body({ allowed: 'j <= i + offset + 1' }) },
    { name: 'top-left aligned', expect: /aligned top-left/, code: body({ allowed: 'j <= i' }) },
    { name: 'mask after softmax', expect: /after the softmax/, code: body({ after: true }) },
    { name: 'no mask', expect: /no mask|can see the future/, code: body({ allowed: 'true' }) },
  ],
  right: [
    { name: 'only the visible prefix is ever touched, float64 typed arrays',
      code: `function causalAttention(q, k, v) {
  if (Array.isArray(q[0][0])) return q.map((qb, b) => causalAttention(qb, k[b], v[b]));
  const scale = 1 / Math.sqrt(q[0].length);
  return q.map((qi, i) => {
    const visible = i + k.length - q.length + 1;
    const s = new Float64Array(visible);
    for (let j = 0; j < visible; j++) for (let c = 0; c < qi.length; c++) s[j] += qi[c] * k[j][c] * scale;
    const m = Math.max(...s);
    let total = 0;
    const out = new Float64Array(v[0].length);
    for (let j = visible - 1; j >= 0; j--) { const p = Math.exp(s[j] - m); total += p; for (let c = 0; c < out.length; c++) out[c] += p * v[j][c]; }
    return out.map((x) => x / total);
  });
}` },
  ],
};
