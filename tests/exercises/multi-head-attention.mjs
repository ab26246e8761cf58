// Wrong and differently-written right solutions of exercise multi-head-attention (matmul, attention from the set-up).
const body = ({ slice = 'M.map((row) => row.slice(h * dHead, (h + 1) * dHead))', finish = 'matmul(concat, Wo)', heads = 'numHeads' } = {}) => `function multiHeadAttention(x, Wq, Wk, Wv, Wo, numHeads) {
  if (Array.isArray(x[0][0])) return x.map((xb) => multiHeadAttention(xb, Wq, Wk, Wv, Wo, numHeads));
  const H = ${heads};
  const Q = matmul(x, Wq), K = matmul(x, Wk), V = matmul(x, Wv), dHead = Q[0].length / H;
  const part = (M, h) => ${slice};
  const outs = [];
  for (let h = 0; h < H; h++) outs.push(attention(part(Q, h), part(K, h), part(V, h)));
  const concat = x.map((_, i) => outs.flatMap((o) => o[i]));
  return ${finish};
}`;
export default {
  wrong: [
    { name: 'forgets W_O', expect: /W_O is missing/, code: body({ finish: 'concat' }) },
    { name: 'heads split along the wrong axis (interleaved columns)', expect: /split along the wrong axis/,
      code: body({ slice: 'M.map((row) => row.filter((_, c) => c % H === h))' }) },
    { name: 'numHeads ignored', expect: /only one head was computed/, code: body({ heads: '1' }) },
    { name: 'scale by √d_model inside each head', expect: /1\/√d_model/,
      code: `function multiHeadAttention(x, Wq, Wk, Wv, Wo, numHeads) {
  if (Array.isArray(x[0][0])) return x.map((xb) => multiHeadAttention(xb, Wq, Wk, Wv, Wo, numHeads));
  const Q = matmul(x, Wq), K = matmul(x, Wk), V = matmul(x, Wv), d = Q[0].length, dHead = d / numHeads;
  const outs = [];
  for (let h = 0; h < numHeads; h++) {
    const q = Q.map((r) => r.slice(h * dHead, (h + 1) * dHead)), k = K.map((r) => r.slice(h * dHead, (h + 1) * dHead)), v = V.map((r) => r.slice(h * dHead, (h + 1) * dHead));
    outs.push(q.map((qi) => { const s = k.map((kj) => qi.reduce((a, y, c) => a + y * kj[c], 0) / Math.sqrt(d)); const m = Math.max(...s); const e = s.map((y) => Math.exp(y - m)); const t = e.reduce((a, b) => a + b, 0); return v[0].map((_, c) => e.reduce((a, ej, j) => a + ej / t * v[j][c], 0)); }));
  }
  return matmul(x.map((_, i) => outs.flatMap((o) => o[i])), Wo);
}` },
  ],
  right: [
    { name: 'W_O applied head by head (Σ_h head_h · W_O rows of h), no concatenation, own attention',
      code: `function multiHeadAttention(x, Wq, Wk, Wv, Wo, numHeads) {
  if (Array.isArray(x[0][0])) return x.map((xb) => multiHeadAttention(xb, Wq, Wk, Wv, Wo, numHeads));
  const Q = matmul(x, Wq), K = matmul(x, Wk), V = matmul(x, Wv), dHead = Q[0].length / numHeads;
  const out = x.map(() => new Float64Array(Wo[0].length));
  for (let h = numHeads - 1; h >= 0; h--) {
    const cols = (M) => M.map((r) => r.slice(h * dHead, (h + 1) * dHead));
    const q = cols(Q), k = cols(K), v = cols(V);
    const head = q.map((qi) => { const s = k.map((kj) => qi.reduce((a, y, c) => a + y * kj[c], 0) / Math.sqrt(dHead)); const m = Math.max(...s); const e = s.map((y) => Math.exp(y - m)); const t = e.reduce((a, b) => a + b, 0); return v[0].map((_, c) => e.reduce((a, ej, j) => a + ej / t * v[j][c], 0)); });
    const WoRows = Wo.slice(h * dHead, (h + 1) * dHead);
    const part = matmul(head, WoRows);
    part.forEach((row, i) => row.forEach((val, c) => { out[i][c] += val; }));
  }
  return out.map((row) => Array.from(row));
}` },
  ],
};
