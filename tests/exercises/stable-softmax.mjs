// Wrong and differently-written right solutions of exercise stable-softmax, for tests/browser/exercises.test.mjs.
export default {
  wrong: [
    { name: 'no max subtraction', expect: /no max subtraction/,
      code: `function softmax(x, temperature = 1) {
  if (Array.isArray(x[0])) return x.map((r) => softmax(r, temperature));
  const e = x.map((v) => Math.exp(v / temperature));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}` },
    { name: 'temperature multiplies', expect: /temperature multiplies/,
      code: `function softmax(x, temperature = 1) {
  if (Array.isArray(x[0])) return x.map((r) => softmax(r, temperature));
  const z = x.map((v) => v * temperature), m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m)), s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}` },
    { name: 'softmax over the wrong axis (columns)', expect: /wrong axis|sum to 1 per column/,
      code: `function softmax(x, temperature = 1) {
  const rowSoftmax = (r) => { const m = Math.max(...r); const e = r.map((v) => Math.exp((v - m) / temperature)); const s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); };
  if (!Array.isArray(x[0])) return rowSoftmax(x);
  if (Array.isArray(x[0][0])) return x.map((m) => softmax(m, temperature));
  const cols = x[0].map((_, j) => rowSoftmax(x.map((r) => r[j])));
  return x.map((r, i) => r.map((_, j) => cols[j][i]));
}` },
    { name: 'only one row, no batches', expect: /each row/,
      code: `function softmax(x, temperature = 1) {
  const m = Math.max(...x);
  const e = x.map((v) => Math.exp((v - m) / temperature)), s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}` },
    { name: 'calls attn.softmax', expect: /attn\.softmax/,
      code: 'function softmax(x, temperature = 1) { return attn.softmax(x, { temperature }).toArray(); }' },
  ],
  right: [
    { name: 'float64 typed arrays, a for loop and a two-pass log-sum-exp',
      code: `function softmax(x, temperature = 1) {
  if (Array.isArray(x[0])) return x.map((r) => softmax(r, temperature));
  const z = Float64Array.from(x, (v) => v / temperature);
  let m = -Infinity;
  for (let i = z.length - 1; i >= 0; i--) m = Math.max(m, z[i]);
  let s = 0;
  for (let i = 0; i < z.length; i++) s += Math.exp(z[i] - m);
  const lse = m + Math.log(s);
  return z.map((v) => Math.exp(v - lse));
}` },
  ],
};
