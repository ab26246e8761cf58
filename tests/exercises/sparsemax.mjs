// Wrong and differently-written right solutions of exercise sparsemax.
const body = ({ tau = '(supportSum - 1) / support' } = {}) => `function sparsemax(z) {
  if (Array.isArray(z[0])) return z.map(sparsemax);
  const sorted = [...z].sort((a, b) => b - a);
  let k = 0, cumulative = 0, support = 0, supportSum = 0;
  for (const value of sorted) {
    k++;
    cumulative += value;
    if (1 + k * value > cumulative) { support = k; supportSum = cumulative; }
  }
  const tau = ${tau};
  return z.map((x) => Math.max(x - tau, 0));
}`;
export default {
  wrong: [
    { name: 'threshold over all elements', expect: /averages over all n elements/,
      code: 'function sparsemax(z) {\n  if (Array.isArray(z[0])) return z.map(sparsemax);\n  const tau = (z.reduce((a, b) => a + b, 0) - 1) / z.length;\n  return z.map((x) => Math.max(x - tau, 0));\n}' },
    { name: 'threshold divides by k + 1', expect: /divides by k \+ 1/, code: body({ tau: '(supportSum - 1) / (support + 1)' }) },
    { name: 'τ from the sum of all values, divided by the support size', expect: /sum of ALL values/, code: body({ tau: '(cumulative - 1) / support' }) },
    { name: 'softmax instead', expect: /this is softmax/,
      code: 'function sparsemax(z) {\n  if (Array.isArray(z[0])) return z.map(sparsemax);\n  const m = Math.max(...z), e = z.map((x) => Math.exp(x - m)), t = e.reduce((a, b) => a + b, 0);\n  return e.map((x) => x / t);\n}' },
  ],
  right: [
    { name: 'bisection on τ (no sorting), then the exact τ from the support it finds',
      code: `function sparsemax(z) {
  if (Array.isArray(z[0])) return z.map(sparsemax);
  let lo = Math.max(...z) - 1, hi = Math.max(...z);        // Σ max(z − τ, 0) is ≥ 1 at lo and 0 at hi
  for (let it = 0; it < 100; it++) {
    const mid = (lo + hi) / 2;
    if (z.reduce((s, x) => s + Math.max(x - mid, 0), 0) >= 1) lo = mid; else hi = mid;
  }
  const support = z.filter((x) => x > lo);
  const tau = (support.reduce((a, b) => a + b, 0) - 1) / support.length;
  return z.map((x) => (x > tau ? x - tau : 0));
}` },
    { name: 'typed-array sort, support found by a while loop',
      code: `function sparsemax(z) {
  if (Array.isArray(z[0])) return z.map(sparsemax);
  const sorted = Float64Array.from(z).sort().reverse();   // typed arrays sort numerically
  let k = 0, sum = 0;
  while (k < sorted.length && 1 + (k + 1) * sorted[k] > sum + sorted[k]) { sum += sorted[k]; k++; }
  const tau = (sum - 1) / k;
  return z.map((x) => Math.max(x - tau, 0));
}` },
  ],
};
