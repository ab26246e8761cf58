// The score functions' weights that the core does not compute (sparsemax, linear attention), and the row
// statistics the lab prints. Pure functions over plain arrays, no DOM.

/**
 * Sparsemax of one row (Martins & Astudillo 2016, arXiv 1602.02068): the Euclidean projection of z onto the
 * probability simplex, p = max(z − τ, 0) with τ chosen so that Σp = 1. Unlike softmax it gives exact zeros.
 */
export function sparsemax(z) {
  const sorted = [...z].sort((a, b) => b - a);
  let cumulative = 0;
  let support = 0;
  let supportSum = 0;
  sorted.forEach((value, index) => {
    cumulative += value;
    if (1 + (index + 1) * value > cumulative) { support = index + 1; supportSum = cumulative; }
  });
  const tau = (supportSum - 1) / support;
  return z.map((value) => Math.max(value - tau, 0));
}

/** φ(x) = elu(x) + 1, the positive feature map of linear attention (Katharopoulos et al. 2020, arXiv 2006.16236). */
export const eluPlusOne = (x) => (x > 0 ? x + 1 : Math.exp(x));

/**
 * Linear attention's weights for q [lq, d] and k [lk, d] (flat arrays): w_ij = φ(q_i)·φ(k_j) / Σ_l φ(q_i)·φ(k_l).
 * In a real model they are never formed — φ(q_i)·(Σ_j φ(k_j) v_jᵀ) costs O(n·d²) — but they are what it computes.
 */
export function linearAttentionWeights(q, k, lq, lk, d) {
  const weights = new Float64Array(lq * lk);
  for (let i = 0; i < lq; i += 1) {
    let total = 0;
    for (let j = 0; j < lk; j += 1) {
      let s = 0;
      for (let t = 0; t < d; t += 1) s += eluPlusOne(q[i * d + t]) * eluPlusOne(k[j * d + t]);
      weights[i * lk + j] = s;
      total += s;
    }
    for (let j = 0; j < lk; j += 1) weights[i * lk + j] /= total;
  }
  return weights;
}

/** Entropy −Σ w ln w of a row of weights, in nats (0 for one-hot, ln n for uniform). */
export function entropy(row) {
  return row.reduce((h, w) => (w > 0 ? h - w * Math.log(w) : h), 0);
}
