// Lab "query-steps": one query row of scaled dot-product attention, step by step — q·k_j for every key, the scale,
// the mask, the max subtraction, exp, the sum, the division and the weighted sum of values. Each step shows its
// numbers (computed here in float32, as the core does), the formula with the step's term highlighted, and the lines
// of the C++ kernel that do it; the last steps put the core's own weights and output beside them.
import katexCss from 'katex/dist/katex.min.css?inline';
import formulas from './formulas.js?katex';
import { STEPS } from './formulas.js';
import { KERNEL_LINES } from './kernel-lines.js';
import { formatNumber, getAttention, h, pick } from '../lab-kit.js';

export { OPTIONS as options } from './options.js';

/** The lab's heading. */
export const title = { zh: '逐步计算一个查询行', en: 'One query row, step by step' };

const T = {
  intro: {
    zh: '选一个查询词元，然后一步步前进或后退（按钮，或在步骤栏中用 ← →）。每一步显示它的数字、公式中对应的项，以及 C++ 内核中做这一步的代码行。',
    en: 'Pick a query token, then step forward and back (the buttons, or ← → in the step bar). Each step shows its numbers, its term in the formula and the lines of the C++ kernel that do it.',
  },
  query: { zh: '查询词元', en: 'Query token' },
  causal: { zh: '因果掩码（只看当前及之前的词元）', en: 'Causal mask (see only this and earlier tokens)' },
  back: { zh: '← 上一步', en: '← Back' },
  next: { zh: '下一步 →', en: 'Next →' },
  steps: { zh: '步骤', en: 'Steps' },
  stepOf: { zh: (n, total, name) => `第 ${n} 步，共 ${total} 步：${name}`, en: (n, total, name) => `Step ${n} of ${total}: ${name}` },
  key: { zh: '键', en: 'key' },
  kernel: { zh: 'C++ 内核中的对应代码', en: 'The matching lines of the C++ kernel' },
  core: { zh: '核心的结果', en: "the core's result" },
  maxDiff: { zh: '与核心的最大差值', en: 'largest difference from the core' },
  formula: { zh: '公式（当前步骤的项已高亮）', en: 'Formula (the current step’s term is highlighted)' },
};

const NAMES = {
  dot: { zh: '点积 q·kⱼ', en: 'dot products q·kⱼ' },
  scale: { zh: '缩放 ÷√d', en: 'scale ÷√d' },
  mask: { zh: '掩码', en: 'mask' },
  max: { zh: '最大值 m', en: 'maximum m' },
  subtract: { zh: '减去最大值', en: 'subtract the maximum' },
  exp: { zh: '取指数', en: 'exponentiate' },
  sum: { zh: '求和 Z', en: 'sum Z' },
  divide: { zh: '相除得到权重', en: 'divide: the weights' },
  output: { zh: '值的加权和', en: 'weighted sum of values' },
};

const EXPLAIN = {
  dot: { zh: '查询与每个键的点积：d 个乘积之和。越大表示越“匹配”。', en: 'The dot product of the query with every key: a sum of d products. Larger means a better match.' },
  scale: { zh: (d) => `乘以 1/√d = 1/√${d}，让分数的方差回到 1 左右。`, en: (d) => `Multiply by 1/√d = 1/√${d}, which brings the scores' variance back to about 1.` },
  mask: { zh: '被掩码隐藏的键，分数设为 −∞；其余不变。', en: 'Hidden keys get the score −∞; the others are unchanged.' },
  max: { zh: '这一行分数的最大值 m。若整行都是 −∞，核心直接返回全 0 权重。', en: 'The largest score m of the row. If the whole row is −∞, the core returns zero weights right here.' },
  subtract: { zh: '每个分数减去 m：最大的变成 0，其余都 ≤ 0，所以 exp 不会溢出。', en: 'Subtract m from every score: the largest becomes 0 and the rest are ≤ 0, so exp cannot overflow.' },
  exp: { zh: '取指数：都在 (0, 1] 之间；−∞ 变成 0。', en: 'Exponentiate: every value is in (0, 1]; −∞ becomes 0.' },
  sum: { zh: '把指数相加得到 Z ≥ 1（最大值贡献 exp(0) = 1）。', en: 'Add them up: Z ≥ 1, because the maximum contributes exp(0) = 1.' },
  divide: { zh: '每个指数除以 Z：得到权重，非负且和为 1。', en: 'Divide each by Z: the weights, non-negative and summing to 1.' },
  output: { zh: '输出是值向量的加权和 o = Σ wⱼ vⱼ。', en: 'The output is the weighted sum of the value vectors, o = Σ wⱼ vⱼ.' },
};

