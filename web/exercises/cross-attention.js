// Exercise 8 · cross-attention: queries from the decoder, keys and values from the encoder; the output has one row
// per decoder position. Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, attention2d, matmul } from '../src/exercises/checker.js';

/** Cross-attention in float64 from the given query source and key/value sources (for recognising mistakes). */
const cross = (queriesFrom, keysFrom, valuesFrom, Wq, Wk, Wv, options) => attention2d(matmul(queriesFrom, Wq), matmul(keysFrom, Wk), matmul(valuesFrom, Wv), options);

export default {
  id: 'cross-attention',
  entry: 'crossAttention',
  params: ['decoder', 'encoder', 'Wq', 'Wk', 'Wv'],
  forbidden: ['scaledDotProductAttention', 'flashAttention', 'multiHeadAttention'],
  tolerance: { abs: 1e-5, rel: 1e-4 },
  setup: () => ({ matmul }),
  solution: String.raw`function crossAttention(decoder, encoder, Wq, Wk, Wv) {
  const Q = matmul(decoder, Wq);   // [Ld, d_k]: what each decoder position is looking for
  const K = matmul(encoder, Wk);   // [Le, d_k]: what each encoder position offers
  const V = matmul(encoder, Wv);   // [Le, d_v]: what it passes on
  const dk = Q[0].length;
  return Q.map((qi) => {
    const scores = K.map((kj) => qi.reduce((s, x, c) => s + x * kj[c], 0) / Math.sqrt(dk));
    const max = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - max));
    const total = e.reduce((a, b) => a + b, 0);
    return V[0].map((_, c) => e.reduce((s, ej, j) => s + (ej / total) * V[j][c], 0));
  });
}`,
  mistakes: [
    { message: say('the queries come from the encoder: in cross-attention the DECODER asks (queries) and the encoder answers (keys and values), so the output has one row per decoder position.',
      '查询来自了编码器：交叉注意力中由解码器提问（查询），编码器作答（键和值），所以输出每个解码器位置一行。'),
      compute: (dec, enc, Wq, Wk, Wv) => cross(enc, dec, dec, Wq, Wk, Wv) },
    { message: say('the keys and values come from the decoder: that is self-attention; take them from the encoder.',
      '键和值来自了解码器：那是自注意力；它们应当来自编码器。'),
      compute: (dec, enc, Wq, Wk, Wv) => cross(dec, dec, dec, Wq, Wk, Wv) },
    { message: say('the values come from the decoder; values, like keys, come from the encoder.', '值来自了解码器；值和键一样，都来自编码器。'),
      compute: (dec, enc, Wq, Wk, Wv) => cross(dec, enc, dec, Wq, Wk, Wv) },
    { message: say('no 1/√d_k scale.', '没有乘以 1/√d_k。'), compute: (dec, enc, Wq, Wk, Wv) => cross(dec, enc, enc, Wq, Wk, Wv, { scale: 1 }) },
    { message: say('the scale uses the model width of the decoder; it is 1/√d_k, the width of the projected queries and keys.',
      '缩放用了解码器的模型宽度；应当是 1/√d_k，即投影后查询和键的宽度。'),
      compute: (dec, enc, Wq, Wk, Wv) => cross(dec, enc, enc, Wq, Wk, Wv, { scale: 1 / Math.sqrt(dec[0].length) }) },
  ],
  cases: ({ normal, attn }) => {
    const expected = (_, dec, enc, Wq, Wk, Wv) => attn.scaledDotProductAttention(matmul(dec, Wq), matmul(enc, Wk), matmul(enc, Wv), { returnWeights: false }).output;
    const W = (rows, cols, seed) => normal([rows, cols], seed, { std: 1 / Math.sqrt(rows) });
    return [
      { name: say('3 decoder positions (width 6), 7 encoder positions (width 5), d_k = 4, d_v = 3', '3 个解码器位置（宽 6），7 个编码器位置（宽 5），d_k = 4，d_v = 3'),
        args: [normal([3, 6], 121), normal([7, 5], 122), W(6, 4, 123), W(5, 4, 124), W(5, 3, 125)], expected },
      { name: say('one decoder position', '只有一个解码器位置'), args: [normal([1, 4], 126), normal([5, 4], 127), W(4, 2, 128), W(4, 2, 129), W(4, 4, 130)], expected },
      { name: say('one encoder position: every decoder row gets its value', '只有一个编码器位置：每个解码器行都得到它的值'),
        args: [normal([4, 3], 131), normal([1, 3], 132), W(3, 3, 133), W(3, 3, 134), W(3, 2, 135)], expected },
      { name: say('longer decoder than encoder (8 and 2)', '解码器比编码器长（8 和 2）'), args: [normal([8, 4], 136), normal([2, 6], 137), W(4, 5, 138), W(6, 5, 139), W(6, 2, 140)], expected },
      { name: say('equal widths (6), Ld = 5, Le = 3', '宽度相同（6），Ld = 5，Le = 3'), args: [normal([5, 6], 141), normal([3, 6], 142), W(6, 2, 143), W(6, 2, 144), W(6, 6, 145)], expected },
    ];
  },
};
