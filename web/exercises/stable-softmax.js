// Exercise 1 · stable-softmax: softmax along the last axis, with a temperature, that stays finite for logits of ±1000.
// Language-neutral: the statement, starter comments and hints are in web/content/<lang>/04-programming-exercises.md.
import { say, mapRows, softmaxRow, toTensor, firstRowNotSummingToOne, formatShape, formatNumber, property, valueOf } from '../src/exercises/checker.js';

const softmaxAll = (x, options) => mapRows(x, (row) => softmaxRow(row, options));

export default {
  id: 'stable-softmax',
  entry: 'softmax',
  params: ['x', 'temperature'],
  forbidden: ['softmax', 'logSoftmax'],
  tolerance: { abs: 1e-6, rel: 1e-4 },
  solution: String.raw`function softmax(x, temperature = 1) {
  // a batch of rows: softmax each one (any number of leading dimensions)
  if (Array.isArray(x[0])) return x.map((row) => softmax(row, temperature));
  const scaled = x.map((v) => v / temperature);
  const max = Math.max(...scaled);            // softmax(z) = softmax(z − c): exp never sees a positive number
  const e = scaled.map((v) => Math.exp(v - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}`,
  mistakes: [
    { message: say('only a single row is handled: for a batch [..., n], apply softmax to each row (check Array.isArray(x[0])).',
      '只处理了单独一行：对于一批行 [..., n]，要对每一行分别做 softmax（检查 Array.isArray(x[0])）。'),
      compute: (x) => { if (!Array.isArray(x[0])) throw new Error('not a batch'); return x.map(() => NaN); } },
    { message: say('no max subtraction: exp(1000) overflows to Infinity and Infinity/Infinity is NaN; subtract the row maximum first.',
      '没有减去最大值：exp(1000) 溢出为 Infinity，Infinity/Infinity 得到 NaN；先减去每行的最大值。'),
      compute: (x, t = 1) => softmaxAll(x, { temperature: t, subtractMax: false }) },
    { message: say('the temperature multiplies the logits; it should divide them (z / T).', '温度乘到了 logits 上；应当是除以温度（z / T）。'),
      compute: (x, t = 1) => softmaxAll(mapRows(x, (r) => r.map((v) => v * t))) },
    { message: say('the temperature is ignored.', '忽略了温度参数。'),
      compute: (x) => softmaxAll(x) },
    { message: say('the maximum was subtracted from the whole tensor at once, and each row was divided by the sum over everything.',
      '对整个张量一起做了归一化：每行除以的是所有元素的和，而不是本行的和。'),
      compute: (x, t = 1) => {
        const flat = toTensor(x).data;
        const max = Math.max(...flat.map((v) => v / t));
        const total = flat.reduce((s, v) => s + Math.exp(v / t - max), 0);
        return mapRows(x, (row) => row.map((v) => Math.exp(v / t - max) / total));
      } },
  ],
  cases: ({ normal, attn }) => {
    const core = (x, t = 1) => attn.softmax(x, { temperature: t });
    return [
      { name: say('six normal logits', '六个正态分布的 logits'), args: [normal([6], 11), 1], expected: (_, x, t) => core(x, t) },
      { name: say('a batch of rows [4, 5]', '一批行 [4, 5]'), args: [normal([4, 5], 12), 1], expected: (_, x, t) => core(x, t) },
      { name: say('batch and head dimensions [2, 3, 4]', '批次和头维度 [2, 3, 4]'), args: [normal([2, 3, 4], 13), 1], expected: (_, x, t) => core(x, t) },
      { name: say('one position', '只有一个位置'), args: [[0.7], 1], expected: (_, x, t) => core(x, t) },
      { name: say('logits near +1000', '接近 +1000 的 logits'), args: [[1000, 999, 998, 990], 1], expected: (_, x, t) => core(x, t) },
      { name: say('logits near −1000', '接近 −1000 的 logits'), args: [[-1000, -1001, -999, -1010], 1], expected: (_, x, t) => core(x, t) },
      { name: say('temperature 0.5 (sharper)', '温度 0.5（更尖锐）'), args: [normal([2, 6], 14), 0.5], expected: (_, x, t) => core(x, t) },
      { name: say('temperature 5 (flatter)', '温度 5（更平缓）'), args: [normal([2, 6], 15), 5], expected: (_, x, t) => core(x, t) },
      {
        name: say('every row sums to 1 (logits of ±1000 mixed)', '每行之和为 1（混合 ±1000 的 logits）'),
        property: property(async (call) => {
          const x = [[1000, -1000, 0, 3], [-1000, -1000, -999, -1000.5]];
          const result = toTensor(valueOf(await call(x, 1)));
          if (result.shape.length !== 2 || result.shape[0] !== 2 || result.shape[1] !== 4) {
            return say(`Expected shape [2, 4], got ${formatShape(result.shape)}.`, `期望形状 [2, 4]，实际为 ${formatShape(result.shape)}。`);
          }
          const bad = firstRowNotSummingToOne(result, 1e-6);
          return bad ? say(`Row ${formatShape(bad.row)} sums to ${formatNumber(bad.sum)}, not 1.`, `第 ${formatShape(bad.row)} 行之和为 ${formatNumber(bad.sum)}，不是 1。`) : null;
        }),
      },
    ];
  },
};