const DEFAULT_TOKENS = { zh: ['小猫', '坐', '在', '垫子', '上'], en: ['the', 'cat', 'sat', 'on', 'the', 'mat'] };
const f32 = Math.fround;

/** One query row of scaled dot-product attention in float32, keeping every intermediate. */
export function queryRowSteps({ q, k, v, d, dv, lk, row, visible }) {
  const scale = f32(1 / Math.sqrt(d));
  const qRow = q.subarray(row * d, (row + 1) * d);
  const dot = Array.from({ length: lk }, (_, j) => {
    let s = 0;
    for (let t = 0; t < d; t += 1) s = f32(s + f32(qRow[t] * k[j * d + t]));
    return s;
  });
  const scaled = dot.map((s) => f32(s * scale));
  const masked = scaled.map((s, j) => (visible(j) ? s : -Infinity));
  const m = Math.max(...masked);
  const shifted = masked.map((s) => f32(s - m));
  const exps = shifted.map((s) => f32(Math.exp(s)));
  const sum = exps.reduce((a, b) => f32(a + b), 0);
  const weights = m === -Infinity ? exps.map(() => 0) : exps.map((e) => f32(e * f32(1 / sum)));
  const output = Array.from({ length: dv }, (_, c) => weights.reduce((acc, w, j) => f32(acc + f32(w * v[j * dv + c])), 0));
  return { scale, dot, scaled, masked, m, shifted, exps, sum, weights, output };
}

