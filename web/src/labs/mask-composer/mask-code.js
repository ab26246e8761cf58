// Pure helpers of the mask composer (no DOM): the code that reproduces a composed mask, and a plain softmax.

/**
 * A plain softmax over one row, as textbooks write it (subtract the max, exponentiate, divide). A row of only
 * −∞ gives NaN everywhere: max = −∞ and −∞ − (−∞) = NaN.
 */
export function plainSoftmax(row) {
  const m = Math.max(...row);
  const e = row.map((s) => Math.exp(s - m));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

/**
 * The snippet that reproduces the lab's weights with `attn`: the same seeded q, k, v and the mask, written as
 * `causal: true` when it is exactly the causal mask (`causal` = the core's causal mask for these sizes).
 */
export function maskCode({ lq, lk, d, seed, mask, causal }) {
  const isCausal = Array.from(mask).every((m, index) => m === causal[index]);
  const lines = [
    `// ${lq} queries × ${lk} keys, d = ${d}; seeded, so the numbers are the lab's.`,
    `const q = attn.random.normal([${lq}, ${d}], { seed: ${seed} });`,
    `const k = attn.random.normal([${lk}, ${d}], { seed: ${seed + 1} });`,
    `const v = attn.random.normal([${lk}, ${d}], { seed: ${seed + 2} });`,
  ];
  let options;
  if (isCausal) {
    options = '{ causal: true }';
  } else {
    lines.push('const mask = [   // 1 = may attend, 0 = hidden');
    for (let i = 0; i < lq; i += 1) lines.push(`  [${Array.from(mask.slice(i * lk, (i + 1) * lk)).join(', ')}],`);
    lines.push('];');
    options = '{ mask }';
  }
  lines.push(`const { weights } = attn.scaledDotProductAttention(q, k, v, ${options});`);
  lines.push("show.heatmap(weights, { title: 'weights' });");
  lines.push('show(weights);');
  return lines.join('\n');
}
