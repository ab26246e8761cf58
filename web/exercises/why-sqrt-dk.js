// Exercise 3 · why-sqrt-dk: the variance of q·k grows like d_k for unit-variance inputs; dividing by √d_k brings it
// back to about 1. Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, toTensor } from '../src/exercises/checker.js';

/** Population variance of all values (the checker accepts the n − 1 form too: the tolerance covers the difference). */
function variance(values) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((s, x) => s + (x - mean) ** 2, 0) / values.length;
}

function scoreEntries(q, k, scale) {
  const entries = [];
  for (const qi of q) {
    for (const kj of k) {
      let dot = 0;
      for (let c = 0; c < qi.length; c += 1) dot += qi[c] * kj[c];
      entries.push(dot * scale);
    }
  }
  return entries;
}

export default {
  id: 'why-sqrt-dk',
  entry: 'scoreVariance',
  params: ['q', 'k', 'scaled'],
  forbidden: ['scores.dot', 'scores.scaledDot', 'scaledDotProductAttention'],
  // Every case has ≥ 1024 scores, so the n and n − 1 denominators differ by < 1e-3 relatively, inside the tolerance.
  tolerance: { abs: 1e-6, rel: 2e-3 },
  solution: String.raw`function scoreVariance(q, k, scaled) {
  const dk = q[0].length;
  const scale = scaled ? 1 / Math.sqrt(dk) : 1;
  const scores = [];
  for (const qi of q) {
    for (const kj of k) {
      let dot = 0;
      for (let c = 0; c < dk; c++) dot += qi[c] * kj[c];
      scores.push(dot * scale);
    }
  }
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  return scores.reduce((s, x) => s + (x - mean) ** 2, 0) / scores.length;
}`,
  mistakes: [
    { message: say('you divided by d_k instead of √d_k: the variance then shrinks like 1/d_k.', '你除以了 d_k 而不是 √d_k：方差会像 1/d_k 那样缩小。'),
      compute: (q, k, scaled) => variance(scoreEntries(q, k, scaled ? 1 / q[0].length : 1)) },
    { message: say('the scale is ignored: with scaled = true the scores must be divided by √d_k.', '忽略了缩放：scaled 为 true 时分数要除以 √d_k。'),
      compute: (q, k) => variance(scoreEntries(q, k, 1)) },
    { message: say('you returned the mean of the squares without subtracting the mean: variance is E[(s − E s)²].',
      '你返回的是平方的平均，没有减去均值：方差是 E[(s − E s)²]。'),
      compute: (q, k, scaled) => {
        const s = scoreEntries(q, k, scaled ? 1 / Math.sqrt(q[0].length) : 1);
        return s.reduce((a, x) => a + x * x, 0) / s.length;
      } },
    { message: say('you returned the standard deviation; the exercise asks for the variance (its square).', '你返回的是标准差；本练习要的是方差（标准差的平方）。'),
      compute: (q, k, scaled) => Math.sqrt(variance(scoreEntries(q, k, scaled ? 1 / Math.sqrt(q[0].length) : 1))) },
  ],
  cases: ({ normal, attn }) => {
    // The expected value from the core's own score functions.
    const expected = (_, q, k, scaled) => variance(Array.from(toTensor(scaled ? attn.scores.scaledDot(q, k) : attn.scores.dot(q, k)).data));
    const cases = [];
    for (const [d, seed] of [[16, 31], [256, 32], [1024, 33]]) {
      const q = normal([32, d], seed);
      const k = normal([32, d], seed + 100);
      cases.push({ name: say(`d_k = ${d}, without the scale (≈ ${d})`, `d_k = ${d}，不缩放（≈ ${d}）`), args: [q, k, false], expected });
      cases.push({ name: say(`d_k = ${d}, scaled by 1/√d_k (≈ 1)`, `d_k = ${d}，乘以 1/√d_k（≈ 1）`), args: [q, k, true], expected });
    }
    cases.push({ name: say('inputs with mean 1: subtract the mean of the scores', '均值为 1 的输入：要减去分数的均值'),
      args: [normal([32, 8], 34, { mean: 1 }), normal([32, 8], 35, { mean: 1 }), true], expected });
    cases.push({ name: say('Lq ≠ Lk (24 queries, 48 keys)', 'Lq ≠ Lk（24 个查询，48 个键）'),
      args: [normal([24, 64], 36), normal([48, 64], 37), true], expected });
    return cases;
  },
};
