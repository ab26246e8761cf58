// Exercise 15 · attention-flops: the floating-point operations of attention's two matrix products, Q·Kᵀ and
// weights·V, counting a multiply-add as 2: 2·n·m·d + 2·n·m·d_v. (The softmax's O(n·m) work is not counted.)
// Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say } from '../src/exercises/checker.js';

const products = (n, m, d, dv) => 2 * n * m * d + 2 * n * m * dv;

export default {
  id: 'attention-flops',
  entry: 'attentionFlops',
  params: ['n', 'm', 'd', 'dv'],
  forbidden: [],
  // an integer count: the only slack is for a learner who writes it in another order of floating-point products
  tolerance: { abs: 0.5, rel: 1e-12 },
  solution: String.raw`function attentionFlops(n, m, d, dv) {
  const scores = 2 * n * m * d;     // Q·Kᵀ: n·m dot products of length d, a multiply and an add each
  const mixing = 2 * n * m * dv;    // weights·V: n·dv dot products of length m
  return scores + mixing;
}`,
  mistakes: [
    { message: say('you counted multiply-adds (MACs): one multiply-add is 2 floating-point operations, so the result is 2·n·m·d + 2·n·m·d_v.',
      '你数的是乘加次数（MAC）：一次乘加是 2 次浮点运算，所以结果是 2·n·m·d + 2·n·m·d_v。'),
      compute: (n, m, d, dv) => n * m * d + n * m * dv },
    { message: say('only Q·Kᵀ was counted: the weights·V product costs another 2·n·m·d_v.', '只算了 Q·Kᵀ：权重乘 V 还要 2·n·m·d_v。'),
      compute: (n, m, d) => 2 * n * m * d },
    { message: say('you used n² (or m²): with n queries and m keys the score matrix is n × m.', '你用了 n²（或 m²）：n 个查询、m 个键的分数矩阵是 n × m。'),
      compute: (n, m, d, dv) => products(n, n, d, dv) },
    { message: say('you used d for both products: the second multiplies by V, whose rows have d_v values.', '两个乘积都用了 d：第二个乘的是 V，它每行有 d_v 个值。'),
      compute: (n, m, d) => products(n, m, d, d) },
    { message: say('you counted d − 1 additions per dot product (n·m·(2d − 1) + …); this exercise uses the usual convention: 2 operations per multiply-add, 2·n·m·d.',
      '你给每个长度为 d 的点积算了 d − 1 次加法（n·m·(2d − 1) + …）；本练习用通常的约定：每次乘加算 2 次运算，即 2·n·m·d。'),
      compute: (n, m, d, dv) => n * m * (2 * d - 1) + n * dv * (2 * m - 1) },
  ],
  cases: () => {
    const expected = (_, n, m, d, dv) => products(n, m, d, dv);
    return [
      { name: say('n = m = 8, d = 4, d_v = 6', 'n = m = 8，d = 4，d_v = 6'), args: [8, 8, 4, 6], expected },
      { name: say('n ≠ m and d ≠ d_v (n = 3, m = 5, d = 4, d_v = 2)', 'n ≠ m 且 d ≠ d_v（n = 3，m = 5，d = 4，d_v = 2）'), args: [3, 5, 4, 2], expected },
      { name: say('one decode step: n = 1 query over m = 4096 keys, d = 128', '一步解码：1 个查询对 4096 个键，d = 128'), args: [1, 4096, 128, 128], expected },
      { name: say('one head of a 4096-token prompt, d = 128 (about 8.6 GFLOP)', '4096 个词元的提示词中的一个头，d = 128（约 8.6 GFLOP）'), args: [4096, 4096, 128, 128], expected },
      { name: say('cross-attention: 20 decoder queries over 300 encoder keys, d = 64, d_v = 32', '交叉注意力：20 个解码器查询对 300 个编码器键，d = 64，d_v = 32'), args: [20, 300, 64, 32], expected },
    ];
  },
};
