// Exercise 20 · online-softmax-merge: a row's softmax statistics are (m, s) — its max and Σ exp(x − m). Two parts of
// a row merge into the statistics of the whole row (Milakov & Gimelshein, 2018): m = max(m_a, m_b),
// s = s_a·exp(m_a − m) + s_b·exp(m_b − m). Then m + log s is the log-sum-exp of the whole row, which the checker takes
// from the core's logSoftmax. Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, toTensor, formatNumber, property, valueOf } from '../src/exercises/checker.js';

/** Statistics [m, s] of a row in float64 (an empty row: [−Infinity, 0]). */
export function statsOf(row) {
  if (row.length === 0) return [-Infinity, 0];
  const m = Math.max(...row);
  return [m, row.reduce((s, x) => s + Math.exp(x - m), 0)];
}
/** Rounds to a multiple of 2^−10, so that the core's float32 copy of the row holds exactly the same numbers. */
const exact = (row) => row.map((x) => Math.round(x * 1024) / 1024);

/** Statistics of a whole row from the core: m = max, s = exp(LSE − m) with LSE = x_0 − logSoftmax(x)_0. */
function coreStats(attn, row) {
  const m = Math.max(...row);
  const logSoftmax0 = attn.logSoftmax([row]).toArray()[0][0];
  return [m, Math.exp(row[0] - logSoftmax0 - m)];
}

export default {
  id: 'online-softmax-merge',
  entry: 'mergeSoftmaxStats',
  params: ['a', 'b'],
  forbidden: ['softmax', 'logSoftmax'],
  tolerance: { abs: 1e-6, rel: 1e-4 },
  solution: String.raw`function mergeSoftmaxStats(a, b) {
  const [ma, sa] = a, [mb, sb] = b;
  const m = Math.max(ma, mb);
  // each sum was taken relative to its own max; bring both to the common max m (an empty part has s = 0)
  const s = (sa === 0 ? 0 : sa * Math.exp(ma - m)) + (sb === 0 ? 0 : sb * Math.exp(mb - m));
  return [m, s];
}`,
  mistakes: [
    { message: say('the sums were added without rescaling: each s was taken relative to its own max; multiply s_a by exp(m_a − m) and s_b by exp(m_b − m).',
      '两个和直接相加，没有重新缩放：每个 s 都是相对各自最大值算的；要把 s_a 乘以 exp(m_a − m)，s_b 乘以 exp(m_b − m)。'),
      compute: ([ma, sa], [mb, sb]) => [Math.max(ma, mb), sa + sb] },
    { message: say('the rescaling goes the wrong way: exp(m − m_a) ≥ 1 grows the smaller part; use exp(m_a − m) ≤ 1.',
      '缩放方向反了：exp(m − m_a) ≥ 1 会放大较小的那部分；应当用 exp(m_a − m) ≤ 1。'),
      compute: ([ma, sa], [mb, sb]) => { const m = Math.max(ma, mb); return [m, sa * Math.exp(m - ma) + sb * Math.exp(m - mb)]; } },
    { message: say('m must be the max of the whole row, max(m_a, m_b): keeping m_a overflows as soon as the second part has larger values.',
      'm 必须是整行的最大值 max(m_a, m_b)：一直用 m_a 的话，只要第二部分的值更大就会溢出。'),
      compute: ([ma, sa], [mb, sb]) => [ma, sa + sb * Math.exp(mb - ma)] },
    { message: say('you returned log-sum-exp values or sums of exp(x) instead of the pair [m, s] with s = Σ exp(x − m).',
      '你返回的不是 [m, s]（s = Σ exp(x − m)），而是 log-sum-exp 或 exp(x) 的和。'),
      compute: ([ma, sa], [mb, sb]) => [Math.max(ma, mb), sa * Math.exp(ma) + sb * Math.exp(mb)] },
  ],
  cases: ({ normal, attn }) => {
    const pieces = (row, at) => [statsOf(row.slice(0, at)), statsOf(row.slice(at))];
    const valueCase = (name, row, at) => ({ name, args: pieces(row, at), expected: () => coreStats(attn, row) });
    const r1 = exact(normal([8], 901));
    const rising = exact(normal([8], 902).map((x, j) => x + j));
    return [
      valueCase(say('a row of 8 split 3 | 5', '长度为 8 的一行，分成 3 | 5'), r1, 3),
      valueCase(say('the larger max is in the second part', '较大的最大值在第二部分'), rising, 4),
      valueCase(say('the larger max is in the first part', '较大的最大值在第一部分'), [...rising].reverse(), 4),
      valueCase(say('values near +1000 (exp(x) overflows)', '接近 +1000 的值（exp(x) 会溢出）'), exact(normal([6], 903).map((x) => 1000 + x)), 2),
      valueCase(say('values near −1000 (exp(x) underflows to 0)', '接近 −1000 的值（exp(x) 会下溢为 0）'), exact(normal([6], 904).map((x) => -1000 + 5 * x)), 3),
      { name: say('the first part is empty: [−Infinity, 0]', '第一部分为空：[−Infinity, 0]'), args: [[-Infinity, 0], statsOf(r1)], expected: () => coreStats(attn, r1) },
      {
        name: say('merging the pieces of a row, left to right, gives its log-sum-exp (any split)', '把一行的各段从左到右合并，得到整行的 log-sum-exp（任意切分）'),
        property: property(async (call) => {
          const row = exact(normal([12], 905, { std: 3 }));
          const [m0, s0] = coreStats(attn, row);
          const lse = m0 + Math.log(s0);
          for (const cuts of [[1], [6], [11], [2, 5, 9], [3, 4, 8, 10]]) {
            const bounds = [0, ...cuts, row.length];
            let stats = statsOf(row.slice(0, bounds[1]));
            for (let p = 1; p + 1 < bounds.length; p += 1) {
              const next = toTensor(valueOf(await call(stats, statsOf(row.slice(bounds[p], bounds[p + 1])))));
              stats = Array.from(next.data);
            }
            const merged = stats[0] + Math.log(stats[1]);
            if (!(Math.abs(merged - lse) <= 1e-4)) {
              return say(`Split at ${cuts.join(', ')} and merged left to right: m + log s = ${formatNumber(merged)}, but the log-sum-exp of the whole row is ${formatNumber(lse)}.`,
                `在 ${cuts.join('、')} 处切开再从左到右合并：m + log s = ${formatNumber(merged)}，但整行的 log-sum-exp 是 ${formatNumber(lse)}。`);
            }
          }
          return null;
        }),
      },
    ];
  },
};
