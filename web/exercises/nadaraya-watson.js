// Exercise 2 · nadaraya-watson: Nadaraya–Watson kernel regression with a Gaussian kernel, which is attention whose
// scores are −(x − xᵢ)² / 2w². Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, softmaxRow } from '../src/exercises/checker.js';

/** The same regression computed in float64 with a chosen kernel and normalisation (for recognising mistakes). */
function regress(queries, keys, values, score, normalise = (row) => softmaxRow(row)) {
  return queries.map((x) => {
    const weights = normalise(keys.map((xi) => score(x, xi)));
    return weights.reduce((sum, w, i) => sum + w * values[i], 0);
  });
}

/**
 * The expected result from the core: −(x − xᵢ)²/2w² = (x·xᵢ − xᵢ²/2)/w² − x²/2w², and the last term is the same for
 * every key of a query, so softmax ignores it. Queries [x, 1] and keys [xᵢ/w², −xᵢ²/2w²] with scale 1 give exactly
 * those scores to the core's scaled dot-product attention.
 */
function expectedFromCore(attn, queries, keys, values, width) {
  const w2 = width * width;
  const q = queries.map((x) => [x, 1]);
  const k = keys.map((xi) => [xi / w2, -(xi * xi) / (2 * w2)]);
  const v = values.map((y) => [y]);
  const { output } = attn.scaledDotProductAttention(q, k, v, { scale: 1, returnWeights: false });
  return Array.from(output.data);
}

export default {
  id: 'nadaraya-watson',
  entry: 'nadarayaWatson',
  params: ['queries', 'keys', 'values', 'width'],
  forbidden: ['softmax', 'scaledDotProductAttention', 'flashAttention', 'additiveAttention'],
  // float32 in the core; the scores reach a few hundred when keys are spread out
  tolerance: { abs: 1e-4, rel: 1e-3 },
  solution: String.raw`function nadarayaWatson(queries, keys, values, width) {
  return queries.map((x) => {
    // attention scores of this query: a Gaussian kernel in log form
    const scores = keys.map((xi) => -((x - xi) ** 2) / (2 * width * width));
    const max = Math.max(...scores);             // stable softmax, as in exercise 1
    const e = scores.map((s) => Math.exp(s - max));
    const total = e.reduce((a, b) => a + b, 0);
    return e.reduce((sum, ei, i) => sum + (ei / total) * values[i], 0);
  });
}`,
  mistakes: [
    { message: say('the weights are not normalised (no division by their sum): that is a kernel sum, not an average.',
      '权重没有归一化（没有除以它们的和）：那是核函数的加和，不是加权平均。'),
      compute: (qs, ks, vs, w) => regress(qs, ks, vs, (x, xi) => -((x - xi) ** 2) / (2 * w * w), (row) => row.map(Math.exp)) },
    { message: say('the kernel lacks the factor 2: use −(x − xᵢ)² / (2w²), not −(x − xᵢ)² / w².',
      '核函数少了因子 2：应为 −(x − xᵢ)² / (2w²)，而不是 −(x − xᵢ)² / w²。'),
      compute: (qs, ks, vs, w) => regress(qs, ks, vs, (x, xi) => -((x - xi) ** 2) / (w * w)) },
    { message: say('the width is not squared: use −(x − xᵢ)² / (2w²), not −(x − xᵢ)² / (2w).',
      '宽度没有平方：应为 −(x − xᵢ)² / (2w²)，而不是 −(x − xᵢ)² / (2w)。'),
      compute: (qs, ks, vs, w) => regress(qs, ks, vs, (x, xi) => -((x - xi) ** 2) / (2 * w)) },
    { message: say('the distance is not squared: a Gaussian kernel uses (x − xᵢ)², not |x − xᵢ|.',
      '距离没有平方：高斯核使用 (x − xᵢ)²，而不是 |x − xᵢ|。'),
      compute: (qs, ks, vs, w) => regress(qs, ks, vs, (x, xi) => -Math.abs(x - xi) / (2 * w * w)) },
    { message: say('the sign of the score is wrong: nearer keys must get MORE weight, so the score is −(x − xᵢ)².',
      '分数的符号反了：越近的键权重越大，所以分数是 −(x − xᵢ)²。'),
      compute: (qs, ks, vs, w) => regress(qs, ks, vs, (x, xi) => ((x - xi) ** 2) / (2 * w * w)) },
    { message: say('exp of very negative scores underflows to 0 and 0/0 = NaN: subtract the largest score before exp, as in exercise 1.',
      '非常负的分数取 exp 会下溢为 0，0/0 = NaN：像练习 1 那样，先减去最大分数再取 exp。'),
      compute: (qs, ks, vs, w) => regress(qs, ks, vs, (x, xi) => -((x - xi) ** 2) / (2 * w * w), (row) => softmaxRow(row, { subtractMax: false })) },
  ],
  cases: ({ normal, attn }) => {
    const expected = (_, qs, ks, vs, w) => expectedFromCore(attn, qs, ks, vs, w);
    const keys = normal([12], 21, { std: 2 });
    const values = keys.map((x, i) => Math.sin(x) + 0.3 * normal([12], 22)[i]);
    return [
      { name: say('12 noisy samples of sin, 5 queries, width 0.5', 'sin 的 12 个带噪样本，5 个查询，宽度 0.5'),
        args: [[-2, -0.5, 0, 1.2, 3], keys, values, 0.5], expected },
      { name: say('a wide kernel (width 3): close to the mean of all values', '很宽的核（宽度 3）：接近所有值的平均'),
        args: [normal([4], 23), keys, values, 3], expected },
      { name: say('one key: every query gets its value', '只有一个键：每个查询都得到它的值'),
        args: [[-1, 0, 2], [0.4], [2.5], 1], expected },
      { name: say('more queries than keys, normal values', '查询比键多，正态分布的值'),
        args: [normal([9], 24), normal([3], 25), normal([3], 26), 0.8], expected },
      { name: say('queries far from every key (width 0.1): no NaN', '远离所有键的查询（宽度 0.1）：不能出现 NaN'),
        args: [[30, -40], [0, 1, 2], [1, 2, 3], 0.1], expected },
    ];
  },
};
