// Lab "score-functions": the same queries and keys through seven ways of turning scores into weights — dot, scaled
// dot, additive and bilinear scores with softmax, hard top-k (the core), sparsemax and linear attention (in JS) —
// side by side, with each row's entropy and largest weight; sliders for the width d, the temperature and k.
import { renderHeatmap } from '../../live/views/heatmap-view.js';
import { formatNumber, getAttention, h, pick, slider, viewContext } from '../lab-kit.js';
import { entropy, linearAttentionWeights, sparsemax } from './weights.js';
import { TEMPERATURES, WIDTHS } from './options.js';

export { OPTIONS as options } from './options.js';

/** The lab's heading. */
export const title = { zh: '评分函数并排比较', en: 'Score functions side by side' };

const T = {
  intro: {
    zh: '同样的 4 个查询和 6 个键，经过七种方法得到权重。拖动滑块改变宽度 d、温度 T 和 top-k 的 k，看哪些方法变尖锐、哪些保持平缓。',
    en: 'The same 4 queries and 6 keys, turned into weights seven ways. Move the sliders for the width d, the temperature T and the k of top-k, and watch which ones sharpen and which stay flat.',
  },
  width: { zh: '宽度 d', en: 'Width d' },
  temperature: { zh: '温度 T', en: 'Temperature T' },
  topK: { zh: 'top-k 的 k', en: 'k of top-k' },
  stats: { zh: '每行的熵（奈特）/ 最大权重', en: 'Entropy (nats) / largest weight per row' },
  function: { zh: '方法', en: 'method' },
  row: { zh: '查询', en: 'query' },
  entropyMax: { zh: '熵 / 最大', en: 'H / max' },
  uniform: { zh: (n) => `均匀分布的熵为 ln ${n} ≈ ${Math.log(n).toFixed(2)}，独热为 0。`, en: (n) => `Uniform weights have entropy ln ${n} ≈ ${Math.log(n).toFixed(2)}; one-hot weights have 0.` },
  noTemperature: { zh: '（无 T）', en: '(no T)' },
  legend: {
    zh: '点积 softmax(q·k/T)；缩放点积 softmax(q·k/(√d·T))；加性 softmax(wᵀtanh(Wq q + Wk k)/T)；双线性 softmax(qᵀWk/T)；硬 top-k：只对每行最大的 k 个缩放分数做 softmax（确定性的现代变体，不是 Xu 等人的采样式硬注意力），其余为 0；sparsemax(q·k/(√d·T))：到概率单纯形的投影，有精确的 0（在 JS 中计算）；线性注意力：wᵢⱼ ∝ φ(qᵢ)·φ(kⱼ)，φ = elu + 1，没有 softmax，也没有温度（在 JS 中计算）。',
    en: 'dot softmax(q·k/T); scaled dot softmax(q·k/(√d·T)); additive softmax(wᵀtanh(Wq q + Wk k)/T); bilinear softmax(qᵀWk/T); hard top-k: softmax over the k largest scaled scores of each row, 0 elsewhere (the modern deterministic variant, not the sampled hard attention of Xu et al.); sparsemax(q·k/(√d·T)): a projection onto the probability simplex, with exact zeros (computed in JS); linear attention: wᵢⱼ ∝ φ(qᵢ)·φ(kⱼ) with φ = elu + 1, no softmax and no temperature (computed in JS).',
  },
};

const METHODS = [
  { id: 'dot', name: { zh: '点积', en: 'dot' } },
  { id: 'scaled-dot', name: { zh: '缩放点积', en: 'scaled dot' } },
  { id: 'additive', name: { zh: '加性', en: 'additive' } },
  { id: 'bilinear', name: { zh: '双线性', en: 'bilinear' } },
  { id: 'top-k', name: { zh: '硬 top-k', en: 'hard top-k' } },
  { id: 'sparsemax', name: { zh: 'sparsemax', en: 'sparsemax' } },
  { id: 'linear', name: { zh: '线性注意力', en: 'linear' } },
];

const LQ = 4;
const LK = 6;
const HIDDEN = 8; // additive attention's hidden width

