// Lab "complexity": the speed explorer. Times attention in the learner's own browser as n grows — plain
// JavaScript, the scalar wasm build, the SIMD build naive and tiled, and the worker pool — and draws time,
// memory and GFLOP/s on log–log plots with the fitted slopes (time ∝ n², naive memory ∝ n², tiled ∝ n). The
// measuring runs in a module worker (bench-worker.js) with progress and Stop; a table gives every number (the
// text alternative of the plots), and "Copy results" copies it with a description of the machine.
import { OriginSafeWorker } from '../../../../js/module-worker.js';
import { formatNumber, h, pick, viewContext } from '../lab-kit.js';
import { renderPlot } from '../../live/views/plot-view.js';
import { asymptoticSlope } from './fit.js';

export { OPTIONS as options } from './options.js';

/** The lab's heading. */
export const title = { zh: '复杂度与速度探索器', en: 'Complexity and speed explorer' };

const ENGINES = ['js', 'scalar', 'naive', 'tiled', 'pool'];
const ENGINE_NAMES = {
  js: { zh: '纯 JavaScript', en: 'plain JavaScript' },
  scalar: { zh: 'wasm 标量', en: 'wasm scalar' },
  naive: { zh: 'SIMD 朴素', en: 'SIMD naive' },
  tiled: { zh: 'SIMD 分块', en: 'SIMD tiled' },
  pool: { zh: '工作线程池（分块）', en: 'worker pool (tiled)' },
};

const T = {
  intro: {
    zh: '在你自己的浏览器里测量注意力的开销：每个引擎在 n 不断翻倍时各算若干次（先预热一次，取中位数）。在对数–对数图上，斜率就是增长的指数：时间趋近 2（n²）；朴素实现的额外内存（n × n 分数矩阵）也趋近 2，分块实现的额外内存只有几个分块，不随 n 增长（斜率趋近 0）。输入和输出每个引擎都需要，随 n 线性增长，不计入额外内存。',
    en: 'Measure what attention costs in your own browser: each engine runs a few times at each n as n doubles (one warm-up call, then the median). On a log–log plot the slope is the exponent of the growth: time tends to 2 (n²); the naive version\'s extra memory (its n × n score matrix) tends to 2 as well, while tiled attention\'s extra memory is a few tiles that do not grow with n (slope towards 0). Inputs and output, which every engine needs and which grow like n, are not counted as extra.',
  },
  engines: { zh: '引擎', en: 'Engines' },
  largest: { zh: '最大 n', en: 'Largest n' },
  run: { zh: '开始测量', en: 'Run' },
  stop: { zh: '停止', en: 'Stop' },
  copy: { zh: '复制结果', en: 'Copy results' },
  progress: { zh: '测量进度', en: 'Measurement progress' },
  idle: { zh: '尚未测量。点击“开始测量”。', en: 'Nothing measured yet. Press Run.' },
  starting: { zh: '正在启动测量线程…', en: 'Starting the measuring worker…' },
  measuring: { zh: (engine, n, done, total) => `正在测量 ${engine}，n = ${n}（${done}/${total}）`, en: (engine, n, done, total) => `Measuring ${engine} at n = ${n} (${done} of ${total})` },
  done: { zh: (seconds) => `测量完成，用时 ${seconds} 秒。`, en: (seconds) => `Done in ${seconds} s.` },
  stopped: { zh: '已停止。已测得的数字保留在下面。', en: 'Stopped. The numbers measured so far stay below.' },
  failed: { zh: '测量失败：', en: 'The measurement failed: ' },
  noEngine: { zh: '请至少选择一个引擎。', en: 'Choose at least one engine.' },
  copied: { zh: '结果已复制到剪贴板。', en: 'Results copied to the clipboard.' },
  copyFailed: { zh: '无法访问剪贴板；请从下面选择并复制。', en: 'The clipboard is not available; select and copy the text below.' },
  timeTitle: { zh: '每次调用的时间（对数–对数）', en: 'Time per call (log–log)' },
  memoryTitle: { zh: '每次调用的额外（临时）内存（对数–对数）', en: 'Extra (scratch) memory per call (log–log)' },
  gflopsTitle: { zh: 'GFLOP/s = 4·h·n²·d / 时间', en: 'GFLOP/s = 4·h·n²·d / time' },
  axisN: { zh: 'n（对数刻度）', en: 'n (log scale)' },
  axisMs: { zh: '毫秒（对数刻度）', en: 'ms (log scale)' },
  axisBytes: { zh: '字节（对数刻度）', en: 'bytes (log scale)' },
  gflops: { zh: 'GFLOP/s', en: 'GFLOP/s' },
  slopes: { zh: '拟合斜率（最大的三个 n）', en: 'Fitted slopes (largest three n)' },
  timeSlope: { zh: '时间', en: 'time' },
  memorySlope: { zh: '内存', en: 'memory' },
  tableCaption: {
    zh: (heads, width) => `全部数字（${heads} 个头，d = ${width}）：每次调用的时间、吞吐量和额外内存（线程池的内存在各工作线程里，未测）。“太慢”表示上一个 n 已超过 1.5 秒，跳过。`,
    en: (heads, width) => `Every number (${heads} heads, d = ${width}): time, throughput and extra memory per call (the pool's memory is inside its workers, not measured). "too slow": the previous n took over 1.5 s, so it was skipped.`,
  },
  tooSlow: { zh: '太慢', en: 'too slow' },
  agreement: {
    zh: (diff) => `在最小的 n 上，各引擎输出之间的最大差值为 ${diff}：它们算的是同一件事。`,
    en: (diff) => `At the smallest n the engines' outputs differ by at most ${diff}: they compute the same thing.`,
  },
  environment: {
    zh: (workers, isolated) => `线程池：${workers} 个工作线程，各有自己的 WebAssembly 实例；跨源隔离：${isolated ? '是' : '否'}（不需要 SharedArrayBuffer）。`,
    en: (workers, isolated) => `Worker pool: ${workers} workers, each with its own WebAssembly instance; cross-origin isolated: ${isolated ? 'yes' : 'no'} (no SharedArrayBuffer needed).`,
  },
};

