// Wrong and differently-written right solutions of exercise online-softmax-merge.
export default {
  wrong: [
    { name: 'adds the sums without rescaling', expect: /added without rescaling/, code: 'function mergeSoftmaxStats(a, b) { return [Math.max(a[0], b[0]), a[1] + b[1]]; }' },
    { name: 'rescales in the wrong direction', expect: /rescaling goes the wrong way/,
      code: 'function mergeSoftmaxStats([ma, sa], [mb, sb]) { const m = Math.max(ma, mb); return [m, sa * Math.exp(m - ma) + sb * Math.exp(m - mb)]; }' },
    { name: 'keeps the first part\'s max', expect: /max of the whole row/, code: 'function mergeSoftmaxStats([ma, sa], [mb, sb]) { return [ma, sa + sb * Math.exp(mb - ma)]; }' },
    { name: 'goes through exp(m)·s (overflows near +1000, 0 near −1000)', expect: /Infinity|NaN|log-sum-exp/,
      code: 'function mergeSoftmaxStats([ma, sa], [mb, sb]) { const m = Math.max(ma, mb); const total = sa * Math.exp(ma) + sb * Math.exp(mb); return [m, total / Math.exp(m)]; }' },
  ],
  right: [
    { name: 'through log-sum-exp: log s of each part, logaddexp, back to [m, s]',
      code: `function mergeSoftmaxStats(a, b) {
  const la = a[0] + Math.log(a[1]), lb = b[0] + Math.log(b[1]);      // log-sum-exp of each part (−∞ when empty)
  const hi = Math.max(la, lb), lo = Math.min(la, lb);
  const lse = hi + Math.log1p(Math.exp(lo - hi));
  const m = Math.max(a[0], b[0]);
  return [m, Math.exp(lse - m)];
}` },
  ],
};
