// Wrong and differently-written right solutions of exercise rope.
const body = ({ pair = '[2 * i, 2 * i + 1]', theta = 'Math.pow(10000, -2 * i / d)', pos = 'offset + p', sin = 'Math.sin(angle)' } = {}) => `function rope(x, offset = 0) {
  if (Array.isArray(x[0][0])) return x.map((xb) => rope(xb, offset));
  const d = x[0].length;
  return x.map((row, p) => {
    const out = row.slice();
    for (let i = 0; i < d / 2; i++) {
      const [a, b] = ${pair};
      const angle = (${pos}) * ${theta};
      const c = Math.cos(angle), s = ${sin};
      out[a] = row[a] * c - row[b] * s;
      out[b] = row[a] * s + row[b] * c;
    }
    return out;
  });
}`;
export default {
  wrong: [
    { name: 'rotates halves (i, i + d/2) instead of interleaved pairs', expect: /rotated the halves/, code: body({ pair: '[i, i + d / 2]' }) },
    { name: 'θ_i = 10000^(−i/d)', expect: /θ_i uses i\/d instead of 2i\/d/, code: body({ theta: 'Math.pow(10000, -i / d)' }) },
    { name: 'offset ignored', expect: /offset is ignored/, code: body({ pos: 'p' }) },
    { name: 'rotates clockwise', expect: /wrong way \(clockwise\)/, code: body({ sin: '-Math.sin(angle)' }) },
  ],
  right: [
    { name: 'complex multiplication (x + iy)·e^{iφ} with a precomputed frequency table, typed arrays',
      code: `function rope(x, offset = 0) {
  if (Array.isArray(x[0][0])) return x.map((xb) => rope(xb, offset));
  const d = x[0].length;
  const freq = Float64Array.from({ length: d / 2 }, (_, i) => 1 / 10000 ** ((2 * i) / d));
  return x.map((row, p) => {
    const out = new Float64Array(d);
    freq.forEach((f, i) => {
      const re = Math.cos((p + offset) * f), im = Math.sin((p + offset) * f);
      const xr = row[2 * i], xi = row[2 * i + 1];
      out[2 * i] = xr * re - xi * im;
      out[2 * i + 1] = xr * im + xi * re;
    });
    return Array.from(out);
  });
}` },
  ],
};
