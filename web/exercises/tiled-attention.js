// Exercise 19 · tiled-attention: attention over key blocks with a running max, a running sum and a running output
// (online softmax, Milakov & Gimelshein 2018; the idea of FlashAttention, Dao et al. 2022): the n × m score matrix is
// never stored, and the result equals the naive computation for every block size.
// Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, overBatch } from '../src/exercises/checker.js';

/** Tiled attention of 2-d q, k, v in float64, with knobs that reproduce common mistakes. */
function tiled(q, k, v, blockSize, { rescaleSum = true, rescaleOutput = true, dropPartial = false, localMax = false } = {}) {
  const scale = 1 / Math.sqrt(q[0].length);
  const end = dropPartial ? Math.floor(k.length / blockSize) * blockSize : k.length;
  return q.map((qi) => {
    let max = -Infinity, sum = 0, acc = new Array(v[0].length).fill(0);
    for (let start = 0; start < end; start += blockSize) {
      const keys = k.slice(start, Math.min(start + blockSize, end));
      const s = keys.map((kj) => qi.reduce((a, x, c) => a + x * kj[c], 0) * scale);
      const blockMax = Math.max(...s);
      const newMax = localMax ? blockMax : Math.max(max, blockMax);
      const correction = max === -Infinity ? 0 : Math.exp(max - newMax);
      sum = (rescaleSum ? sum * correction : sum) + s.reduce((a, x) => a + Math.exp(x - newMax), 0);
      acc = acc.map((a, c) => (rescaleOutput ? a * correction : a) + s.reduce((t, x, j) => t + Math.exp(x - newMax) * v[start + j][c], 0));
      max = newMax;
    }
    return acc.map((a) => a / sum);
  });
}
const mistake = (options) => (q, k, v, blockSize) => overBatch(2, (a, b, c) => tiled(a, b, c, blockSize, options))(q, k, v);

export default {
  id: 'tiled-attention',
  entry: 'tiledAttention',
  params: ['q', 'k', 'v', 'blockSize'],
  forbidden: ['scaledDotProductAttention', 'flashAttention', 'multiHeadAttention', 'softmax'],
  tolerance: { abs: 1e-5, rel: 1e-4 },
  solution: String.raw`function tiledAttention(q, k, v, blockSize) {
  if (Array.isArray(q[0][0])) return q.map((qb, b) => tiledAttention(qb, k[b], v[b], blockSize));
  const scale = 1 / Math.sqrt(q[0].length);
  return q.map((qi) => {
    let max = -Infinity;                           // running max of the scores seen so far
    let sum = 0;                                   // running Σ exp(s − max)
    let out = new Array(v[0].length).fill(0);      // running Σ exp(s − max) · v
    for (let start = 0; start < k.length; start += blockSize) {
      const stop = Math.min(start + blockSize, k.length);     // the last block may be shorter
      const scores = [];
      for (let j = start; j < stop; j++) scores.push(qi.reduce((s, x, c) => s + x * k[j][c], 0) * scale);
      const newMax = Math.max(max, ...scores);
      // everything accumulated so far was relative to the old max: rescale it to the new one
      const correction = Math.exp(max - newMax);   // exp(−∞) = 0 for the first block
      sum *= correction;
      out = out.map((o) => o * correction);
      scores.forEach((s, jj) => {
        const e = Math.exp(s - newMax);
        sum += e;
        out = out.map((o, c) => o + e * v[start + jj][c]);
      });
      max = newMax;
    }
    return out.map((o) => o / sum);                // divide once, at the end
  });
}`,
  mistakes: [
    { message: say('the running output is not rescaled when the max grows: multiply it (like the running sum) by exp(old max − new max) before adding the new block.',
      '最大值变大时没有重新缩放累计的输出：在加入新块之前，要像累计和一样把它乘以 exp(旧最大值 − 新最大值)。'),
      compute: mistake({ rescaleOutput: false }) },
    { message: say('the running sum is not rescaled when the max grows: multiply it by exp(old max − new max) before adding the new block.',
      '最大值变大时没有重新缩放累计和：在加入新块之前，要把它乘以 exp(旧最大值 − 新最大值)。'),
      compute: mistake({ rescaleSum: false }) },
    { message: say('nothing is rescaled when the max grows: the sum and the output of earlier blocks are relative to the old max; multiply both by exp(old max − new max).',
      '最大值变大时什么都没有重新缩放：之前各块的和与输出是相对旧最大值的；两者都要乘以 exp(旧最大值 − 新最大值)。'),
      compute: mistake({ rescaleSum: false, rescaleOutput: false }) },
    { message: say('the last, shorter block is skipped: when blockSize does not divide the number of keys, the final block has fewer keys.',
      '跳过了最后那个较短的块：块大小不能整除键的数量时，最后一块的键更少。'),
      compute: mistake({ dropPartial: true }) },
    { message: say('each block uses its own max instead of the running max: the new max is max(old max, block max).',
      '每个块用了自己的最大值，而不是累计的最大值：新的最大值是 max(旧最大值, 块内最大值)。'),
      compute: mistake({ localMax: true }) },
  ],
  cases: ({ normal }) => {
    const expected = ({ attn }, q, k, v, blockSize) => attn.flashAttention(q, k, v, { blockSize }).output;
    const q = normal([4, 4], 801), k = normal([10, 4], 802, { std: 2 }), v = normal([10, 3], 803);
    const cases = [];
    for (const B of [1, 3, 4, 10, 16]) {
      cases.push({ name: say(`block size ${B}, 10 keys${10 % B ? ' (a shorter last block)' : ''}`, `块大小 ${B}，10 个键${10 % B ? '（最后一块较短）' : ''}`), args: [q, k, v, B], expected });
    }
    // growing scores: every new block raises the max, so every missing rescale shows
    const rising = normal([12, 4], 804).map((row, j) => row.map((x) => x + j));
    cases.push({ name: say('the max grows with every block (scores rising along the keys), block size 4', '每一块都让最大值变大（分数沿着键递增），块大小 4'),
      args: [[[2, 2, 2, 2]], rising, normal([12, 2], 805), 4], expected });
    // a huge score in the first block and tiny ones after it: exp(block max − running max) would overflow
    const falling = [[40, 0, 0, 0]];
    const steep = [[40, 1, 0, 0], [38, 0, 1, 0], [-40, 0, 0, 1], [-39, 1, 1, 0], [-40, 1, 0, 1]];
    cases.push({ name: say('a score of +800 in the first block, −800 in the later ones, block size 2', '第一块里有 +800 的分数，后面的块是 −800，块大小 2'),
      args: [falling, steep, normal([5, 3], 812), 2], expected });
    cases.push({ name: say('scores in the hundreds, block size 2', '数百量级的分数，块大小 2'), args: [normal([3, 4], 806, { std: 10 }), normal([7, 4], 807, { std: 10 }), normal([7, 3], 808), 2], expected });
    cases.push({ name: say('batch and head dimensions [2, 2, 3, 4], 5 keys, block size 2', '批次和头维度 [2, 2, 3, 4]，5 个键，块大小 2'),
      args: [normal([2, 2, 3, 4], 809), normal([2, 2, 5, 4], 810), normal([2, 2, 5, 2], 811), 2], expected });
    return cases;
  },
};
