// Wrong and differently-written right solutions of exercise grouped-query-attention (matmul, attention from the set-up).
const body = ({ kvHead = 'Math.floor(h / (numHeads / numKvHeads))', finish = 'matmul(concat, Wo)' } = {}) => `function groupedQueryAttention(x, Wq, Wk, Wv, Wo, numHeads, numKvHeads) {
  if (Array.isArray(x[0][0])) return x.map((xb) => groupedQueryAttention(xb, Wq, Wk, Wv, Wo, numHeads, numKvHeads));
  const Q = matmul(x, Wq), K = matmul(x, Wk), V = matmul(x, Wv);
  const dh = Q[0].length / numHeads, dv = V[0].length / numKvHeads;
  const cut = (M, h, w) => M.map((r) => r.slice(h * w, (h + 1) * w));
  const outs = [];
  for (let h = 0; h < numHeads; h++) {
    const g = ${kvHead};
    outs.push(attention(cut(Q, h, dh), cut(K, g, dh), cut(V, g, dv)));
  }
  const concat = x.map((_, i) => outs.flatMap((o) => o[i]));
  return ${finish};
}`;
export default {
  wrong: [
    { name: 'round-robin K/V heads (h mod H_kv)', expect: /h mod H_kv/, code: body({ kvHead: 'h % numKvHeads' }) },
    { name: 'forgets W_O', expect: /W_O is missing/, code: body({ finish: 'concat' }) },
    { name: 'every head reads K/V head 0', expect: /every query head reads K\/V head 0/, code: body({ kvHead: '0' }) },
  ],
  right: [
    { name: 'K/V heads repeated into H full heads first (as repeat_kv in Llama), own softmax, W_O applied per head',
      code: `function groupedQueryAttention(x, Wq, Wk, Wv, Wo, numHeads, numKvHeads) {
  if (Array.isArray(x[0][0])) return x.map((xb) => groupedQueryAttention(xb, Wq, Wk, Wv, Wo, numHeads, numKvHeads));
  const Q = matmul(x, Wq), K = matmul(x, Wk), V = matmul(x, Wv);
  const dh = Q[0].length / numHeads, dv = V[0].length / numKvHeads, group = numHeads / numKvHeads;
  // repeat each K/V head 'group' times: head g becomes heads g·group … g·group + group − 1
  const Kfull = K.map((r) => { const out = []; for (let g = 0; g < numKvHeads; g++) for (let t = 0; t < group; t++) out.push(...r.slice(g * dh, (g + 1) * dh)); return out; });
  const Vfull = V.map((r) => { const out = []; for (let g = 0; g < numKvHeads; g++) for (let t = 0; t < group; t++) out.push(...r.slice(g * dv, (g + 1) * dv)); return out; });
  const result = x.map(() => new Array(Wo[0].length).fill(0));
  for (let h = 0; h < numHeads; h++) {
    const q = Q.map((r) => r.slice(h * dh, (h + 1) * dh)), k = Kfull.map((r) => r.slice(h * dh, (h + 1) * dh)), v = Vfull.map((r) => r.slice(h * dv, (h + 1) * dv));
    const head = q.map((qi) => { const s = k.map((kj) => qi.reduce((a, y, c) => a + y * kj[c], 0) / Math.sqrt(dh)); const m = Math.max(...s); const e = s.map((y) => Math.exp(y - m)); const t = e.reduce((a, b) => a + b, 0); return v[0].map((_, c) => e.reduce((a, ej, j) => a + ej / t * v[j][c], 0)); });
    const part = matmul(head, Wo.slice(h * dv, (h + 1) * dv));
    part.forEach((row, i) => row.forEach((val, c) => { result[i][c] += val; }));
  }
  return result;
}` },
  ],
};
