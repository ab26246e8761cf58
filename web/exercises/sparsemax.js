// Exercise 22 · sparsemax (Martins & Astudillo, 2016): the Euclidean projection of z onto the probability simplex,
// p_i = max(z_i − τ, 0) with τ chosen so that Σ p = 1. Unlike softmax it gives EXACT zeros.
// Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, mapRows, softmaxRow, toTensor, formatNumber, formatShape, property, valueOf } from '../src/exercises/checker.js';

/** Sparsemax of one row in float64, with knobs that reproduce common mistakes. */
function sparsemaxRow(z, { supportShift = 0, allElements = false, denominatorShift = 0, sumOfAll = false } = {}) {
  const sorted = [...z].sort((a, b) => b - a);
  let k = 0, cumulative = 0, support = 0;
  for (const value of sorted) {
    k += 1;
    cumulative += value;
    if (1 + k * value > cumulative) { support = k; }
  }
  if (allElements) support = z.length;
  support = Math.min(Math.max(support + supportShift, 1), z.length);
  const sum = sorted.slice(0, sumOfAll ? z.length : support).reduce((a, b) => a + b, 0);
  const tau = (sum - 1) / (support + denominatorShift);
  return z.map((x) => Math.max(x - tau, 0));
}
export const sparsemaxReference = (z) => mapRows(z, (row) => sparsemaxRow(row));
const mistake = (options) => (z) => mapRows(z, (row) => sparsemaxRow(row, options));

export default {
  id: 'sparsemax',
  entry: 'sparsemax',
  params: ['z'],
  forbidden: ['softmax', 'logSoftmax'],
  // a float64 reference; learners compute in float64 too, so the slack only absorbs a different order of summation
  tolerance: { abs: 1e-6, rel: 1e-5 },
  solution: String.raw`function sparsemax(z) {
  if (Array.isArray(z[0])) return z.map(sparsemax);
  const sorted = [...z].sort((a, b) => b - a);           // largest first
  // the support: the largest k with 1 + k·z_(k) > z_(1) + … + z_(k)
  let k = 0, cumulative = 0, support = 0, supportSum = 0;
  for (const value of sorted) {
    k++;
    cumulative += value;
    if (1 + k * value > cumulative) { support = k; supportSum = cumulative; }
  }
  const tau = (supportSum - 1) / support;                 // the threshold: Σ max(z − τ, 0) = 1
  return z.map((x) => Math.max(x - tau, 0));
}`,
  mistakes: [
    { message: say('the threshold τ averages over all n elements: τ = (Σ_{j≤k} z_(j) − 1) / k uses only the k largest values, the support, found by 1 + k·z_(k) > Σ_{j≤k} z_(j).',
      '阈值 τ 是对全部 n 个元素求的平均：τ = (Σ_{j≤k} z_(j) − 1) / k 只用最大的 k 个值（支撑集），k 由 1 + k·z_(k) > Σ_{j≤k} z_(j) 确定。'),
      compute: mistake({ allElements: true }) },
    { message: say('the threshold divides by k + 1 instead of k: τ = (Σ_{j≤k} z_(j) − 1) / k, so that the kept values sum to exactly 1.',
      '阈值除以了 k + 1 而不是 k：τ = (Σ_{j≤k} z_(j) − 1) / k，这样保留下来的值之和恰好为 1。'),
      compute: mistake({ denominatorShift: 1 }) },
    { message: say('the support is one element too large: k is the LAST index where 1 + k·z_(k) > Σ_{j≤k} z_(j) holds.',
      '支撑集多了一个元素：k 是满足 1 + k·z_(k) > Σ_{j≤k} z_(j) 的最后一个下标。'),
      compute: mistake({ supportShift: 1 }) },
    { message: say('the support is one element too small: k is the LAST index where 1 + k·z_(k) > Σ_{j≤k} z_(j) holds.',
      '支撑集少了一个元素：k 是满足 1 + k·z_(k) > Σ_{j≤k} z_(j) 的最后一个下标。'),
      compute: mistake({ supportShift: -1 }) },
    { message: say('τ uses the sum of ALL values divided by the support size k: sum only the k values of the support, τ = (Σ_{j≤k} z_(j) − 1) / k.',
      'τ 用了全部值之和再除以支撑集大小 k：只应对支撑集里的 k 个值求和，τ = (Σ_{j≤k} z_(j) − 1) / k。'),
      compute: mistake({ sumOfAll: true }) },
    { message: say('this is softmax: sparsemax is max(z − τ, 0), a projection onto the simplex with exact zeros, no exp.',
      '这是 softmax：sparsemax 是 max(z − τ, 0)，是到单纯形上的投影，会产生精确的 0，不用 exp。'),
      compute: (z) => mapRows(z, (row) => softmaxRow(row)) },
  ],
  cases: ({ normal }) => {
    const expected = (_, z) => sparsemaxReference(z);
    const exactZeros = (z, what) => ({
      name: what,
      property: property(async (call) => {
        const p = toTensor(valueOf(await call(z)));
        const want = toTensor(sparsemaxReference(z));
        if (p.shape.join() !== want.shape.join()) return say(`Expected shape ${formatShape(want.shape)}, got ${formatShape(p.shape)}.`, `期望形状 ${formatShape(want.shape)}，实际为 ${formatShape(p.shape)}。`);
        const n = want.shape.at(-1);
        for (let i = 0; i < want.data.length; i += 1) {
          if (want.data[i] === 0 && p.data[i] !== 0) {
            return say(`Entry ${i % n} of row ${Math.floor(i / n)} should be exactly 0, got ${formatNumber(p.data[i])}: sparsemax zeroes everything below the threshold (max(z − τ, 0)).`,
              `第 ${Math.floor(i / n)} 行第 ${i % n} 个元素应当恰好为 0，实际为 ${formatNumber(p.data[i])}：sparsemax 会把低于阈值的值全部置零（max(z − τ, 0)）。`);
          }
        }
        for (let r = 0; r < want.data.length; r += n) {
          const sum = p.data.slice(r, r + n).reduce((a, b) => a + b, 0);
          if (!(Math.abs(sum - 1) <= 1e-6)) return say(`Row ${r / n} sums to ${formatNumber(sum)}, not 1.`, `第 ${r / n} 行之和为 ${formatNumber(sum)}，不是 1。`);
        }
        return null;
      }),
    });
    return [
      { name: say('a row of 6 normal values (some zeros, some kept)', '一行 6 个正态分布的值（有的为 0，有的保留）'), args: [normal([6], 1101, { std: 1.5 })], expected },
      { name: say('close values: nothing is cut (the result is dense)', '相近的值：没有被截断的（结果是稠密的）'), args: [[0.1, 0.2, 0.15, 0.05]], expected },
      { name: say('one value far ahead: a one-hot result', '一个值遥遥领先：结果是 one-hot'), args: [[3, 0.5, -1, 0.2]], expected },
      { name: say('logits of ±1000 (no exp, nothing overflows)', '±1000 的 logits（不用 exp，不会溢出）'), args: [[1000, 999.5, -1000, 999.8]], expected },
      { name: say('one element', '只有一个元素'), args: [[-2.5]], expected },
      { name: say('rows [3, 8] along the last axis', '沿最后一个轴的多行 [3, 8]'), args: [normal([3, 8], 1102, { std: 2 })], expected },
      exactZeros(normal([4, 10], 1103, { std: 2 }), say('exact zeros below the threshold, every row sums to 1', '低于阈值的元素恰好为 0，每行之和为 1')),
    ];
  },
};
