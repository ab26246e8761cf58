// Exercise 12 · sinusoidal-encoding: the fixed positional encoding of Vaswani et al. (2017), PE(p, 2i) = sin(p·ω_i),
// PE(p, 2i+1) = cos(p·ω_i) with ω_i = 10000^(−2i/d). Language-neutral: the text is in
// web/content/<lang>/04-programming-exercises.md.
import { say } from '../src/exercises/checker.js';

/** The table in float64, with knobs that reproduce common mistakes. */
function table(n, d, { exponent = (i2) => i2, swap = false, halves = false } = {}) {
  return Array.from({ length: n }, (_, p) => Array.from({ length: d }, (_, c) => {
    if (halves) {
      // sin in the first d/2 columns, cos in the last d/2 (another layout, used by some libraries)
      const i = c % (d / 2);
      const angle = p * 10000 ** (-(2 * i) / d);
      return c < d / 2 ? Math.sin(angle) : Math.cos(angle);
    }
    const i2 = c - (c % 2);
    const angle = p * 10000 ** (-exponent(i2, c) / d);
    return (c % 2 === 0) !== swap ? Math.sin(angle) : Math.cos(angle);
  }));
}

export default {
  id: 'sinusoidal-encoding',
  entry: 'sinusoidalEncoding',
  params: ['n', 'd'],
  forbidden: ['positional.sinusoidal'],
  // the core stores float32: sin/cos of angles up to 60 round to about 1e-7
  tolerance: { abs: 1e-5, rel: 1e-4 },
  solution: String.raw`function sinusoidalEncoding(n, d) {
  const pe = [];
  for (let p = 0; p < n; p++) {
    const row = new Array(d);
    for (let i2 = 0; i2 < d; i2 += 2) {
      // one frequency per PAIR of columns: ω = 10000^(−2i/d), where 2i is the even column of the pair
      const angle = p / Math.pow(10000, i2 / d);
      row[i2] = Math.sin(angle);
      row[i2 + 1] = Math.cos(angle);
    }
    pe.push(row);
  }
  return pe;
}`,
  mistakes: [
    { message: say('each column got its own frequency (exponent c/d for column c): the two columns of a pair, 2i and 2i+1, share ω_i = 10000^(−2i/d).',
      '每一列都有了自己的频率（第 c 列用指数 c/d）：一对列 2i 与 2i+1 共用同一个 ω_i = 10000^(−2i/d)。'),
      compute: (n, d) => table(n, d, { exponent: (_, c) => c }) },
    { message: say('the exponent is 2c/d for column c (the column index was doubled again): use 2i/d where 2i is the even column of the pair.',
      '第 c 列的指数成了 2c/d（列号又乘了一次 2）：应当是 2i/d，2i 是这一对里的偶数列。'),
      compute: (n, d) => table(n, d, { exponent: (_, c) => 2 * c }) },
    { message: say('sin and cos are swapped: even columns hold sin, odd columns cos.', 'sin 与 cos 放反了：偶数列是 sin，奇数列是 cos。'),
      compute: (n, d) => table(n, d, { swap: true }) },
    { message: say('you put all sines in the first d/2 columns and all cosines in the last d/2; here (as in the paper and the core) they are interleaved: column 2i is sin, column 2i+1 is cos.',
      '你把所有 sin 放在前 d/2 列、所有 cos 放在后 d/2 列；这里（和论文及内核一致）二者交错排列：第 2i 列是 sin，第 2i+1 列是 cos。'),
      compute: (n, d) => table(n, d, { halves: true }) },
    { message: say('the frequencies grow instead of shrinking: ω_i = 1 / 10000^(2i/d), so the first pair turns fastest and the last slowest.',
      '频率在变大而不是变小：ω_i = 1 / 10000^(2i/d)，第一对转得最快，最后一对最慢。'),
      compute: (n, d) => table(n, d, { exponent: (i2) => -i2 }) },
  ],
  cases: () => {
    const expected = ({ attn }, n, d) => attn.positional.sinusoidal(n, d);
    return [
      { name: say('8 positions, d = 16', '8 个位置，d = 16'), args: [8, 16], expected },
      { name: say('one position (p = 0: sin 0 = 0, cos 0 = 1)', '只有一个位置（p = 0：sin 0 = 0，cos 0 = 1）'), args: [1, 4], expected },
      { name: say('d = 2: a single pair', 'd = 2：只有一对'), args: [5, 2], expected },
      { name: say('60 positions, d = 32', '60 个位置，d = 32'), args: [60, 32], expected },
      { name: say('d = 6 (the pairs do not line up with a power of two)', 'd = 6（列对数不是 2 的幂）'), args: [12, 6], expected },
    ];
  },
};
