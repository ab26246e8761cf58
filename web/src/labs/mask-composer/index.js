// Lab "mask-composer": a grid of query × key toggle buttons. Clicking or dragging hides/shows cells, presets fill
// it (causal, padding, sliding window, causal with Lq < Lk), and the scores and the core's weights update at once.
// A fully masked row shows the core's zeros beside the NaN a plain softmax gives; "Copy as code" writes the attn
// call that reproduces the weights.
import { getAttention, h, pick, viewContext } from '../lab-kit.js';
import { renderHeatmap } from '../../live/views/heatmap-view.js';
import { createMaskGrid } from './mask-grid.js';
import { maskCode, plainSoftmax } from './mask-code.js';

export { OPTIONS as options } from './options.js';

/** The lab's heading. */
export const title = { zh: '掩码编辑器', en: 'Mask composer' };

const T = {
  intro: {
    zh: '点击或拖动格子来隐藏（0）或显示（1）查询–键对；方向键移动，空格或回车切换。分数和权重随之更新。',
    en: 'Click or drag across cells to hide (0) or show (1) a query–key pair; arrow keys move, Space or Enter toggles. Scores and weights update as you go.',
  },
  queries: { zh: '查询数 Lq', en: 'Queries Lq' },
  keys: { zh: '键数 Lk', en: 'Keys Lk' },
  presets: { zh: '预设', en: 'Presets' },
  causal: { zh: '因果', en: 'Causal' },
  causalShort: { zh: '因果，Lq < Lk', en: 'Causal, Lq < Lk' },
  padding: { zh: '填充', en: 'Padding' },
  validLength: { zh: '有效长度', en: 'valid length' },
  window: { zh: '滑动窗口', en: 'Sliding window' },
  windowSize: { zh: '窗口', en: 'window' },
  all: { zh: '全部显示', en: 'Show all' },
  none: { zh: '全部隐藏', en: 'Hide all' },
  grid: { zh: '掩码：行是查询，列是键；按下 = 可关注（1）', en: 'Mask: rows are queries, columns are keys; pressed = may attend (1)' },
  scoresTitle: { zh: '分数 q·k/√d（被屏蔽为 −∞）', en: 'Scores q·k/√d (masked: −∞)' },
  weightsTitle: { zh: '权重（本课程的核心）', en: 'Weights (our core)' },
  fullRows: { zh: '完全被屏蔽的行', en: 'Fully masked rows' },
  noFullRows: {
    zh: '没有完全被屏蔽的行。把某一行的格子全部隐藏，看看核心返回的 0 与普通 softmax 的 NaN。',
    en: 'No row is fully masked. Hide every cell of one row to compare the zeros our core returns with the NaN of a plain softmax.',
  },
  coreRow: { zh: '核心', en: 'our core' },
  plainRow: { zh: '普通 softmax', en: 'plain softmax' },
  query: { zh: '查询', en: 'query' },
  key: { zh: '键', en: 'key' },
  copy: { zh: '复制为代码', en: 'Copy as code' },
  copied: { zh: '代码已复制。粘贴到任意交互示例中运行，得到相同的权重。', en: 'Code copied. Paste it into any live example to get the same weights.' },
  copyFailed: { zh: '无法访问剪贴板；请从下面选择并复制代码。', en: 'The clipboard is not available; select and copy the code below.' },
  code: { zh: '重现这些权重的代码', en: 'Code that reproduces these weights' },
  summary: {
    zh: (visible, total, full) => `共 ${total} 个查询–键对，其中 ${visible} 个可见。${full.length ? `完全被屏蔽的行：${full.join('、')}（核心返回全 0）。` : '每一行的权重之和都是 1。'}`,
    en: (visible, total, full) => `${visible} of ${total} query–key pairs are visible. ${full.length ? `Fully masked rows: ${full.join(', ')} (our core returns all zeros there).` : 'Every row of weights sums to 1.'}`,
  },
};

const MAX_LENGTH = 8;

