// Wrong and differently-written right solutions of exercise cross-attention (matmul comes from the set-up).
const body = (Q, K, V, scale = 'Math.sqrt(Qm[0].length)') => `function crossAttention(decoder, encoder, Wq, Wk, Wv) {
  const Qm = matmul(${Q}, Wq), Km = matmul(${K}, Wk), Vm = matmul(${V}, Wv);
  return Qm.map((qi) => {
    const s = Km.map((kj) => qi.reduce((a, x, c) => a + x * kj[c], 0) / ${scale});
    const m = Math.max(...s), e = s.map((x) => Math.exp(x - m)), t = e.reduce((a, b) => a + b, 0);
    return Vm[0].map((_, c) => e.reduce((a, ej, j) => a + ej / t * Vm[j][c], 0));
  });
}`;
export default {
  wrong: [
    { name: 'queries from the encoder', expect: /queries come from the encoder|Expected shape/, code: body('encoder', 'decoder', 'decoder') },
    { name: 'keys and values from the decoder (self-attention)', expect: /keys and values come from the decoder/, code: body('decoder', 'decoder', 'decoder') },
    { name: 'values from the decoder', expect: /values come from the decoder/, code: body('decoder', 'encoder', 'decoder') },
    { name: 'scale by the decoder width', expect: /model width of the decoder/, code: body('decoder', 'encoder', 'encoder', 'Math.sqrt(decoder[0].length)') },
  ],
  right: [
    { name: 'scores as one matrix product with Kᵀ, weights computed in float32',
      code: `function crossAttention(decoder, encoder, Wq, Wk, Wv) {
  const Q = matmul(decoder, Wq), K = matmul(encoder, Wk), V = matmul(encoder, Wv);
  const Kt = K[0].map((_, c) => K.map((row) => row[c]));
  const scores = matmul(Q, Kt).map((row) => row.map((s) => s / Math.sqrt(Q[0].length)));
  const weights = scores.map((row) => { const m = Math.max(...row); const e = Float32Array.from(row, (s) => Math.exp(s - m)); const t = e.reduce((a, b) => a + b, 0); return Array.from(e, (x) => x / t); });
  return matmul(weights, V);
}` },
  ],
};
