// Wrong and differently-written right solutions of exercise self-attention-projections (matmul from the set-up).
const body = (Q, K, V, scale = 'Math.sqrt(Qm[0].length)') => `function selfAttention(x, Wq, Wk, Wv) {
  const Qm = ${Q}, Km = ${K}, Vm = ${V};
  return Qm.map((qi) => {
    const s = Km.map((kj) => qi.reduce((a, y, c) => a + y * kj[c], 0) / ${scale});
    const m = Math.max(...s), e = s.map((y) => Math.exp(y - m)), t = e.reduce((a, b) => a + b, 0);
    return Vm[0].map((_, c) => e.reduce((a, ej, j) => a + ej / t * Vm[j][c], 0));
  });
}`;
export default {
  wrong: [
    { name: 'scale by √d_model', expect: /uses d_model/, code: body('matmul(x, Wq)', 'matmul(x, Wk)', 'matmul(x, Wv)', 'Math.sqrt(x[0].length)') },
    { name: 'values not projected', expect: /values are X itself/, code: body('matmul(x, Wq)', 'matmul(x, Wk)', 'x') },
    { name: 'keys projected with W_Q', expect: /keys are projected with W_Q/, code: body('matmul(x, Wq)', 'matmul(x, Wq)', 'matmul(x, Wv)') },
    { name: 'no projections at all', expect: /no projections/, code: body('x', 'x', 'x') },
  ],
  right: [
    { name: 'projections computed column by column without matmul, softmax via log-sum-exp',
      code: `function selfAttention(x, Wq, Wk, Wv) {
  const proj = (W) => x.map((row) => W[0].map((_, c) => { let s = 0; for (let i = row.length - 1; i >= 0; i--) s += row[i] * W[i][c]; return s; }));
  const Q = proj(Wq), K = proj(Wk), V = proj(Wv), scale = 1 / Math.sqrt(Wq[0].length);
  return Q.map((qi) => {
    const s = K.map((kj) => qi.reduce((a, y, c) => a + y * kj[c], 0) * scale);
    const m = Math.max(...s), lse = m + Math.log(s.reduce((a, y) => a + Math.exp(y - m), 0));
    return V[0].map((_, c) => s.reduce((a, sj, j) => a + Math.exp(sj - lse) * V[j][c], 0));
  });
}` },
  ],
};
