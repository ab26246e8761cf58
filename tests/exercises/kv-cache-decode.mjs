// Wrong and differently-written right solutions of exercise kv-cache-decode.
const body = ({ keys = '[...kCache, k]', values = '[...vCache, v]', attendKeys = 'keys', attendValues = 'values', bytes = '2 * layers * kvHeads * d * keys.length * batch * bytesPerValue', ret = '{ kCache: keys, vCache: values, output, bytes }' } = {}) => `function decodeStep(kCache, vCache, q, k, v, model) {
  const keys = ${keys}, values = ${values};
  const K = ${attendKeys}, V = ${attendValues};
  const d = q.length;
  const s = K.map((kj) => q.reduce((a, x, c) => a + x * kj[c], 0) / Math.sqrt(d));
  const m = Math.max(...s), e = s.map((x) => Math.exp(x - m)), t = e.reduce((a, b) => a + b, 0);
  const output = v.map((_, c) => e.reduce((a, ej, j) => a + ej / t * V[j][c], 0));
  const { layers, kvHeads, batch, bytesPerValue } = model;
  const bytes = ${bytes};
  return ${ret};
}`;
export default {
  wrong: [
    { name: 'forgets the factor 2 for K and V', expect: /factor 2 is missing/, code: body({ bytes: 'layers * kvHeads * d * keys.length * batch * bytesPerValue' }) },
    { name: 'attends before appending the new token (query does not see itself)', expect: /not added before attending/, code: body({ attendKeys: 'kCache', attendValues: 'vCache' }) },
    { name: 'counts bits (× 8)', expect: /counted bits/, code: body({ bytes: '2 * layers * kvHeads * d * keys.length * batch * bytesPerValue * 8' }) },
    { name: 'length of the cache before the step', expect: /cache BEFORE this step/, code: body({ bytes: '2 * layers * kvHeads * d * kCache.length * batch * bytesPerValue' }) },
    { name: 'prepends the new key', expect: /new key was put first/, code: body({ keys: '[k, ...kCache]', attendKeys: '[...kCache, k]' }) },
  ],
  right: [
    { name: 'appends in place with push (as a real cache does)', code: body({ keys: '(kCache.push(k), kCache)', values: '(vCache.push(v), vCache)' }) },
    { name: 'online softmax over the cache in one pass, bytes from a per-token size, concat',
      code: `function decodeStep(kCache, vCache, q, k, v, model) {
  const kNew = kCache.concat([k]), vNew = vCache.concat([v]);
  const scale = 1 / Math.sqrt(q.length);
  let max = -Infinity, sum = 0, acc = new Float64Array(v.length);
  for (let j = 0; j < kNew.length; j++) {
    let s = 0;
    for (let c = 0; c < q.length; c++) s += q[c] * kNew[j][c];
    s *= scale;
    const mNew = Math.max(max, s), r = Math.exp(max - mNew), e = Math.exp(s - mNew);
    sum = sum * r + e;
    for (let c = 0; c < v.length; c++) acc[c] = acc[c] * r + e * vNew[j][c];
    max = mNew;
  }
  const bytesPerToken = model.layers * model.kvHeads * q.length * model.bytesPerValue * 2;   // K and V
  return { output: Array.from(acc, (x) => x / sum), kCache: kNew, vCache: vNew, bytes: bytesPerToken * kNew.length * model.batch };
}` },
  ],
};
