// Lab "stability": break softmax on purpose. Part 1 slides the logits' magnitude and computes naive, max-subtracted
// and log-sum-exp softmax in float32 and float64, marking where ∞, NaN and underflow appear (beside the core's
// float32 softmax). Part 2 shows the saturation of softmax and its shrinking gradient as the width d grows, with
// and without the 1/√d_k scale, measured with the core.
import { renderPlot } from '../../live/views/plot-view.js';
import { formatNumber, getAttention, h, pick, slider, viewContext } from '../lab-kit.js';
import {
  BASE_LOGITS, firstMagnitude, logitsFor, problems, saturation, softmaxVariants, usableEntries, variance,
} from './softmax-variants.js';
import { WIDTHS } from './options.js';

export { OPTIONS as options } from './options.js';

/** The lab's heading. */
export const title = { zh: '数值稳定性实验', en: 'Stability lab' };

const T = {
  intro: {
    zh: '逻辑值（logits）为 s·[1, 0.5, 0, −0.5, −1]。拖动滑块增大 s，看三种 softmax 写法在 float32 和 float64 中何时出现 ∞、NaN 和下溢为 0。',
    en: 'The logits are s·[1, 0.5, 0, −0.5, −1]. Slide s upwards and watch when the three ways of writing softmax meet ∞, NaN and underflow to 0, in float32 and in float64.',
  },
  magnitude: { zh: '幅度 s', en: 'Magnitude s' },
  method: { zh: '方法', en: 'method' },
  what: { zh: '问题', en: 'problems' },
  naive: { zh: '朴素', en: 'naive' },
  stable: { zh: '减最大值', en: 'max-subtracted' },
  logSumExp: { zh: 'log-sum-exp', en: 'log-sum-exp' },
  legend: {
    zh: '朴素：w = exp(x)/Σexp(x)。减最大值：m = max x，w = exp(x−m)/Σexp(x−m)。log-sum-exp：log w = x − m − log Σexp(x−m)，它那两行显示 log w。',
    en: 'naive: w = exp(x)/Σexp(x). max-subtracted: m = max x, w = exp(x−m)/Σexp(x−m). log-sum-exp: log w = x − m − log Σexp(x−m); its rows show log w.',
  },
  fine: { zh: '一切正常。', en: 'Everything is fine.' },
  logW: { zh: 'log w', en: 'log w' },
  core: { zh: '核心 softmax / logSoftmax', en: 'core softmax / logSoftmax' },
  ok: { zh: '正常', en: 'fine' },
  overflow: { zh: 'exp 溢出为 ∞', en: 'exp overflows to ∞' },
  nan: { zh: 'NaN', en: 'NaN' },
  underflow: { zh: '下溢为 0', en: 'underflow to 0' },
  findings: { zh: '在 s 从 0.1 增大到 3000 的过程中：', en: 'As s grows from 0.1 to 3000:' },
  first: {
    zh: (method, dtype, problem, s) => `${method}（${dtype}）：从 s ≈ ${s} 起${problem}。`,
    en: (method, dtype, problem, s) => `${method} (${dtype}): ${problem} from s ≈ ${s}.`,
  },
  never: { zh: (method, dtype) => `${method}（${dtype}）：log w 始终有限。`, en: (method, dtype) => `${method} (${dtype}): log w stays finite throughout.` },
  plotTitle: { zh: '可用的项数', en: 'Usable entries' },
  plotNote: {
    zh: '图：5 个权重中有限且大于 0 的个数（log-sum-exp 数有限的 log w），横轴为 log₁₀ s。下面的列表用文字说明同样的内容。',
    en: 'The plot counts, of the 5 weights, those that are finite and > 0 (for log-sum-exp, the finite log w), against log₁₀ s. The list below says the same in words.',
  },
  plotX: { zh: 'log₁₀ s', en: 'log₁₀ s' },
  plotY: { zh: '项数', en: 'entries' },
  part2: { zh: '饱和与梯度：宽度 d 增大时', en: 'Saturation and gradient as the width d grows' },
  part2Intro: {
    zh: '对每个 d，抽取 32 个查询和 32 个键（标准正态，种子 1 和 2，与第 2 章的示例相同），用核心计算 softmax，比较不缩放与除以 √d 的结果：q·k 的方差、每行最大权重的平均值，以及平均梯度 |∂αᵢ/∂sⱼ|。',
    en: 'For each d, 32 queries and 32 keys (standard normal, seeds 1 and 2, as in the chapter 2 example) go through the core\'s softmax, without scaling and divided by √d: the variance of q·k, the average largest weight per row, and the mean gradient |∂αᵢ/∂sⱼ|.',
  },
  width: { zh: '宽度 d', en: 'Width d' },
  variance: { zh: 'Var(q·k)', en: 'Var(q·k)' },
  largestRaw: { zh: '最大权重（不缩放）', en: 'largest weight (unscaled)' },
  largestScaled: { zh: '最大权重（÷√d）', en: 'largest weight (÷√d)' },
  gradRaw: { zh: '平均梯度（不缩放）', en: 'mean gradient (unscaled)' },
  gradScaled: { zh: '平均梯度（÷√d）', en: 'mean gradient (÷√d)' },
  gradPlot: { zh: '平均梯度 |∂α/∂s| 的 log₁₀', en: 'log₁₀ of the mean gradient |∂α/∂s|' },
  largestPlot: { zh: '每行最大权重的平均值', en: 'Average largest weight per row' },
  log2d: { zh: 'log₂ d', en: 'log₂ d' },
  unscaled: { zh: '不缩放', en: 'unscaled' },
  scaled: { zh: '÷√d', en: '÷√d' },
  atD: {
    zh: (d, v, l1, l2, g1, g2) => `d = ${d}：q·k 的方差 ${v}；不缩放时每行最大权重平均 ${l1}，平均梯度 ${g1}；除以 √d 后为 ${l2} 和 ${g2}。`,
    en: (d, v, l1, l2, g1, g2) => `d = ${d}: Var(q·k) = ${v}; unscaled, the average largest weight is ${l1} and the mean gradient ${g1}; divided by √d they are ${l2} and ${g2}.`,
  },
};