/** Mounts the lab into `container`; `config` holds the checked options of ./options.js. */
export async function mount(container, { config, lang, labId, host }) {
  const attn = await getAttention();
  const text = (key) => pick(lang, T[key]);
  const { d, seed } = config;
  const state = { lq: config.lq, lk: config.lk, validLength: 3, window: 2 };
  let mask = new Uint8Array(state.lq * state.lk).fill(1);
  let tensors = null;

  const context = viewContext({ lang, host, fileBase: labId, container });
  const scoresView = h('div', { class: 'view-slot' });
  const weightsView = h('div', { class: 'view-slot' });
  const fullRows = h('div', { class: 'full-rows', 'aria-live': 'polite' });
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' });
  const codeBlock = h('pre', { class: 'code', tabindex: '0' });
  const copyNote = h('p', { class: 'note', role: 'status' });

  const grid = createMaskGrid({
    label: text('grid'),
    cellLabel: (i, j, on) => `${text('query')} ${i}, ${text('key')} ${j}: ${on ? '1' : '0'}`,
    onChange: (next) => { mask = next; update(); },
  });

  const numberInput = (value, min, max, onChange, label) => {
    const input = h('input', { type: 'number', min, max, step: 1, value, 'aria-label': label });
    input.addEventListener('change', () => {
      const v = Math.round(Number(input.value));
      if (!(v >= min && v <= max)) { input.value = String(onChange.current ?? value); return; }
      onChange(v);
    });
    return input;
  };
  const lqInput = numberInput(state.lq, 1, MAX_LENGTH, (v) => resize(v, state.lk), text('queries'));
  const lkInput = numberInput(state.lk, 1, MAX_LENGTH, (v) => resize(state.lq, v), text('keys'));
  const validInput = numberInput(state.validLength, 0, MAX_LENGTH, (v) => { state.validLength = Math.min(v, state.lk); applyPreset('padding'); }, text('validLength'));
  const windowInput = numberInput(state.window, 1, MAX_LENGTH, (v) => { state.window = v; applyPreset('window'); }, text('windowSize'));

  const presetButton = (label, name, extra) => h('button', { type: 'button', 'data-preset': name, onclick: () => { extra?.(); applyPreset(name); } }, label);

  function presetMask(name) {
    const { lq, lk } = state;
    if (name === 'causal') return attn.masks.causal(lq, lk).data; // the core's own rule: aligned bottom-right when Lq < Lk
    if (name === 'padding') {
      const row = attn.masks.padding([Math.min(state.validLength, lk)], lk).data; // [1, 1, lk]
      return Float32Array.from({ length: lq * lk }, (_, index) => row[index % lk]);
    }
    if (name === 'window') {
      if (lq === lk) return attn.masks.slidingWindow(lq, state.window).data;
      // The core's slidingWindow is square; for Lq ≠ Lk keep the causal alignment: key j sees i + (lk − lq) − w < j ≤ i + (lk − lq).
      const offset = lk - lq;
      return Float32Array.from({ length: lq * lk }, (_, index) => {
        const i = Math.floor(index / lk); const j = index % lk;
        return j <= i + offset && j > i + offset - state.window ? 1 : 0;
      });
    }
    return new Float32Array(lq * lk).fill(name === 'none' ? 0 : 1);
  }

  function applyPreset(name) {
    mask = Uint8Array.from(presetMask(name));
    grid.render(state.lq, state.lk, mask);
    update();
  }

  function resize(lq, lk) {
    const old = { lq: state.lq, lk: state.lk, mask };
    state.lq = lq; state.lk = lk;
    lqInput.value = String(lq); lkInput.value = String(lk);
    // Keep the cells that still exist; new cells start visible.
    mask = Uint8Array.from({ length: lq * lk }, (_, index) => {
      const i = Math.floor(index / lk); const j = index % lk;
      return i < old.lq && j < old.lk ? old.mask[i * old.lk + j] : 1;
    });
    makeTensors();
    grid.render(lq, lk, mask);
    update();
  }

  function makeTensors() {
    tensors = {
      q: attn.random.normal([state.lq, d], { seed }),
      k: attn.random.normal([state.lk, d], { seed: seed + 1 }),
      v: attn.random.normal([state.lk, d], { seed: seed + 2 }),
    };
  }

  function update() {
    const { lq, lk } = state;
    const { q, k, v } = tensors;
    const maskTensor = { shape: [lq, lk], data: Float32Array.from(mask) };
    const { weights } = attn.scaledDotProductAttention(q, k, v, { mask: maskTensor });
    const scores = attn.scores.scaledDot(q, k).data.map((s, index) => (mask[index] ? s : -Infinity));
    const rowLabels = Array.from({ length: lq }, (_, i) => `q${i}`);
    const colLabels = Array.from({ length: lk }, (_, j) => `k${j}`);
    scoresView.replaceChildren(renderHeatmap({ shape: [lq, lk], data: scores, rowLabels, colLabels, title: text('scoresTitle'), diverging: true }, context));
    weightsView.replaceChildren(renderHeatmap({ shape: [lq, lk], data: weights.data, rowLabels, colLabels, title: text('weightsTitle') }, context));

    const full = [];
    for (let i = 0; i < lq; i += 1) if (!mask.subarray(i * lk, (i + 1) * lk).some(Boolean)) full.push(i);
    renderFullRows(full, scores, weights.data);
    summary.textContent = pick(lang, T.summary)(mask.reduce((a, b) => a + b, 0), lq * lk, full.map((i) => `q${i}`));
    codeBlock.textContent = maskCode({ lq, lk, d, seed, mask, causal: attn.masks.causal(lq, lk).data });
    copyNote.textContent = '';
  }

  function renderFullRows(full, scores, weights) {
    if (!full.length) { fullRows.replaceChildren(h('p', { class: 'note' }, text('noFullRows'))); return; }
    const { lk } = state;
    const header = h('tr', {}, h('th', { scope: 'col' }, ''), ...Array.from({ length: lk }, (_, j) => h('th', { scope: 'col' }, `k${j}`)));
    const rows = full.flatMap((i) => {
      const plain = plainSoftmax(Array.from(scores.slice(i * lk, (i + 1) * lk)));
      const core = Array.from(weights.slice(i * lk, (i + 1) * lk));
      return [
        h('tr', { 'data-row': i, 'data-source': 'core' }, h('th', { scope: 'row' }, `q${i} · ${text('coreRow')}`), ...core.map((w) => h('td', {}, String(w)))),
        h('tr', { 'data-row': i, 'data-source': 'plain' }, h('th', { scope: 'row' }, `q${i} · ${text('plainRow')}`),
          ...plain.map((w) => h('td', { class: Number.isNaN(w) ? 'bad' : null }, String(w)))),
      ];
    });
    fullRows.replaceChildren(h('p', { class: 'note' }, text('fullRows')), h('div', { class: 'table-wrap', tabindex: '0' },
      h('table', { class: 'numbers', 'aria-label': text('fullRows') }, h('thead', {}, header), h('tbody', {}, rows))));
  }

  async function copyCode() {
    try {
      await navigator.clipboard.writeText(codeBlock.textContent);
      copyNote.textContent = text('copied');
    } catch {
      copyNote.textContent = text('copyFailed');
      codeDetails.open = true;
      getSelection()?.selectAllChildren(codeBlock);
    }
  }

  const codeDetails = h('details', { class: 'code-details' }, h('summary', {}, text('code')), codeBlock);
  container.append(
    h('p', { class: 'lab-intro' }, text('intro')),
    h('div', { class: 'controls' },
      h('label', { class: 'inline' }, text('queries'), lqInput),
      h('label', { class: 'inline' }, text('keys'), lkInput)),
    h('div', { class: 'controls' },
      h('fieldset', {}, h('legend', {}, text('presets')),
        presetButton(text('causal'), 'causal'),
        presetButton(text('causalShort'), 'causal', () => { if (!(state.lq < state.lk)) resize(Math.min(state.lq, MAX_LENGTH - 3), Math.min(state.lq, MAX_LENGTH - 3) + 3); }),
        presetButton(text('all'), 'all'),
        presetButton(text('none'), 'none')),
      h('fieldset', {}, h('legend', {}, text('padding')),
        h('label', { class: 'inline' }, text('validLength'), validInput), presetButton(text('padding'), 'padding')),
      h('fieldset', {}, h('legend', {}, text('window')),
        h('label', { class: 'inline' }, text('windowSize'), windowInput), presetButton(text('window'), 'window'))),
    grid.element,
    summary,
    h('div', { class: 'views' }, scoresView, weightsView),
    fullRows,
    h('div', { class: 'controls' }, h('button', { type: 'button', class: 'copy-code', onclick: copyCode }, text('copy')), copyNote),
    codeDetails,
  );

  makeTensors();
  applyPreset(config.preset);
  return { destroy() {} };
}
