// Wrong and differently-written right solutions of exercise attention-flops.
export default {
  wrong: [
    { name: 'counts multiply-adds (no factor 2)', expect: /multiply-adds \(MACs\)/, code: 'function attentionFlops(n, m, d, dv) { return n * m * d + n * m * dv; }' },
    { name: 'only Q·Kᵀ', expect: /only Q·Kᵀ was counted/, code: 'function attentionFlops(n, m, d, dv) { return 2 * n * m * d; }' },
    { name: 'n² instead of n·m', expect: /you used n²/, code: 'function attentionFlops(n, m, d, dv) { return 2 * n * n * d + 2 * n * n * dv; }' },
    { name: 'd for both products', expect: /d for both products/, code: 'function attentionFlops(n, m, d, dv) { return 4 * n * m * d; }' },
    { name: 'exact adds: d − 1 per dot product', expect: /d − 1 additions/, code: 'function attentionFlops(n, m, d, dv) { return n * m * (2 * d - 1) + n * dv * (2 * m - 1); }' },
  ],
  right: [
    { name: 'counts the operations of explicit loops (without running the products)',
      code: `function attentionFlops(n, m, d, dv) {
  let flops = 0;
  const perScore = 2 * d;             // d multiplies and d adds into the accumulator
  for (let i = 0; i < n; i++) flops += m * perScore;
  const perOutput = 2 * m;            // one output value: m multiplies and m adds
  flops += n * dv * perOutput;
  return flops;
}` },
  ],
};
