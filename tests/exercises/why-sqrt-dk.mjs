// Wrong and differently-written right solutions of exercise why-sqrt-dk.
const scores = `const scoresOf = (q, k, c) => q.flatMap((qi) => k.map((kj) => qi.reduce((s, x, i) => s + x * kj[i], 0) * c));`;
export default {
  wrong: [
    { name: 'divides by d_k instead of √d_k', expect: /divided by d_k instead/,
      code: `${scores}
function scoreVariance(q, k, scaled) { const s = scoresOf(q, k, scaled ? 1 / q[0].length : 1); const m = s.reduce((a, b) => a + b, 0) / s.length; return s.reduce((a, x) => a + (x - m) ** 2, 0) / s.length; }` },
    { name: 'no mean subtraction', expect: /without subtracting the mean/,
      code: `${scores}
function scoreVariance(q, k, scaled) { const s = scoresOf(q, k, scaled ? 1 / Math.sqrt(q[0].length) : 1); return s.reduce((a, x) => a + x * x, 0) / s.length; }` },
    { name: 'returns the standard deviation', expect: /standard deviation/,
      code: `${scores}
function scoreVariance(q, k, scaled) { const s = scoresOf(q, k, scaled ? 1 / Math.sqrt(q[0].length) : 1); const m = s.reduce((a, b) => a + b, 0) / s.length; return Math.sqrt(s.reduce((a, x) => a + (x - m) ** 2, 0) / s.length); }` },
  ],
  right: [
    { name: 'Welford one-pass variance with the n − 1 denominator, k-outer loop',
      code: `function scoreVariance(q, k, scaled) {
  const c = scaled ? 1 / Math.sqrt(q[0].length) : 1;
  let n = 0, mean = 0, m2 = 0;
  for (let j = 0; j < k.length; j++) for (let i = 0; i < q.length; i++) {
    let s = 0; for (let d = q[0].length - 1; d >= 0; d--) s += q[i][d] * k[j][d];
    s *= c; n++; const delta = s - mean; mean += delta / n; m2 += delta * (s - mean);
  }
  return m2 / (n - 1);
}` },
  ],
};