/** Mounts the lab; `config` holds the checked options of ./options.js. */
export async function mount(container, { config, lang, host }) {
  const attn = await getAttention();
  host.adoptedStyleSheets = [...host.adoptedStyleSheets, katexSheet()];
  const text = (key) => pick(lang, T[key]);
  const tokens = config.tokens ?? pick(lang, DEFAULT_TOKENS);
  const L = tokens.length;
  const { d, seed } = config;
  const dv = 3;
  const q = attn.random.normal([L, d], { seed });
  const k = attn.random.normal([L, d], { seed: seed + 1 });
  const v = attn.random.normal([L, dv], { seed: seed + 2 });
  const state = {
    row: Math.min(config.query, L - 1),
    step: STEPS.indexOf(config.step),
    causal: config.causal,
  };

  const tokenButtons = tokens.map((token, i) => h('button', {
    type: 'button', 'data-row': i, 'aria-pressed': String(i === state.row),
    onclick: () => { state.row = i; render(); },
  }, token));
  const causalBox = h('input', { type: 'checkbox', checked: state.causal, onchange: () => { state.causal = causalBox.checked; render(); } });
  const backButton = h('button', { type: 'button', class: 'step-back', onclick: () => go(state.step - 1) }, text('back'));
  const nextButton = h('button', { type: 'button', class: 'step-next', onclick: () => go(state.step + 1) }, text('next'));
  const stepButtons = STEPS.map((step, i) => h('button', { type: 'button', 'data-step': step, onclick: () => go(i) }, `${i + 1}. ${pick(lang, NAMES[step])}`));
  const stepLabel = h('p', { class: 'summary step-label', 'aria-live': 'polite' });
  const explain = h('p', { class: 'note' });
  const formula = h('div', { class: 'formula', role: 'group', tabindex: '0', 'aria-label': text('formula') });
  formula.innerHTML = formulas.row + formulas.max; // prebuilt by KaTeX from formulas.js at build time (HTML + MathML)
  const numbers = h('div', { class: 'table-wrap', tabindex: '0' });
  const kernel = h('figure', { class: 'kernel' });

  const stepBar = h('nav', { class: 'step-bar', 'aria-label': text('steps') }, h('ol', {}, stepButtons.map((b) => h('li', {}, b))));
  stepBar.addEventListener('keydown', (event) => {
    const delta = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
    if (!delta) return;
    event.preventDefault();
    go(state.step + delta);
    stepButtons[state.step].focus();
  });

  function go(index) {
    state.step = Math.max(0, Math.min(STEPS.length - 1, index));
    render();
  }

  function render() {
    const step = STEPS[state.step];
    const visible = (j) => !state.causal || j <= state.row;
    const r = queryRowSteps({ q: q.data, k: k.data, v: v.data, d, dv, lk: L, row: state.row, visible });
    const mask = { shape: [L, L], data: Float32Array.from({ length: L * L }, (_, index) => (!state.causal || index % L <= Math.floor(index / L) ? 1 : 0)) };
    const core = attn.scaledDotProductAttention(q, k, v, { mask });
    const coreWeights = Array.from(core.weights.data.slice(state.row * L, (state.row + 1) * L));
    const coreOutput = Array.from(core.output.data.slice(state.row * dv, (state.row + 1) * dv));

    tokenButtons.forEach((b, i) => b.setAttribute('aria-pressed', String(i === state.row)));
    stepButtons.forEach((b, i) => { if (i === state.step) b.setAttribute('aria-current', 'step'); else b.removeAttribute('aria-current'); });
    backButton.disabled = state.step === 0;
    nextButton.disabled = state.step === STEPS.length - 1;
    stepLabel.textContent = pick(lang, T.stepOf)(state.step + 1, STEPS.length, pick(lang, NAMES[step]));
    const explanation = pick(lang, EXPLAIN[step]);
    explain.textContent = typeof explanation === 'function' ? explanation(d) : explanation;
    formula.dataset.step = step;
    container.dataset.step = step;
    numbers.replaceChildren(step === 'output' ? outputTable(r, coreOutput) : rowTable(r, step, coreWeights));
    const { file, lines } = KERNEL_LINES[step];
    kernel.replaceChildren(h('figcaption', { class: 'note' }, `${text('kernel')} — ${file}`), h('pre', { class: 'code' }, lines.join('\n')));
  }

  const COLUMNS = [
    ['dot', 'q·kⱼ', (r) => r.dot],
    ['scale', '÷√d', (r) => r.scaled],
    ['mask', '+Mⱼ', (r) => r.masked],
    ['subtract', '−m', (r) => r.shifted],
    ['exp', 'exp', (r) => r.exps],
    ['divide', 'wⱼ = ÷Z', (r) => r.weights],
  ];

  function rowTable(r, step, coreWeights) {
    const reached = (name) => STEPS.indexOf(name) <= state.step;
    const columns = COLUMNS.filter(([name]) => reached(name));
    const head = h('tr', {}, h('th', { scope: 'col' }, text('key')),
      ...columns.map(([name, label]) => h('th', { scope: 'col', class: name === step ? 'current' : null, 'data-col': name }, label)),
      step === 'divide' ? h('th', { scope: 'col' }, text('core')) : null);
    const body = tokens.map((token, j) => h('tr', { 'data-key': j }, h('th', { scope: 'row' }, `${j} ${token}`),
      ...columns.map(([name, , values]) => {
        const value = values(r)[j];
        return h('td', { class: [name === step ? 'current' : '', value === -Infinity ? 'masked' : ''].join(' ').trim() || null, 'data-col': name, 'data-value': String(value) }, formatNumber(value, 4));
      }),
      step === 'divide' ? h('td', { 'data-col': 'core', 'data-value': String(coreWeights[j]) }, formatNumber(coreWeights[j], 4)) : null));
    const scalars = [];
    if (reached('max')) scalars.push(h('span', { class: step === 'max' ? 'current' : null, 'data-scalar': 'm' }, `m = ${formatNumber(r.m, 5)}`));
    if (reached('sum')) scalars.push(h('span', { class: step === 'sum' ? 'current' : null, 'data-scalar': 'Z' }, `Z = Σ exp = ${formatNumber(r.sum, 5)}`));
    if (step === 'divide') {
      const diff = Math.max(...r.weights.map((w, j) => Math.abs(w - coreWeights[j])));
      scalars.push(h('span', {}, `Σ wⱼ = ${formatNumber(r.weights.reduce((a, b) => a + b, 0), 6)} · ${text('maxDiff')}: ${formatNumber(diff, 2)}`));
    }
    return h('div', {}, h('table', { class: 'numbers' }, h('thead', {}, head), h('tbody', {}, body)),
      scalars.length ? h('p', { class: 'scalars' }, ...scalars.flatMap((s, i) => (i ? ['  ·  ', s] : [s]))) : null);
  }

  function outputTable(r, coreOutput) {
    const head = h('tr', {}, h('th', { scope: 'col' }, text('key')), h('th', { scope: 'col' }, 'wⱼ'),
      ...Array.from({ length: dv }, (_, c) => h('th', { scope: 'col' }, `vⱼ[${c}]`)),
      ...Array.from({ length: dv }, (_, c) => h('th', { scope: 'col', class: 'current' }, `wⱼ·vⱼ[${c}]`)));
    const rows = tokens.map((token, j) => h('tr', {}, h('th', { scope: 'row' }, `${j} ${token}`), h('td', {}, formatNumber(r.weights[j], 4)),
      ...Array.from({ length: dv }, (_, c) => h('td', {}, formatNumber(v.data[j * dv + c], 4))),
      ...Array.from({ length: dv }, (_, c) => h('td', { class: 'current' }, formatNumber(f32(r.weights[j] * v.data[j * dv + c]), 4)))));
    const sumRow = h('tr', { 'data-row': 'output' }, h('th', { scope: 'row', colspan: 2 + dv }, 'o = Σ wⱼ·vⱼ'),
      ...r.output.map((o) => h('td', { class: 'current', 'data-value': String(o) }, formatNumber(o, 4))));
    const coreRow = h('tr', { 'data-row': 'core' }, h('th', { scope: 'row', colspan: 2 + dv }, text('core')),
      ...coreOutput.map((o) => h('td', { 'data-value': String(o) }, formatNumber(o, 4))));
    return h('table', { class: 'numbers' }, h('thead', {}, head), h('tbody', {}, rows, sumRow, coreRow));
  }

  container.append(
    h('p', { class: 'lab-intro' }, text('intro')),
    h('div', { class: 'controls' },
      h('div', { class: 'token-picker', role: 'group', 'aria-label': text('query') }, h('span', { class: 'note' }, `${text('query')}:`), ...tokenButtons),
      h('label', { class: 'inline' }, causalBox, text('causal'))),
    h('div', { class: 'controls stepper' }, backButton, nextButton, stepLabel),
    stepBar,
    explain,
    formula,
    numbers,
    kernel,
  );
  render();
  return { destroy() {} };
}

let sheet = null;
function katexSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    // @font-face rules do not apply inside a shadow root; the page's own KaTeX stylesheet declares the fonts.
    sheet.replaceSync(`${katexCss.replace(/@font-face\{[^}]*\}/g, '')}\n${STEP_CSS}`);
  }
  return sheet;
}

const STEP_CSS = `
.formula { overflow-x: auto; max-width: 100%; padding: 4px 0; }
.formula .katex-display { margin: 0.4em 0; }
${STEPS.map((step) => `.formula[data-step="${step}"] .aw-step-${step}`).join(',\n')} { color: var(--accent); background: var(--accent-soft); border-radius: 3px; }
.step-bar ol { list-style: none; display: flex; flex-wrap: wrap; gap: 4px; margin: 0; padding: 0; }
.step-bar button { font-size: 13px; padding: 3px 8px; min-height: 28px; }
.step-bar button[aria-current="step"] { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
.token-picker { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
.stepper .step-label { flex: 1 1 12em; }
.scalars { font: 13px var(--font-mono); margin: 6px 0 0; }
.scalars .current { background: var(--accent-soft); color: var(--accent); padding: 0 3px; border-radius: 3px; }
.kernel { margin: 0; }
`;