const MiB = 2 ** 20;

const formatMs = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

/** 512 B, 64 KiB, 1.5 MiB. */
function formatBytes(bytes) {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < MiB) return `${formatNumber(bytes / 1024, 3)} KiB`;
  return `${formatNumber(bytes / MiB, 3)} MiB`;
}

/** Whole exponents covering [lo, hi], at most about 6 of them (a tick per power of the plot's base). */
function exponentTicks(lo, hi) {
  const first = Math.floor(lo);
  const last = Math.max(Math.ceil(hi), first + 1);
  const step = Math.max(1, Math.ceil((last - first) / 6));
  const ticks = [];
  for (let t = first; t < last + step; t += step) ticks.push(t);
  return ticks;
}

/** Mounts the lab; `config` holds the checked options of ./options.js (maxN, minN, heads, d). */
export async function mount(container, { config, lang, labId, host }) {
  const text = (key) => pick(lang, T[key]);
  const engineName = (engine) => pick(lang, ENGINE_NAMES[engine]);
  const { heads, d: width, minN } = config;
  const state = { results: {}, skipped: {}, agreement: null, environment: null, running: false, worker: null, started: 0 };

  const checkboxes = Object.fromEntries(ENGINES.map((engine) => [engine, h('input', { type: 'checkbox', name: 'engine', value: engine, checked: true })]));
  const engineField = h('fieldset', {}, h('legend', {}, text('engines')),
    ...ENGINES.map((engine) => h('label', { class: 'inline' }, checkboxes[engine], engineName(engine))));
  const sizeSelect = h('select', { id: `${labId}-largest`, name: 'largest' },
    ...[256, 512, 1024, 2048, 4096].filter((n) => n > minN).map((n) => h('option', { value: n }, String(n))));
  sizeSelect.value = String(config.maxN);
  const runButton = h('button', { type: 'button', class: 'run-button', onclick: () => start() }, text('run'));
  const stopButton = h('button', { type: 'button', class: 'stop-button', disabled: true, onclick: () => stop() }, text('stop'));
  const copyButton = h('button', { type: 'button', class: 'copy-button', disabled: true, onclick: () => copyResults() }, text('copy'));
  const progress = h('progress', { max: 1, value: 0, 'aria-label': text('progress') });
  const status = h('p', { class: 'summary lab-progress', role: 'status' }, text('idle'));
  const slopes = h('div', { class: 'slopes' });
  const views = h('div', { class: 'views', style: 'flex-direction: column; align-items: stretch' });
  const tableWrap = h('div', { class: 'table-wrap' });
  const notes = h('div', { class: 'notes' });
  const copyFallback = h('pre', { class: 'code', hidden: true, tabindex: '0' });
  container.append(
    h('p', { class: 'lab-intro' }, text('intro')),
    h('div', { class: 'controls' }, engineField,
      h('label', { class: 'inline', for: sizeSelect.id }, text('largest'), sizeSelect),
      runButton, stopButton, copyButton),
    h('div', { class: 'controls' }, progress, status),
    slopes, views, tableWrap, notes, copyFallback,
  );
  const context = viewContext({ lang, host, fileBase: labId, container });

  const sizes = () => {
    const list = [];
    for (let n = minN; n <= Number(sizeSelect.value); n *= 2) list.push(n);
    return list;
  };
  const chosenEngines = () => ENGINES.filter((engine) => checkboxes[engine].checked);
  const measuredEngines = () => ENGINES.filter((engine) => state.results[engine] && Object.keys(state.results[engine]).length);
  const points = (engine, field) => Object.entries(state.results[engine] ?? {}).map(([n, r]) => [Number(n), r[field]]).filter(([, y]) => y !== null);

  function setRunning(running) {
    state.running = running;
    runButton.disabled = running;
    stopButton.disabled = !running;
    for (const input of [...Object.values(checkboxes), sizeSelect]) input.disabled = running;
    copyButton.disabled = running || measuredEngines().length === 0;
  }

  function start() {
    const engines = chosenEngines();
    if (engines.length === 0) { status.textContent = text('noEngine'); return; }
    stop({ silent: true });
    Object.assign(state, { results: {}, skipped: {}, agreement: null, environment: null, started: performance.now() });
    copyFallback.hidden = true;
    render();
    setRunning(true);
    progress.value = 0;
    status.textContent = text('starting');
    const Worker = OriginSafeWorker; // works when the embed bundle is on another origin (js/module-worker.js)
    const worker = new Worker(new URL('./bench-worker.js', import.meta.url), { type: 'module' });
    state.worker = worker;
    worker.addEventListener('message', ({ data }) => onMessage(data));
    worker.addEventListener('error', (event) => finish(`${text('failed')}${event.message ?? ''}`));
    worker.postMessage({ type: 'run', engines, sizes: sizes(), heads, width });
    container.dispatchEvent(new CustomEvent('complexity-run-start', { bubbles: true, composed: true }));
  }

  function onMessage(data) {
    switch (data.type) {
      case 'started':
        state.environment = { workers: data.workers, crossOriginIsolated: data.crossOriginIsolated };
        break;
      case 'progress':
        progress.value = data.done / data.total;
        if (data.engine) status.textContent = pick(lang, T.measuring)(engineName(data.engine), data.n, data.done + 1, data.total);
        break;
      case 'result':
        (state.results[data.engine] ??= {})[data.n] = data;
        render();
        break;
      case 'skipped':
        (state.skipped[data.engine] ??= new Set()).add(data.n);
        render();
        break;
      case 'agreement':
        state.agreement = data.maxDifference;
        render();
        break;
      case 'done':
        finish(pick(lang, T.done)(((performance.now() - state.started) / 1000).toFixed(1)), 'done');
        break;
      case 'error':
        finish(`${text('failed')}${data.message}`, 'error');
        break;
      default:
    }
  }

  function finish(message, outcome = 'error') {
    state.worker?.terminate();
    state.worker = null;
    status.textContent = message;
    setRunning(false);
    container.dispatchEvent(new CustomEvent('complexity-run-end', { bubbles: true, composed: true, detail: { outcome } }));
  }

  function stop({ silent = false } = {}) {
    if (!state.worker) return;
    if (silent) {
      state.worker.terminate();
      state.worker = null;
      return;
    }
    finish(text('stopped'), 'stopped');
  }

  function render() {
    const engines = measuredEngines();
    const ns = [...new Set(engines.flatMap((engine) => Object.keys(state.results[engine]).map(Number)))].sort((a, b) => a - b);
    // Slopes of the log–log lines.
    slopes.replaceChildren();
    if (engines.length) {
      const items = engines.map((engine) => {
        const timeSlope = asymptoticSlope(points(engine, 'ms'));
        const memorySlope = asymptoticSlope(points(engine, 'bytes'));
        const parts = [`${text('timeSlope')} ${timeSlope === null ? '—' : timeSlope.toFixed(2)}`];
        if (memorySlope !== null) parts.push(`${text('memorySlope')} ${memorySlope.toFixed(2)}`);
        return h('li', { 'data-engine': engine }, `${engineName(engine)}: ${parts.join(', ')}`);
      });
      slopes.append(h('p', { class: 'summary' }, text('slopes')), h('ul', { class: 'slope-list' }, ...items));
    }
    // Plots (drawn from the same numbers as the table below).
    views.replaceChildren();
    if (ns.length) {
      // Log–log plots drawn from log₂ n and log₁₀ ms (or log₂ bytes), with ticks that read as n, ms and bytes.
      const x = ns.map((n) => Math.log2(n));
      const xAxis = { xTicks: exponentTicks(Math.min(...x), Math.max(...x)), formatX: (v) => String(Math.round(2 ** v)), xLabel: text('axisN') };
      const series = (field, transform, filter = () => true) => engines.filter(filter).map((engine) => ({
        name: engineName(engine),
        values: ns.map((n) => {
          const value = state.results[engine][n]?.[field];
          return value === undefined || value === null ? null : transform(value);
        }),
      }));
      const plot = (seriesList, titleKey, axes) => (seriesList.length ? renderPlot({ kind: 'plot', series: seriesList, x, title: text(titleKey), ...xAxis, ...axes }, context) : null);
      const logAxis = (seriesList, base, format, label) => {
        const values = seriesList.flatMap((item) => item.values).filter((v) => v !== null);
        return { yTicks: exponentTicks(Math.min(...values), Math.max(...values)), formatY: (v) => format(base ** v), yLabel: label };
      };
      const time = series('ms', Math.log10);
      const memory = series('bytes', Math.log2, (engine) => points(engine, 'bytes').length > 0);
      const figures = [
        plot(time, 'timeTitle', logAxis(time, 10, (ms) => formatNumber(ms, 3), text('axisMs'))),
        memory.length ? plot(memory, 'memoryTitle', logAxis(memory, 2, formatBytes, text('axisBytes'))) : null,
        plot(series('gflops', (g) => g), 'gflopsTitle', { yLabel: text('gflops') }),
      ].filter(Boolean);
      views.append(...figures);
    }
    // The table: every number, the text alternative of the plots.
    tableWrap.replaceChildren();
    if (ns.length) {
      const header = h('tr', {}, h('th', { scope: 'col' }, 'n'), ...engines.map((engine) => h('th', { scope: 'col' }, engineName(engine))));
      const rows = ns.map((n) => h('tr', {}, h('th', { scope: 'row' }, String(n)), ...engines.map((engine) => {
        const r = state.results[engine][n];
        if (!r) return h('td', { class: 'masked' }, state.skipped[engine]?.has(n) ? text('tooSlow') : '—');
        // ms, GFLOP/s and memory on three lines keep the columns narrow enough for a phone.
        return h('td', {}, `${formatMs(r.ms)} ms`, h('br'), `${r.gflops.toFixed(1)} GFLOP/s`, h('br'), r.bytes === null ? '—' : formatBytes(r.bytes));
      })));
      tableWrap.append(h('p', { class: 'note', id: `${labId}-table-caption` }, pick(lang, T.tableCaption)(heads, width)),
        h('table', { class: 'numbers results', 'aria-describedby': `${labId}-table-caption` }, h('thead', {}, header), h('tbody', {}, ...rows)));
    }
    notes.replaceChildren();
    if (state.agreement !== null) notes.append(h('p', { class: 'note agreement' }, pick(lang, T.agreement)(state.agreement.toExponential(1))));
    if (state.environment?.workers) notes.append(h('p', { class: 'note environment' }, pick(lang, T.environment)(state.environment.workers, state.environment.crossOriginIsolated)));
  }

  const formatCell = (r) => `${formatMs(r.ms)} / ${r.gflops.toFixed(1)} / ${r.bytes === null ? '—' : (r.bytes / MiB).toFixed(r.bytes < 10 * MiB ? 2 : 1)}`;

  /** The results as tab-separated text (pastes into a spreadsheet), with the machine they were measured on. */
  function resultsText() {
    const engines = measuredEngines();
    const ns = [...new Set(engines.flatMap((engine) => Object.keys(state.results[engine]).map(Number)))].sort((a, b) => a - b);
    const lines = [
      `# Attention Workshop speed explorer: ${heads} heads, d = ${width}; ms / GFLOP/s / extra (scratch) MiB per call`,
      `# ${navigator.userAgent}; ${navigator.hardwareConcurrency} logical cores; pool workers: ${state.environment?.workers ?? '—'}`,
      ['n', ...engines].join('\t'),
      ...ns.map((n) => [n, ...engines.map((engine) => (state.results[engine][n] ? formatCell(state.results[engine][n]) : '—'))].join('\t')),
      ['slope (time)', ...engines.map((engine) => asymptoticSlope(points(engine, 'ms'))?.toFixed(2) ?? '—')].join('\t'),
      ['slope (memory)', ...engines.map((engine) => asymptoticSlope(points(engine, 'bytes'))?.toFixed(2) ?? '—')].join('\t'),
    ];
    return `${lines.join('\n')}\n`;
  }

  async function copyResults() {
    const content = resultsText();
    try {
      await navigator.clipboard.writeText(content);
      status.textContent = text('copied');
      copyFallback.hidden = true;
    } catch {
      status.textContent = text('copyFailed');
      copyFallback.textContent = content;
      copyFallback.hidden = false;
    }
  }

  return { destroy: () => stop({ silent: true }) };
}
