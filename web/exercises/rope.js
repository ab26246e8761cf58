// Exercise 13 · rope: rotary position embedding (Su et al., 2021): rotate each pair (2i, 2i+1) of a query or key at
// position p by the angle p·θ_i, θ_i = 10000^(−2i/d). Then q_m·k_n depends only on m − n, and norms are preserved.
// Language-neutral: the text is in web/content/<lang>/04-programming-exercises.md.
import { say, overBatch, toTensor, formatNumber, property, valueOf } from '../src/exercises/checker.js';

/** RoPE of 2-d x [L, d] in float64, with knobs that reproduce common mistakes. */
function rotate(x, offset = 0, { halves = false, clockwise = false, thetaExponent = (i, d) => (2 * i) / d, ignoreOffset = false } = {}) {
  const d = x[0].length;
  return x.map((row, p) => {
    const out = row.slice();
    for (let i = 0; i < d / 2; i += 1) {
      const angle = (p + (ignoreOffset ? 0 : offset)) * 10000 ** -thetaExponent(i, d);
      const [a, b] = halves ? [i, i + d / 2] : [2 * i, 2 * i + 1];
      const c = Math.cos(angle), s = clockwise ? -Math.sin(angle) : Math.sin(angle);
      out[a] = row[a] * c - row[b] * s;
      out[b] = row[a] * s + row[b] * c;
    }
    return out;
  });
}
const mistake = (options) => (x, offset = 0) => overBatch(2, (m) => rotate(m, offset, options))(x);
const dot = (a, b) => a.reduce((s, x, c) => s + x * b[c], 0);
const rowsOf = (value) => { const t = toTensor(value); const d = t.shape.at(-1); return Array.from({ length: t.data.length / d }, (_, r) => Array.from(t.data.slice(r * d, (r + 1) * d))); };

export default {
  id: 'rope',
  entry: 'rope',
  params: ['x', 'offset'],
  forbidden: ['positional.rope'],
  tolerance: { abs: 1e-5, rel: 1e-4 },
  solution: String.raw`function rope(x, offset = 0) {
  if (Array.isArray(x[0][0])) return x.map((xb) => rope(xb, offset));
  const d = x[0].length;
  return x.map((row, p) => {
    const out = row.slice();
    for (let i = 0; i < d / 2; i++) {
      const angle = (offset + p) * Math.pow(10000, -2 * i / d);
      const c = Math.cos(angle), s = Math.sin(angle);
      // rotate the pair (2i, 2i+1) as the point (x, y) of a plane, counter-clockwise
      out[2 * i] = row[2 * i] * c - row[2 * i + 1] * s;
      out[2 * i + 1] = row[2 * i] * s + row[2 * i + 1] * c;
    }
    return out;
  });
}`,
  mistakes: [
    { message: say('nothing was rotated: row p must turn each pair (2i, 2i+1) by the angle (offset + p)·θ_i.',
      '什么都没有旋转：第 p 行的每一对 (2i, 2i+1) 都要旋转 (offset + p)·θ_i 角度。'),
      compute: (x) => x },
    { message: say('you rotated the halves (i, i + d/2) together — the GPT-NeoX layout; this exercise and the core rotate interleaved pairs (2i, 2i+1).',
      '你把两半 (i, i + d/2) 组成一对来旋转——这是 GPT-NeoX 的布局；本练习和内核旋转的是相邻的一对 (2i, 2i+1)。'),
      compute: mistake({ halves: true }) },
    { message: say('the rotation goes the wrong way (clockwise): x′ = x·cos − y·sin, y′ = x·sin + y·cos.',
      '旋转方向反了（顺时针）：x′ = x·cos − y·sin，y′ = x·sin + y·cos。'),
      compute: mistake({ clockwise: true }) },
    { message: say('θ_i uses i/d instead of 2i/d: θ_i = 10000^(−2i/d) for the pair (2i, 2i+1).',
      'θ_i 用了 i/d 而不是 2i/d：第 (2i, 2i+1) 对的 θ_i = 10000^(−2i/d)。'),
      compute: mistake({ thetaExponent: (i, d) => i / d }) },
    { message: say('offset is ignored: row p sits at position offset + p (for example the cached tokens come first).',
      '忽略了 offset：第 p 行位于位置 offset + p（比如前面是已缓存的词元）。'),
      compute: mistake({ ignoreOffset: true }) },
  ],
  cases: ({ normal, attn }) => {
    const expected = ({ attn: api }, x, offset = 0) => api.positional.rope(x, { offset });
    return [
      { name: say('6 positions, d = 8', '6 个位置，d = 8'), args: [normal([6, 8], 301), 0], expected },
      { name: say('one position (p = 0: nothing turns)', '只有一个位置（p = 0：不旋转）'), args: [normal([1, 4], 302), 0], expected },
      { name: say('offset 7: positions 7 … 10', 'offset 为 7：位置 7 … 10'), args: [normal([4, 6], 303), 7], expected },
      { name: say('batch and head dimensions [2, 3, 5, 4]', '批次和头维度 [2, 3, 5, 4]'), args: [normal([2, 3, 5, 4], 304), 0], expected },
      { name: say('d = 2, positions up to 40', 'd = 2，位置直到 40'), args: [normal([40, 2], 305), 0], expected },
      {
        name: say('norms are preserved (a rotation)', '范数保持不变（这是旋转）'),
        property: property(async (call, { normal: n }) => {
          const x = n([5, 8], 306);
          const rows = rowsOf(valueOf(await call(x, 3)));
          for (let p = 0; p < x.length; p += 1) {
            const before = Math.sqrt(dot(x[p], x[p])), after = rows[p] ? Math.sqrt(dot(rows[p], rows[p])) : NaN;
            if (!(Math.abs(before - after) <= 1e-6 * (1 + before))) {
              return say(`Row ${p} had norm ${formatNumber(before)} and has ${formatNumber(after)} after rope: a rotation keeps the length of every vector.`,
                `第 ${p} 行的范数原来是 ${formatNumber(before)}，经过 rope 之后变成 ${formatNumber(after)}：旋转不会改变向量的长度。`);
            }
          }
          return null;
        }),
      },
      {
        name: say('relative: shifting both positions by s leaves q·k unchanged', '相对性：两个位置同时平移 s，q·k 不变'),
        property: property(async (call, { normal: n }) => {
          const q = n([1, 8], 307), k = n([1, 8], 308);
          // q at position m, k at position m − 3, for several m: the dot product must stay the same
          const score = async (m) => dot(rowsOf(valueOf(await call(q, m)))[0], rowsOf(valueOf(await call(k, m - 3)))[0]);
          const first = await score(3);
          for (const m of [4, 10, 50]) {
            const other = await score(m);
            if (!(Math.abs(other - first) <= 1e-6 * (1 + Math.abs(first)))) {
              return say(`q at position 3 and k at position 0 give q·k = ${formatNumber(first)}; at positions ${m} and ${m - 3} (same distance) ${formatNumber(other)}: the score must depend only on the distance. Rotate both by the same rule, pairs by angle (position)·θ_i.`,
                `q 在位置 3、k 在位置 0 时 q·k = ${formatNumber(first)}；在位置 ${m} 和 ${m - 3}（距离相同）时为 ${formatNumber(other)}：分数只能取决于距离。两者要按同一规则旋转，每对旋转 (位置)·θ_i。`);
            }
          }
          return null;
        }),
      },
    ];
  },
};
