// Exercise 7 · safe-masked-softmax: softmax over the positions a mask allows (1 = may attend); masked positions get
// weight exactly 0, and a fully masked row gets all zeros, never NaN. Language-neutral: the text is in
// web/content/<lang>/04-programming-exercises.md.
import { say, softmaxRow, toTensor, toNested } from '../src/exercises/checker.js';

/** Applies f(row, maskRow) to matching rows of nested scores and mask. */
const zipRows = (scores, mask, f) => (Array.isArray(scores[0]) ? scores.map((s, i) => zipRows(s, mask[i], f)) : f(scores, mask));

/**
 * The expected weights from the core: each row r becomes one attention call with a single query q = [1] and keys
 * k_j = [score_j], so q·k_j = score_j (scale 1), and the mask row as a boolean mask. The core gives a fully masked row
 * zero weights.
 */
function expectedFromCore(attn, scores, mask) {
  const s = toTensor(scores);
  const m = toTensor(mask);
  const n = s.shape.at(-1);
  const rows = s.data.length / n;
  const q = Array.from({ length: rows }, () => [[1]]);
  const k = Array.from({ length: rows }, (_, r) => Array.from(s.data.subarray(r * n, (r + 1) * n), (x) => [x]));
  const v = Array.from({ length: rows }, () => Array.from({ length: n }, () => [0]));
  const maskRows = Array.from({ length: rows }, (_, r) => [Array.from(m.data.subarray(r * n, (r + 1) * n))]);
  const { weights } = attn.scaledDotProductAttention(q, k, v, { scale: 1, mask: maskRows });
  return toNested({ shape: s.shape, data: Float64Array.from(weights.data) });
}

export default {
  id: 'safe-masked-softmax',
  entry: 'maskedSoftmax',
  params: ['scores', 'mask'],
  forbidden: ['softmax', 'logSoftmax', 'scaledDotProductAttention', 'flashAttention'],
  tolerance: { abs: 1e-6, rel: 1e-4 },
  solution: String.raw`function maskedSoftmax(scores, mask) {
  if (Array.isArray(scores[0])) return scores.map((row, i) => maskedSoftmax(row, mask[i]));
  const allowed = scores.map((s, j) => (mask[j] ? s : -Infinity));
  const max = Math.max(...allowed);
  if (max === -Infinity) return scores.map(() => 0);   // nothing allowed: zeros, not NaN
  const e = allowed.map((s) => Math.exp(s - max));       // exp(−Infinity) = 0 exactly
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / total);
}`,
  mistakes: [
    { message: say('a fully masked row gives NaN: (−∞) − (−∞) is NaN. Return zeros for a row where nothing is allowed.',
      '完全被遮住的行得到了 NaN：(−∞) − (−∞) 是 NaN。没有任何位置可看的行应返回全 0。'),
      compute: (s, m) => zipRows(s, m, (row, mr) => (mr.some(Boolean) ? softmaxRow(row.map((x, j) => (mr[j] ? x : -Infinity))) : row.map(() => NaN))) },
    { message: say('a fully masked row gets uniform weights: a large negative number (−1e9) is not −Infinity. Return zeros for such a row.',
      '完全被遮住的行得到了均匀权重：一个很大的负数（−1e9）不是 −Infinity。这样的行应返回全 0。'),
      compute: (s, m) => zipRows(s, m, (row, mr) => softmaxRow(row.map((x, j) => (mr[j] ? x : -1e9)))) },
    { message: say('the scores were multiplied by the mask: a masked score becomes 0, not −Infinity, so it still gets weight.',
      '分数乘以了掩码：被遮住的分数变成 0 而不是 −Infinity，仍然会得到权重。'),
      compute: (s, m) => zipRows(s, m, (row, mr) => softmaxRow(row.map((x, j) => x * mr[j]))) },
    { message: say('the mask was applied after the softmax without renormalising: the allowed weights no longer sum to 1.',
      '掩码用在了 softmax 之后而没有重新归一化：允许位置的权重之和不再是 1。'),
      compute: (s, m) => zipRows(s, m, (row, mr) => softmaxRow(row).map((w, j) => (mr[j] ? w : 0))) },
    { message: say('the mask is inverted: here 1 means "may attend" and 0 means "hidden".', '掩码反了：这里 1 表示“可以关注”，0 表示“被遮住”。'),
      compute: (s, m) => zipRows(s, m, (row, mr) => (mr.some((x) => !x) ? softmaxRow(row.map((x, j) => (mr[j] ? -Infinity : x))) : row.map(() => 0))) },
    { message: say('no max subtraction: scores of ±1000 overflow.', '没有减去最大值：±1000 的分数会溢出。'),
      compute: (s, m) => zipRows(s, m, (row, mr) => softmaxRow(row.map((x, j) => (mr[j] ? x : -Infinity)), { subtractMax: false })) },
  ],
  cases: ({ normal, attn }) => {
    const expected = (_, scores, mask) => expectedFromCore(attn, scores, mask);
    const padding = [[1, 1, 1, 0, 0, 0], [1, 1, 1, 1, 1, 0], [1, 0, 1, 0, 1, 0], [0, 0, 0, 0, 0, 1]];
    return [
      { name: say('padding-style masks, [4, 6]', '填充式掩码，[4, 6]'), args: [normal([4, 6], 111), padding], expected },
      { name: say('a fully masked row', '一整行都被遮住'), args: [normal([3, 4], 112), [[1, 0, 1, 1], [0, 0, 0, 0], [1, 1, 1, 1]]], expected },
      { name: say('scores of ±1000 with a mask', '带掩码的 ±1000 分数'), args: [[[1000, -1000, 999, 0], [-1000, -999, -1001, -1000]], [[1, 1, 1, 0], [0, 1, 1, 1]]], expected },
      { name: say('nothing masked equals plain softmax', '没有遮挡时等于普通 softmax'), args: [normal([2, 5], 113), [[1, 1, 1, 1, 1], [1, 1, 1, 1, 1]]], expected },
      { name: say('one position, masked', '只有一个位置，且被遮住'), args: [[[0.3]], [[0]]], expected },
      { name: say('batch dimensions [2, 3, 4]', '批次维度 [2, 3, 4]'), args: [normal([2, 3, 4], 114), [[[1, 1, 0, 0], [0, 0, 0, 0], [1, 0, 0, 1]], [[0, 1, 1, 1], [1, 1, 1, 1], [0, 0, 1, 0]]]], expected },
    ];
  },
};
