// Wrong and differently-written right solutions of exercise sinusoidal-encoding.
const body = ({ exponent = 'i2 / d', first = 'Math.sin', second = 'Math.cos' } = {}) => `function sinusoidalEncoding(n, d) {
  return Array.from({ length: n }, (_, p) => {
    const row = [];
    for (let c = 0; c < d; c++) {
      const i2 = c - (c % 2);
      const angle = p / Math.pow(10000, ${exponent});
      row.push(c % 2 === 0 ? ${first}(angle) : ${second}(angle));
    }
    return row;
  });
}`;
export default {
  wrong: [
    { name: 'exponent c/d per column (pairs do not share a frequency)', expect: /each column got its own frequency/, code: body({ exponent: 'c / d' }) },
    { name: 'exponent 2c/d (index doubled twice)', expect: /exponent is 2c\/d/, code: body({ exponent: '2 * c / d' }) },
    { name: 'sin and cos swapped', expect: /sin and cos are swapped/, code: body({ first: 'Math.cos', second: 'Math.sin' }) },
    { name: 'sines in the first half, cosines in the second', expect: /first d\/2 columns/,
      code: `function sinusoidalEncoding(n, d) {
  const out = [];
  for (let p = 0; p < n; p++) {
    const sines = [], cosines = [];
    for (let i = 0; i < d / 2; i++) { const a = p * Math.pow(10000, -2 * i / d); sines.push(Math.sin(a)); cosines.push(Math.cos(a)); }
    out.push([...sines, ...cosines]);
  }
  return out;
}` },
  ],
  right: [
    { name: 'column-major loops, exp/log form of the frequency, Float64Array rows',
      code: `function sinusoidalEncoding(n, d) {
  const rows = Array.from({ length: n }, () => new Float64Array(d));
  for (let i = 0; i < d / 2; i++) {
    const omega = Math.exp(-Math.log(10000) * (2 * i) / d);
    for (let p = 0; p < n; p++) { rows[p][2 * i] = Math.sin(p * omega); rows[p][2 * i + 1] = Math.cos(p * omega); }
  }
  return rows;
}` },
  ],
};
