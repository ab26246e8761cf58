// Wrong and differently-written right solutions of exercise permutation-equivariance
// (selfAttention, addPositions and permuteRows come from the set-up).
const body = ({ right = 'permuteRows(f(x), perm)', f = 'selfAttention(withPositions ? addPositions(input) : input)' } = {}) => `function equivarianceGap(x, perm, withPositions) {
  const f = (input) => ${f};
  const left = f(permuteRows(x, perm)), right = ${right};
  let gap = 0;
  left.forEach((row, i) => row.forEach((val, c) => { gap = Math.max(gap, Math.abs(val - right[i][c])); }));
  return gap;
}`;
export default {
  wrong: [
    { name: 'outputs not reordered', expect: /outputs were not reordered/, code: body({ right: 'f(x)' }) },
    { name: 'inverse permutation on the outputs', expect: /inverse permutation/, code: body({ right: 'permuteRows(f(x), perm.map((_, i) => perm.indexOf(i)))' }) },
    { name: 'positions ignored', expect: /withPositions is ignored/, code: body({ f: 'selfAttention(input)' }) },
  ],
  right: [
    { name: 'own permutation by index map, flat loop, no helper for reordering',
      code: `function equivarianceGap(x, perm, withPositions) {
  const f = (input) => selfAttention(withPositions ? addPositions(input) : input);
  const reorder = (m) => perm.map((from) => m[from].slice());
  const a = f(reorder(x)), b = reorder(f(x));
  let worst = 0;
  for (let i = 0; i < a.length; i++) for (let c = 0; c < a[i].length; c++) worst = Math.max(worst, Math.abs(a[i][c] - b[i][c]));
  return worst;
}` },
  ],
};
