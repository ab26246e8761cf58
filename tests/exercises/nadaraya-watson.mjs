// Wrong and differently-written right solutions of exercise nadaraya-watson.
const stable = `const soft = (s) => { const m = Math.max(...s); const e = s.map((v) => Math.exp(v - m)); const t = e.reduce((a, b) => a + b, 0); return e.map((v) => v / t); };`;
export default {
  wrong: [
    { name: 'kernel without the factor 2', expect: /factor 2/,
      code: `${stable}
function nadarayaWatson(qs, ks, vs, w) { return qs.map((x) => soft(ks.map((xi) => -((x - xi) ** 2) / (w * w))).reduce((a, wi, i) => a + wi * vs[i], 0)); }` },
    { name: 'not normalised', expect: /not normalised/,
      code: `function nadarayaWatson(qs, ks, vs, w) { return qs.map((x) => ks.reduce((a, xi, i) => a + Math.exp(-((x - xi) ** 2) / (2 * w * w)) * vs[i], 0)); }` },
    { name: 'naive normalisation: NaN far from the keys', expect: /underflows to 0/,
      code: `function nadarayaWatson(qs, ks, vs, w) { return qs.map((x) => { const e = ks.map((xi) => Math.exp(-((x - xi) ** 2) / (2 * w * w))); const t = e.reduce((a, b) => a + b, 0); return e.reduce((a, ei, i) => a + ei / t * vs[i], 0); }); }` },
    { name: 'absolute distance', expect: /not squared/,
      code: `${stable}
function nadarayaWatson(qs, ks, vs, w) { return qs.map((x) => soft(ks.map((xi) => -Math.abs(x - xi) / (2 * w * w))).reduce((a, wi, i) => a + wi * vs[i], 0)); }` },
  ],
  right: [
    { name: 'log-sum-exp with explicit loops',
      code: `function nadarayaWatson(queries, keys, values, width) {
  const out = new Float64Array(queries.length);
  for (let q = 0; q < queries.length; q++) {
    let m = -Infinity;
    const s = keys.map((xi) => -0.5 * ((queries[q] - xi) / width) ** 2);
    for (const v of s) if (v > m) m = v;
    let num = 0, den = 0;
    for (let i = keys.length - 1; i >= 0; i--) { const e = Math.exp(s[i] - m); num += e * values[i]; den += e; }
    out[q] = num / den;
  }
  return out;
}` },
  ],
};
