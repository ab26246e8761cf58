// Exercise 9 · self-attention-projections: Q, K and V are all projected from one input X, then scaled dot-product
// attention. Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, attention2d, matmul } from '../src/exercises/checker.js';

const selfAttention = (x, Wq, Wk, Wv, options) => attention2d(matmul(x, Wq), matmul(x, Wk), matmul(x, Wv), options);

export default {
  id: 'self-attention-projections',
  entry: 'selfAttention',
  params: ['x', 'Wq', 'Wk', 'Wv'],
  forbidden: ['scaledDotProductAttention', 'flashAttention', 'multiHeadAttention'],
  tolerance: { abs: 1e-5, rel: 1e-4 },
  setup: () => ({ matmul }),
  solution: String.raw`function selfAttention(x, Wq, Wk, Wv) {
  // one input, three learned projections
  const Q = matmul(x, Wq), K = matmul(x, Wk), V = matmul(x, Wv);
  const dk = Q[0].length;   // the width of the projected queries, not of x
  return Q.map((qi) => {
    const scores = K.map((kj) => qi.reduce((s, a, c) => s + a * kj[c], 0) / Math.sqrt(dk));
    const max = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - max));
    const total = e.reduce((a, b) => a + b, 0);
    return V[0].map((_, c) => e.reduce((s, ej, j) => s + (ej / total) * V[j][c], 0));
  });
}`,
  mistakes: [
    { message: say('the scale uses d_model, the width of X; it is 1/√d_k, the width of the projected queries and keys.',
      '缩放用了 d_model（X 的宽度）；应当是 1/√d_k，即投影后查询和键的宽度。'),
      compute: (x, Wq, Wk, Wv) => selfAttention(x, Wq, Wk, Wv, { scale: 1 / Math.sqrt(x[0].length) }) },
    { message: say('the values are X itself: project them with W_V too.', '值直接用了 X：它们也要用 W_V 投影。'),
      compute: (x, Wq, Wk) => attention2d(matmul(x, Wq), matmul(x, Wk), x) },
    { message: say('the keys are projected with W_Q: use W_K for the keys.', '键用 W_Q 做了投影：键应当用 W_K。'),
      compute: (x, Wq, Wk, Wv) => attention2d(matmul(x, Wq), matmul(x, Wq), matmul(x, Wv)) },
    { message: say('no projections: this is attention of X with itself, softmax(X·Xᵀ/√d)·X.', '没有投影：这是 X 对自身的注意力，softmax(X·Xᵀ/√d)·X。'),
      compute: (x) => attention2d(x, x, x) },
    { message: say('no 1/√d_k scale.', '没有乘以 1/√d_k。'), compute: (x, Wq, Wk, Wv) => selfAttention(x, Wq, Wk, Wv, { scale: 1 }) },
  ],
  cases: ({ normal, attn }) => {
    const expected = (_, x, Wq, Wk, Wv) => attn.scaledDotProductAttention(matmul(x, Wq), matmul(x, Wk), matmul(x, Wv), { returnWeights: false }).output;
    const W = (rows, cols, seed) => normal([rows, cols], seed, { std: 1 / Math.sqrt(rows) });
    return [
      { name: say('5 tokens, d_model = 8, d_k = 4, d_v = 6', '5 个词元，d_model = 8，d_k = 4，d_v = 6'), args: [normal([5, 8], 151), W(8, 4, 152), W(8, 4, 153), W(8, 6, 154)], expected },
      { name: say('one token', '只有一个词元'), args: [normal([1, 4], 155), W(4, 2, 156), W(4, 2, 157), W(4, 3, 158)], expected },
      { name: say('d_k = 16 > d_model = 4', 'd_k = 16 > d_model = 4'), args: [normal([6, 4], 159), W(4, 16, 160), W(4, 16, 161), W(4, 4, 162)], expected },
      { name: say('square projections, 7 tokens, d = 6', '方阵投影，7 个词元，d = 6'), args: [normal([7, 6], 163), W(6, 6, 164), W(6, 6, 165), W(6, 6, 166)], expected },
      { name: say('larger projections (scores of several units)', '较大的投影（分数有好几个单位）'), args: [normal([4, 8], 167), normal([8, 4], 168), normal([8, 4], 169), normal([8, 2], 170)], expected },
    ];
  },
};
