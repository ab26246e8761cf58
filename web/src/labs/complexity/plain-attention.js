// Attention written the textbook way in plain JavaScript, the baseline of the speed explorer: for each
// head, S = scale · Q·Kᵀ (an n × n matrix), P = softmax(S) row by row, O = P·V. Float32Arrays and
// straightforward loops, as a learner would write it; no WebAssembly.

/**
 * q [heads, n, d], k [heads, n, d], v [heads, n, d] as flat Float32Arrays → output written into `out`
 * (heads·n·d). Returns the bytes of scratch memory it used (the n × n score matrix).
 */
export function plainAttention(q, k, v, heads, n, d, out) {
  const scale = 1 / Math.sqrt(d);
  const scores = new Float32Array(n * n);
  for (let h = 0; h < heads; h += 1) {
    const base = h * n * d;
    for (let i = 0; i < n; i += 1) {
      let max = -Infinity;
      for (let j = 0; j < n; j += 1) {
        let dot = 0;
        for (let c = 0; c < d; c += 1) dot += q[base + i * d + c] * k[base + j * d + c];
        const s = dot * scale;
        scores[i * n + j] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let j = 0; j < n; j += 1) {
        const e = Math.exp(scores[i * n + j] - max); // subtract the row's max: exp never overflows
        scores[i * n + j] = e;
        sum += e;
      }
      for (let j = 0; j < n; j += 1) scores[i * n + j] /= sum;
    }
    for (let i = 0; i < n; i += 1) {
      for (let c = 0; c < d; c += 1) out[base + i * d + c] = 0;
      for (let j = 0; j < n; j += 1) {
        const p = scores[i * n + j];
        for (let c = 0; c < d; c += 1) out[base + i * d + c] += p * v[base + j * d + c];
      }
    }
  }
  return scores.byteLength;
}