const METHODS = ['naive', 'stable', 'logSumExp'];
const DTYPES = ['float32', 'float64'];
const MAGNITUDE_GRID = Array.from({ length: 451 }, (_, i) => 10 ** (-1 + i / 100)); // 0.1 … ≈3162; bisection refines
const PLOT_X = Array.from({ length: 91 }, (_, i) => -1 + i * 0.05);                            // log10 s, −1 … 3.5
const L = 32;

/** Mounts the lab; `config` holds the checked options of ./options.js. */
export async function mount(container, { config, lang, labId, host }) {
  const attn = await getAttention();
  const text = (key) => pick(lang, T[key]);
  const context = viewContext({ lang, host, fileBase: labId, container });
  const initial = config.magnitude;
  const table = h('div', { class: 'table-wrap', tabindex: '0' });
  const status = h('p', { class: 'summary', 'aria-live': 'polite' });

  const magnitudeSlider = slider({
    label: text('magnitude'), min: -1, max: 3.5, step: 0.01, value: Math.log10(initial).toFixed(2), name: 'magnitude',
    format: (e) => `s = ${formatNumber(10 ** e, 4)}`, onInput: (e) => update(10 ** e),
  });

  function update(magnitude) {
    const rows = [];
    const summaryParts = [];
    for (const method of METHODS) {
      for (const dtype of DTYPES) {
        const result = softmaxVariants(logitsFor(magnitude, dtype), dtype)[method];
        const found = problems(result, method);
        const names = ['overflow', 'nan', 'underflow'].filter((p) => found[p]).map((p) => text(p));
        const values = method === 'logSumExp' ? result.logWeights : result.weights;
        rows.push(h('tr', { 'data-method': method, 'data-dtype': dtype },
          h('th', { scope: 'row' }, `${text(method)}${method === 'logSumExp' ? ` (${text('logW')})` : ''} · ${dtype === 'float32' ? 'f32' : 'f64'}`),
          ...values.map((w) => h('td', { class: !Number.isFinite(w) ? 'bad' : (w === 0 && method !== 'logSumExp' ? 'warn' : null), 'data-value': String(w) }, formatNumber(w, 4))),
          h('td', { class: names.length ? 'bad' : null, 'data-problems': ['overflow', 'nan', 'underflow'].filter((p) => found[p]).join(' ') }, names.join(', ') || text('ok'))));
        if (names.length) summaryParts.push(`${text(method)} (${dtype}): ${names.join(lang === 'zh' ? '、' : ', ')}`);
      }
    }
    const x32 = logitsFor(magnitude, 'float32');
    const coreWeights = Array.from(attn.softmax(x32).data);
    const coreLog = Array.from(attn.logSoftmax(x32).data);
    rows.push(h('tr', { 'data-method': 'core', 'data-dtype': 'float32' }, h('th', { scope: 'row' }, `${text('core')} · f32`),
      ...coreWeights.map((w, i) => h('td', { 'data-value': String(w), 'data-log': String(coreLog[i]) }, `${formatNumber(w, 4)} / ${formatNumber(coreLog[i], 4)}`)),
      h('td', {}, '')));
    const head = h('tr', {}, h('th', { scope: 'col' }, text('method')),
      ...BASE_LOGITS.map((b) => h('th', { scope: 'col' }, `x = ${formatNumber(Math.fround(magnitude * b), 4)}`)),
      h('th', { scope: 'col' }, text('what')));
    table.replaceChildren(h('table', { class: 'numbers' }, h('thead', {}, head), h('tbody', {}, rows)));
    const [stop, separator] = lang === 'zh' ? ['。', '；'] : ['. ', '; '];
    status.textContent = `s = ${formatNumber(magnitude, 4)}${stop}${summaryParts.length ? `${summaryParts.join(separator)}${stop.trim()}` : text('fine')}`;
    container.dataset.magnitude = String(magnitude);
  }

  // Where each method breaks, found once on a fine grid of magnitudes: the plot's text alternative too.
  const findings = [];
  for (const method of METHODS) {
    for (const dtype of DTYPES) {
      let any = false;
      for (const problem of ['nan', 'underflow']) {
        const s = firstMagnitude(MAGNITUDE_GRID, method, dtype, problem);
        if (s === null) continue;
        any = true;
        const label = problem === 'nan' ? `${text('overflow')} → ${text('nan')}` : text('underflow');
        findings.push(h('li', { 'data-method': method, 'data-dtype': dtype, 'data-problem': problem, 'data-first': String(s) },
          pick(lang, T.first)(text(method), dtype, label, formatNumber(s, 3))));
      }
      if (!any) findings.push(h('li', { 'data-method': method, 'data-dtype': dtype }, pick(lang, T.never)(text(method), dtype)));
    }
  }
  const series = {};
  for (const method of METHODS) {
    for (const dtype of DTYPES) {
      series[`${method === 'logSumExp' ? 'log-sum-exp' : method === 'stable' ? 'max-sub' : 'naive'} ${dtype === 'float32' ? 'f32' : 'f64'}`] = PLOT_X.map((e) => {
        const result = softmaxVariants(logitsFor(10 ** e, dtype), dtype)[method];
        return usableEntries(result, method);
      });
    }
  }
  const stabilityPlot = renderPlot({ series: Object.entries(series).map(([name, values]) => ({ name, values })), x: PLOT_X,
    title: text('plotTitle'), xLabel: text('plotX'), yLabel: text('plotY') }, context);

  // Part 2: saturation, measured with the core for every width.
  const measured = WIDTHS.map((d) => {
    const q = attn.random.normal([L, d], 1);
    const k = attn.random.normal([L, d], 2);
    const scores = attn.scores.dot(q, k);
    const raw = saturation(attn.softmax(scores).data, L);
    const scaled = saturation(attn.softmax(scores, { temperature: Math.sqrt(d) }).data, L);
    return { d, variance: variance(Array.from(scores.data)), raw, scaled };
  });
  const widthTable = h('table', { class: 'numbers width-table' },
    h('thead', {}, h('tr', {}, ...['width', 'variance', 'largestRaw', 'largestScaled', 'gradRaw', 'gradScaled'].map((key) => h('th', { scope: 'col' }, text(key))))),
    h('tbody', {}, measured.map((m) => h('tr', { 'data-d': m.d },
      h('th', { scope: 'row' }, String(m.d)),
      h('td', { 'data-value': String(m.variance) }, formatNumber(m.variance, 4)),
      h('td', { 'data-value': String(m.raw.largest) }, formatNumber(m.raw.largest, 3)),
      h('td', { 'data-value': String(m.scaled.largest) }, formatNumber(m.scaled.largest, 3)),
      h('td', { 'data-value': String(m.raw.gradient) }, m.raw.gradient.toExponential(1)),
      h('td', { 'data-value': String(m.scaled.gradient) }, m.scaled.gradient.toExponential(1))))));
  const widthStatus = h('p', { class: 'summary', 'aria-live': 'polite' });
  const selectWidth = (index) => {
    const m = measured[index];
    for (const row of widthTable.querySelectorAll('tbody tr')) row.classList.toggle('current', Number(row.dataset.d) === m.d);
    widthStatus.textContent = pick(lang, T.atD)(m.d, formatNumber(m.variance, 4), formatNumber(m.raw.largest, 3), formatNumber(m.scaled.largest, 3),
      m.raw.gradient.toExponential(1), m.scaled.gradient.toExponential(1));
  };
  const initialWidth = WIDTHS.indexOf(config.d);
  const widthSlider = slider({ label: text('width'), min: 0, max: WIDTHS.length - 1, step: 1, value: initialWidth, name: 'd',
    format: (i) => `d = ${WIDTHS[i]}`, onInput: selectWidth });
  const log2d = measured.map((m) => Math.log2(m.d));
  const halfWidth = { ...context, availableWidth: () => 300 }; // two plots side by side in the chapter column
  const largestPlot = renderPlot({ series: [
    { name: text('unscaled'), values: measured.map((m) => m.raw.largest) },
    { name: text('scaled'), values: measured.map((m) => m.scaled.largest) },
  ], x: log2d, title: text('largestPlot'), xLabel: text('log2d') }, halfWidth);
  const gradientPlot = renderPlot({ series: [
    { name: text('unscaled'), values: measured.map((m) => Math.log10(m.raw.gradient)) },
    { name: text('scaled'), values: measured.map((m) => Math.log10(m.scaled.gradient)) },
  ], x: log2d, title: text('gradPlot'), xLabel: text('log2d') }, halfWidth);

  container.append(
    h('p', { class: 'lab-intro' }, text('intro')),
    h('div', { class: 'controls' }, magnitudeSlider.row),
    status,
    h('p', { class: 'note' }, text('legend')),
    table,
    stabilityPlot,
    h('p', { class: 'note' }, text('plotNote')),
    h('div', { class: 'findings' }, h('p', { class: 'note' }, text('findings')), h('ul', { class: 'note' }, findings)),
    h('h4', { class: 'lab-subtitle' }, text('part2')),
    h('p', { class: 'lab-intro' }, text('part2Intro')),
    h('div', { class: 'controls' }, widthSlider.row),
    widthStatus,
    h('div', { class: 'table-wrap', tabindex: '0' }, widthTable),
    h('div', { class: 'views' }, largestPlot, gradientPlot),
  );
  update(initial);
  selectWidth(initialWidth);
  return { destroy() {} };
}
