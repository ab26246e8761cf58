// Wrong and differently-written right solutions of exercise safe-masked-softmax.
const rows = (inner) => `function maskedSoftmax(scores, mask) {
  if (Array.isArray(scores[0])) return scores.map((row, i) => maskedSoftmax(row, mask[i]));
  ${inner}
}`;
export default {
  wrong: [
    { name: 'NaN on a fully masked row', expect: /fully masked row gives NaN/,
      code: rows('const a = scores.map((s, j) => (mask[j] ? s : -Infinity)); const m = Math.max(...a); const e = a.map((s) => Math.exp(s - m)); const t = e.reduce((x, y) => x + y, 0); return e.map((x) => x / t);') },
    { name: '−1e9 instead of −Infinity', expect: /uniform weights/,
      code: rows('const a = scores.map((s, j) => (mask[j] ? s : -1e9)); const m = Math.max(...a); const e = a.map((s) => Math.exp(s - m)); const t = e.reduce((x, y) => x + y, 0); return e.map((x) => x / t);') },
    { name: 'scores multiplied by the mask', expect: /multiplied by the mask/,
      code: rows('const a = scores.map((s, j) => s * mask[j]); const m = Math.max(...a); const e = a.map((s) => Math.exp(s - m)); const t = e.reduce((x, y) => x + y, 0); return e.map((x) => x / t);') },
    { name: 'mask after softmax', expect: /after the softmax without renormalising/,
      code: rows('const m = Math.max(...scores); const e = scores.map((s) => Math.exp(s - m)); const t = e.reduce((x, y) => x + y, 0); return e.map((x, j) => (mask[j] ? x / t : 0));') },
    { name: 'inverted mask', expect: /mask is inverted/,
      code: rows('if (mask.every((x) => x)) return scores.map(() => 0); const a = scores.map((s, j) => (mask[j] ? -Infinity : s)); const m = Math.max(...a); const e = a.map((s) => Math.exp(s - m)); const t = e.reduce((x, y) => x + y, 0); return e.map((x) => x / t);') },
  ],
  right: [
    { name: 'log-sum-exp over the allowed positions only, with a filter',
      code: `function maskedSoftmax(scores, mask) {
  if (Array.isArray(scores[0])) return scores.map((row, i) => maskedSoftmax(row, mask[i]));
  const kept = scores.filter((_, j) => mask[j] === 1);
  if (kept.length === 0) return new Float64Array(scores.length);
  const m = kept.reduce((a, b) => (b > a ? b : a));
  const lse = m + Math.log(kept.reduce((s, x) => s + Math.exp(x - m), 0));
  return Float64Array.from(scores, (s, j) => (mask[j] ? Math.exp(s - lse) : 0));
}` },
  ],
};