/** Mounts the lab; `config` holds the checked options of ./options.js. */
export async function mount(container, { config, lang, labId, host }) {
  const attn = await getAttention();
  const text = (key) => pick(lang, T[key]);
  const { seed } = config;
  const state = { d: config.d, temperature: config.temperature, topK: config.topK };
  // Small heatmaps, so that two fit beside each other in the chapter column.
  const context = { ...viewContext({ lang, host, fileBase: labId, container }), availableWidth: () => 300 };
  const views = h('div', { class: 'views score-views' });
  const stats = h('div', { class: 'table-wrap', tabindex: '0' });

  const widthSlider = slider({ label: text('width'), min: 0, max: WIDTHS.length - 1, step: 1, value: WIDTHS.indexOf(state.d), name: 'd',
    format: (i) => `d = ${WIDTHS[i]}`, onInput: (i) => { state.d = WIDTHS[i]; update(); } });
  const temperatureSlider = slider({ label: text('temperature'), min: 0, max: TEMPERATURES.length - 1, step: 1, value: TEMPERATURES.indexOf(state.temperature), name: 'temperature',
    format: (i) => `T = ${TEMPERATURES[i]}`, onInput: (i) => { state.temperature = TEMPERATURES[i]; update(); } });
  const topKSlider = slider({ label: text('topK'), min: 1, max: LK, step: 1, value: state.topK, name: 'topK',
    format: (v) => `k = ${v}`, onInput: (v) => { state.topK = v; update(); } });

  /** Weights [LQ, LK] of every method for the current d, T and k. */
  function computeWeights() {
    const { d, temperature, topK } = state;
    const q = attn.random.normal([LQ, d], { seed });
    const k = attn.random.normal([LK, d], { seed: seed + 1 });
    const v = attn.random.normal([LK, 1], { seed: seed + 2 });
    const Wq = attn.random.normal([d, HIDDEN], { seed: seed + 3, std: 1 / Math.sqrt(d) });
    const Wk = attn.random.normal([d, HIDDEN], { seed: seed + 4, std: 1 / Math.sqrt(d) });
    const w = attn.random.normal([HIDDEN], { seed: seed + 5 });
    const W = attn.random.normal([d, d], { seed: seed + 6, std: 1 / Math.sqrt(d) });
    const softmax = (scores) => attn.softmax(scores, { temperature }).data;
    const scaled = attn.scores.scaledDot(q, k);
    const sparse = Float32Array.from({ length: LQ * LK });
    for (let i = 0; i < LQ; i += 1) {
      const row = Array.from(scaled.data.slice(i * LK, (i + 1) * LK), (s) => s / temperature);
      sparse.set(sparsemax(row), i * LK);
    }
    return {
      dot: softmax(attn.scores.dot(q, k)),
      'scaled-dot': softmax(scaled),
      additive: softmax(attn.scores.additive(q, k, { Wq, Wk, w })),
      bilinear: softmax(attn.scores.bilinear(q, k, { W })),
      'top-k': attn.hardAttention(q, k, v, { topK, scale: 1 / (Math.sqrt(d) * temperature) }).weights.data,
      sparsemax: sparse,
      linear: linearAttentionWeights(q.data, k.data, LQ, LK, d),
    };
  }

  function update() {
    const weights = computeWeights();
    const rowLabels = Array.from({ length: LQ }, (_, i) => `q${i}`);
    const colLabels = Array.from({ length: LK }, (_, j) => `k${j}`);
    views.replaceChildren(...METHODS.map(({ id, name }) => h('div', { class: 'view-slot', 'data-method': id },
      renderHeatmap({ shape: [LQ, LK], data: Float32Array.from(weights[id]), rowLabels, colLabels,
        title: `${pick(lang, name)}${id === 'linear' ? ` ${text('noTemperature')}` : ''}` }, context))));
    const rows = METHODS.map(({ id, name }) => {
      const cells = Array.from({ length: LQ }, (_, i) => {
        const row = Array.from(weights[id].slice(i * LK, (i + 1) * LK));
        const H = entropy(row);
        const max = Math.max(...row);
        return h('td', { 'data-row': i, 'data-entropy': String(H), 'data-max': String(max) }, `${formatNumber(H, 3)} / ${formatNumber(max, 3)}`);
      });
      return h('tr', { 'data-method': id }, h('th', { scope: 'row' }, pick(lang, name)), ...cells);
    });
    stats.replaceChildren(h('p', { class: 'note', id: `${labId}-stats` }, `${text('stats')}. ${pick(lang, T.uniform)(LK)}`), h('table', { class: 'numbers', 'aria-describedby': `${labId}-stats` },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, text('function')), ...Array.from({ length: LQ }, (_, i) => h('th', { scope: 'col' }, `q${i}: ${text('entropyMax')}`)))),
      h('tbody', {}, rows)));
  }

  container.append(
    h('p', { class: 'lab-intro' }, text('intro')),
    h('div', { class: 'controls' }, widthSlider.row, temperatureSlider.row, topKSlider.row),
    h('p', { class: 'note' }, text('legend')),
    stats,
    views,
  );
  update();
  return { destroy() {} };
}
