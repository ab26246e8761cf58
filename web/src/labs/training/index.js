// Lab "training": train the core's tiny Transformer on a toy task in a worker and watch its attention form.
// Train / Pause / Step / Reset; loss and accuracy curves; every layer's and head's attention map (heatmap and token
// lines) of one example, updated while it trains; type your own prompt to see the model's answer and its maps;
// save the trained weights to a file and load them again (or share the file).
import { OriginSafeWorker } from '../../../../js/module-worker.js';
import { createToyTask } from 'attention-workshop';
import { renderHeatmap } from '../../live/views/heatmap-view.js';
import { createHeadPicker } from '../../live/views/head-picker.js';
import { renderPlot } from '../../live/views/plot-view.js';
import { renderTokens } from '../../live/views/tokens-view.js';
import { formatNumber, h, pick, viewContext } from '../lab-kit.js';
import { MODEL_SIZES, OPTIONS } from './options.js';
import { decodeModelFile, encodeModelFile } from './model-file.js';

export { OPTIONS as options } from './options.js';

/** The lab's heading. */
export const title = { zh: '训练实验：看注意力学会', en: 'Training lab: watch attention learn' };

const T = {
  intro: {
    zh: '一个很小的 Transformer（仅解码器、因果）在浏览器里从随机权重开始学习一个玩具任务。训练在后台线程中分片进行，页面保持流畅。',
    en: 'A tiny Transformer (decoder-only, causal) learns a toy task in your browser, starting from random weights. Training runs in a background thread in short slices, so the page stays responsive.',
  },
  task: { zh: '任务', en: 'Task' },
  size: { zh: '模型大小', en: 'Model size' },
  sizes: {
    small: { zh: '小', en: 'small' }, default: { zh: '默认', en: 'default' }, large: { zh: '大', en: 'large' },
  },
  sizeDetail: {
    zh: (c, n) => `d_model ${c.dModel}，${c.numHeads} 个头，${c.numLayers} 层，${n} 个参数`,
    en: (c, n) => `d_model ${c.dModel}, ${c.numHeads} heads, ${c.numLayers} layers, ${n} parameters`,
  },
  train: { zh: '训练', en: 'Train' },
  pause: { zh: '暂停', en: 'Pause' },
  trainingNow: { zh: '正在训练…', en: 'Training…' },
  step: { zh: '单步', en: 'Step' },
  reset: { zh: '重置', en: 'Reset' },
  save: { zh: '保存模型', en: 'Save model' },
  load: { zh: '加载模型…', en: 'Load model…' },
  loading: { zh: '正在加载核心…', en: 'Loading the core…' },
  status: {
    zh: (step, loss, acc, rate) => `第 ${step} 步 · 损失 ${loss} · 准确率 ${acc}${rate ? ` · 每秒 ${rate} 步` : ''}`,
    en: (step, loss, acc, rate) => `Step ${step} · loss ${loss} · accuracy ${acc}${rate ? ` · ${rate} steps/s` : ''}`,
  },
  heldOut: {
    zh: (acc, step) => `留出的 256 个样例（与训练批次分开抽取；小任务如翻译只有 72 个句子，可能与训练中见过的相同）：准确率 ${acc}（第 ${step} 步）`,
    en: (acc, step) => `256 held-out examples (drawn apart from the training batches; a small task such as translate, with 72 sentences, repeats ones seen in training): accuracy ${acc} (step ${step})`,
  },
  notTrained: { zh: '尚未训练：权重是随机的。', en: 'Not trained yet: the weights are random.' },
  loadedAt: { zh: (n) => `已加载训练了 ${n} 步的权重（曲线从这里重新开始）。`, en: (n) => `Weights trained for ${n} steps were loaded (the curves start again from here).` },
  finished: { zh: (n) => `已达到 ${n} 步的上限。`, en: (n) => `Reached the limit of ${n} steps.` },
  progress: { zh: '训练进度', en: 'Training progress' },
  lossTitle: { zh: '损失（交叉熵）', en: 'Loss (cross-entropy)' },
  accTitle: { zh: '答案词元准确率（%）', en: 'Answer-token accuracy (%)' },
  stepAxis: { zh: '步', en: 'step' },
  lossSeries: { zh: '损失', en: 'loss' },
  accSeries: { zh: '准确率', en: 'accuracy' },
  curvesNote: {
    zh: (s, l, a) => `曲线：第 ${s} 步时损失 ${l}，准确率 ${a}。每步都在新抽取的 32 个样例上计算（更新之前），所以它就是在未见过的数据上的成绩。`,
    en: (s, l, a) => `Curves: at step ${s} the loss is ${l} and the accuracy ${a}. Each step is measured on 32 freshly drawn examples before the update, so it is the score on unseen data.`,
  },
  mapsTitle: { zh: '注意力图', en: 'Attention maps' },
  layer: { zh: '层', en: 'Layer' },
  expected: { zh: '预期图案：', en: 'Pattern to expect: ' },
  heatTitle: { zh: (l, hd) => `第 ${l} 层 · 头 ${hd}`, en: (l, hd) => `Layer ${l} · head ${hd}` },
  example: { zh: (p, a) => `示例：${p} → ${a}（行是查询位置，列是键位置）`, en: (p, a) => `Example: ${p} → ${a} (rows are query positions, columns key positions)` },
  strongest: {
    zh: (pairs, hits, n) => `每个答案位置最关注的键：${pairs}。其中 ${hits}/${n} 与预期对齐一致。`,
    en: (pairs, hits, n) => `Key each answer position attends to most: ${pairs}. ${hits} of ${n} match the expected alignment.`,
  },
  bestHead: {
    zh: (l, hd, hits, n) => `最符合预期的头：第 ${l} 层头 ${hd}（${hits}/${n}）。`,
    en: (l, hd, hits, n) => `Head closest to the expected pattern: layer ${l}, head ${hd} (${hits}/${n}).`,
  },
  showHead: { zh: '显示这个头', en: 'Show this head' },
  tryTitle: { zh: '试试你自己的输入', en: 'Try your own input' },
  tryLabel: { zh: '输入', en: 'Input' },
  predict: { zh: '预测', en: 'Predict' },
  prediction: {
    zh: (p, a, e, ok) => `${p} → 模型：${a}；正确答案：${e}。${ok ? '✓ 正确' : '✗ 不对'}`,
    en: (p, a, e, ok) => `${p} → model: ${a}; right answer: ${e}. ${ok ? '✓ correct' : '✗ wrong'}`,
  },
  yours: { zh: '注意力图现在显示你的输入（配上正确答案）。', en: 'The maps now show your input (with the right answer).' },
  saved: { zh: (name) => `已下载 ${name}。把文件发给别人，用“加载模型…”打开。`, en: (name) => `Downloaded ${name}. Send the file to someone; “Load model…” opens it.` },
  loaded: { zh: (t, s) => `已加载：${t}，第 ${s} 步。`, en: (t, s) => `Loaded: ${t}, step ${s}.` },
  error: { zh: '出错了：', en: 'Something went wrong: ' },
};

const MAX_PLOT_POINTS = 300;
// While training, maps and status are redrawn at most twice a second and the curves about once a second: each
// redraw costs the page a style, layout and paint pass, and the point is to watch, not to animate.
const RENDER_INTERVAL_MS = 700;
const CURVE_INTERVAL_MS = 1400;
const PREDICT_INTERVAL_MS = 1000;
const RATE_WINDOW_MS = 2000; // a typed prompt is re-answered at most once a second while training

/** Every `stride`-th point of a long curve (and the last), so a plot stays a few hundred points. */
function thin(points) {
  const stride = Math.max(1, Math.ceil(points.length / MAX_PLOT_POINTS));
  const kept = points.filter((_, i) => i % stride === 0);
  if (points.length && kept[kept.length - 1] !== points[points.length - 1]) kept.push(points[points.length - 1]);
  return kept;
}

const subscript = (n) => String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[d]);

const percent = (x) => `${(100 * x).toFixed(1)} %`;

/** The [L, L] map of one layer and head from attention [layers, 1, heads, L, L]. */
function headMap(attention, layer, head) {
  const [, , heads, L] = attention.shape;
  const start = ((layer * heads) + head) * L * L;
  return attention.data.slice(start, start + L * L);
}

/** For answer positions promptLength−1 …, the key with the largest weight in a map [L, L]. */
function strongestKeys(map, L, task) {
  return Array.from({ length: task.answerLength }, (_, i) => {
    const row = task.promptLength - 1 + i;
    let best = 0;
    for (let k = 1; k < L; k += 1) if (map[row * L + k] > map[row * L + best]) best = k;
    return { row, key: best };
  });
}

/** Mounts the lab; `config` holds the checked options of ./options.js. */
export function mount(container, { config, lang, labId, host }) {
  const t = (key, ...args) => {
    const entry = pick(lang, T[key]);
    return typeof entry === 'function' ? entry(...args) : entry;
  };
  const context = viewContext({ lang, host, fileBase: `${labId}-attention`, container });
  // The views ask for the width available on every redraw; reading container.clientWidth right after replacing
  // SVGs would force a layout of the whole chapter several times a second while training. A ResizeObserver keeps
  // the width instead (measured measures: a curve redraw went from up to ≈ 360 ms to a few ms on a busy machine).
  let availableWidth = container.clientWidth || 640;
  const resizeObserver = new ResizeObserver(([entry]) => { availableWidth = entry.contentRect.width; });
  resizeObserver.observe(container);
  context.availableWidth = () => Math.max(0, availableWidth - 8);
  // Layout and paint containment: what changes inside the lab while it trains is laid out and painted on its own,
  // not with the whole chapter around it.
  container.style.contain = 'layout paint';
  // Off screen, nothing is redrawn (training goes on); coming back draws the latest state at once.
  let onScreen = true;
  const screenWatch = new IntersectionObserver((entries) => {
    onScreen = entries.some((entry) => entry.isIntersecting);
    if (onScreen) scheduleRender();
  });
  screenWatch.observe(container);
  const Worker = OriginSafeWorker; // works when the embed bundle is on another origin (js/module-worker.js)
  const worker = new Worker(new URL('./training-worker.js', import.meta.url), { type: 'module', name: 'training-lab' });

  let task = createToyTask(config.task);
  let size = config.size;
  let info = null;
  let running = false;
  let latest = null;         // the last progress message
  let curve = [];            // { step, loss, accuracy } since the last reset
  let layer = 0;
  let head = 0;
  let userPrompt = null;     // text of the last prompt the learner typed and predicted
  let lastPredict = 0;
  let renderTimer = null;
  let lastCurveRender = 0;
  let rateMarks = [];       // { step, time } of the progress messages of the last RATE_WINDOW_MS, for steps/s
  const destroyed = { value: false };

  // --- controls ---------------------------------------------------------------------------------------------
  const taskSelect = h('select', { name: 'task', 'aria-label': t('task') },
    ...OPTIONS.task.oneOf.map((name) => h('option', { value: name, selected: name === config.task }, pick(lang, createToyTask(name).title))));
  const sizeSelect = h('select', { name: 'size', 'aria-label': t('size') },
    ...Object.keys(MODEL_SIZES).map((name) => h('option', { value: name, selected: name === size }, pick(lang, T.sizes[name]))));
  const trainButton = h('button', { type: 'button', class: 'primary', 'data-action': 'train', 'aria-pressed': 'false' }, t('train'));
  const stepButton = h('button', { type: 'button', 'data-action': 'step' }, t('step'));
  const resetButton = h('button', { type: 'button', 'data-action': 'reset' }, t('reset'));
  const saveButton = h('button', { type: 'button', 'data-action': 'save' }, t('save'));
  const fileInput = h('input', { type: 'file', accept: '.json,application/json', hidden: true });
  const loadButton = h('button', { type: 'button', 'data-action': 'load' }, t('load'));
  // The step line changes several times a second while training: it is not a live region (a screen reader would
  // read it without pause); `announce` says when training starts, pauses or stops, with the figures then.
  const status = h('p', { class: 'summary training-status' }, t('loading'));
  const heldOutNote = h('p', { class: 'note held-out' });
  const announce = h('p', { class: 'visually-hidden', role: 'status' });
  const progress = h('progress', { max: config.maxSteps, value: 0, 'aria-label': t('progress') });
  const sizeNote = h('p', { class: 'note' });
  const message = h('p', { class: 'note training-message', role: 'alert' });
  const taskNote = h('p', { class: 'note task-description' });

  const curves = h('div', { class: 'views training-curves' });
  const curvesNote = h('p', { class: 'note curves-note' });
  const layerSelect = h('select', { name: 'layer', 'aria-label': t('layer') });
  const pickerSlot = h('span', { class: 'picker-slot' });
  const patternNote = h('p', { class: 'note expected-pattern' });
  const exampleNote = h('p', { class: 'note example-note' });
  const strongestNote = h('p', { class: 'summary strongest-keys' });
  const bestHeadNote = h('p', { class: 'note best-head' });
  const maps = h('div', { class: 'views training-maps' });
  const promptInput = h('input', { type: 'text', name: 'prompt', autocomplete: 'off', spellcheck: 'false', size: 28 });
  const predictButton = h('button', { type: 'submit', 'data-action': 'predict' }, t('predict'));
  const predictionOut = h('p', { class: 'summary prediction', 'aria-live': 'polite' });

  container.append(
    h('p', { class: 'lab-intro' }, t('intro')),
    h('div', { class: 'controls' },
      h('label', { class: 'inline' }, t('task'), taskSelect),
      h('label', { class: 'inline' }, t('size'), sizeSelect)),
    taskNote,
    sizeNote,
    h('div', { class: 'controls', role: 'group', 'aria-label': t('train') }, trainButton, stepButton, resetButton, saveButton, loadButton, fileInput),
    h('div', { class: 'controls' }, progress, status),
    heldOutNote,
    announce,
    message,
    curves, curvesNote,
    h('h4', { class: 'lab-subtitle' }, t('mapsTitle')),
    patternNote,
    h('div', { class: 'controls' }, h('label', { class: 'inline' }, t('layer'), layerSelect), pickerSlot),
    exampleNote,
    maps,
    strongestNote,
    bestHeadNote,
    h('h4', { class: 'lab-subtitle' }, t('tryTitle')),
    h('form', { class: 'controls try-form', onsubmit: (event) => { event.preventDefault(); predict(); } },
      h('label', { class: 'inline' }, t('tryLabel'), promptInput), predictButton),
    predictionOut,
  );

  function describeTask() {
    taskNote.textContent = `${pick(lang, task.description)}`;
    patternNote.textContent = `${t('expected')}${pick(lang, task.expectedPattern)}`;
    promptInput.placeholder = pick(lang, task.inputHint);
    promptInput.setAttribute('aria-description', pick(lang, task.inputHint));
  }

  function setRunning(value) {
    if (value !== running) announce.textContent = value ? t('trainingNow') : status.textContent;
    running = value;
    trainButton.textContent = value ? t('pause') : t('train');
    trainButton.setAttribute('aria-pressed', String(value));
    container.dataset.training = value ? 'running' : 'idle';
  }

  function reset() {
    setRunning(false);
    task = createToyTask(taskSelect.value);
    size = sizeSelect.value;
    curve = [];
    latest = null;
    rateMarks = [];
    layer = 0;
    head = 0;
    userPrompt = null;
    predictionOut.textContent = '';
    message.textContent = '';
    heldOutNote.textContent = '';
    curves.replaceChildren();
    curvesNote.textContent = '';
    describeTask();
    worker.postMessage({ type: 'reset', task: task.name, size, seed: config.seed });
  }

  // --- rendering ---------------------------------------------------------------------------------------------
  function buildLayerPicker() {
    const { numLayers, numHeads } = info.config;
    layerSelect.replaceChildren(...Array.from({ length: numLayers }, (_, i) => h('option', { value: i }, String(i + 1))));
    layerSelect.value = String(layer);
    const picker = createHeadPicker(Array.from({ length: numHeads }, (_, i) => String(i + 1)), (index) => {
      head = index;
      renderMaps(true);
    }, context.labels);
    pickerSlot.replaceChildren(picker);
  }

  function renderStatus() {
    if (!latest) return;
    const last = curve[curve.length - 1];
    // Steps per second over the last second or two of training (none when paused or just started).
    const [first, newest] = [rateMarks[0], rateMarks[rateMarks.length - 1]];
    const rate = running && first && newest.time - first.time >= 500 ? (newest.step - first.step) / ((newest.time - first.time) / 1000) : null;
    progress.value = Math.min(latest.step, config.maxSteps);
    progress.setAttribute('aria-valuetext', `${latest.step} / ${config.maxSteps}`);
    status.textContent = last
      ? t('status', latest.step, formatNumber(last.loss, 3), percent(last.accuracy), rate ? Math.round(rate) : null)
      : latest.step > 0 ? t('loadedAt', latest.step) : t('notTrained');
  }

  function renderCurves() {
    lastCurveRender = performance.now();
    if (!curve.length) return;
    const points = thin(curve);
    const x = points.map((p) => p.step);
    curves.replaceChildren(
      renderPlot({ title: t('lossTitle'), x, xLabel: t('stepAxis'), series: [{ name: t('lossSeries'), values: points.map((p) => p.loss) }] }, context),
      renderPlot({ title: t('accTitle'), x, xLabel: t('stepAxis'), series: [{ name: t('accSeries'), values: points.map((p) => 100 * p.accuracy) }] }, context),
    );
    const last = curve[curve.length - 1];
    curvesNote.textContent = t('curvesNote', last.step, formatNumber(last.loss, 3), percent(last.accuracy));
  }

  /** Picks a layer and a head as the learner would (the head picker's own button, so it shows the choice). */
  function showHead(newLayer, newHead) {
    layer = newLayer;
    layerSelect.value = String(newLayer);
    const radios = pickerSlot.querySelectorAll('[role="radio"]');
    if (radios[newHead]) radios[newHead].click();
    else renderMaps(true);
  }

  let redraws = 0;
  /** Draws the chosen layer's and head's map; `forced` (a new head or layer was picked) redraws every view. */
  function renderMaps(forced = false) {
    if (!latest || !info) return;
    const { probe } = latest;
    const L = probe.inputs.length;
    const names = probe.inputs.map((token, i) => `${task.tokenNames[token]}${i >= task.promptLength - 1 ? '→' : ''}`);
    const keyNames = probe.inputs.map((token) => task.tokenNames[token]);
    const map = headMap(probe.attention, layer, head);
    const mapTitle = t('heatTitle', layer + 1, head + 1);
    exampleNote.textContent = t('example', task.format(probe.prompt), task.format(probe.sequence.slice(task.promptLength)));
    // Both views are a few hundred SVG elements; while training, the token lines follow every third redraw (the
    // heatmap every one), which keeps the page's share of the work small on a slow machine.
    const heatmap = renderHeatmap({ kind: 'heatmap', shape: [L, L], data: map, rowLabels: names, colLabels: keyNames, title: mapTitle }, context);
    redraws += 1;
    const tokens = !running || forced || redraws % 3 === 0 || maps.childElementCount < 2
      ? renderTokens({ kind: 'tokens', shape: [L, L], data: map, queryTokens: names, keyTokens: keyNames, title: mapTitle }, context)
      : maps.lastElementChild;
    maps.replaceChildren(heatmap, tokens);
    // The same map in words (its text alternative for the pattern), checked against the task's expected alignment.
    const expected = task.alignment(probe.prompt);
    const keys = strongestKeys(map, L, task);
    const hits = keys.filter(({ key }, i) => key === expected[i]).length;
    // "|₆ ⇒ 3₅": the token at query position 6 attends most to the token at key position 5.
    strongestNote.textContent = t('strongest', keys.map(({ row, key }) => `${keyNames[row]}${subscript(row)} ⇒ ${keyNames[key]}${subscript(key)}`).join(', '), hits, keys.length);
    let best = { hits: -1 };
    const [layers, , heads] = probe.attention.shape;
    for (let l = 0; l < layers; l += 1) {
      for (let hd = 0; hd < heads; hd += 1) {
        const count = strongestKeys(headMap(probe.attention, l, hd), L, task).filter(({ key }, i) => key === expected[i]).length;
        if (count > best.hits) best = { layer: l, head: hd, hits: count };
      }
    }
    bestHeadNote.replaceChildren(`${t('bestHead', best.layer + 1, best.head + 1, best.hits, keys.length)} `);
    if (best.layer !== layer || best.head !== head) {
      bestHeadNote.append(h('button', { type: 'button', 'data-action': 'show-best-head', onclick: () => showHead(best.layer, best.head) }, t('showHead')));
    }
    container.dataset.bestHeadHits = String(best.hits);
  }

  /** Runs `draw` and records its duration as a User Timing measure (the browser test reads them). */
  function timed(name, draw) {
    const start = performance.now();
    draw();
    performance.measure(`training-lab:${name}`, { start, end: performance.now() });
  }

  function scheduleRender() {
    if (renderTimer !== null || !onScreen) return;
    renderTimer = setTimeout(() => {
      renderTimer = null;
      if (destroyed.value) return;
      renderStatus();
      timed('maps', renderMaps);
      if (!running || performance.now() - lastCurveRender >= CURVE_INTERVAL_MS) timed('curves', renderCurves);
    }, running ? RENDER_INTERVAL_MS : 0);
  }

  // --- worker messages ----------------------------------------------------------------------------------------
  worker.addEventListener('message', ({ data }) => {
    if (destroyed.value) return;
    switch (data.type) {
      case 'ready':
        info = data.info;
        sizeNote.textContent = t('sizeDetail', info.config, info.parameterCount);
        buildLayerPicker();
        if (config.autoTrain && !autoStarted && !visibility) watchForAutoTrain();
        break;
      case 'progress': {
        latest = data;
        curve.push(...data.points);
        if (data.evaluation) {
          heldOutNote.textContent = t('heldOut', percent(data.evaluation.accuracy), data.evaluation.step);
          container.dataset.heldOutAccuracy = String(data.evaluation.accuracy);
          container.dataset.heldOutStep = String(data.evaluation.step);
        }
        const now = performance.now();
        rateMarks.push({ step: data.step, time: now });
        while (now - rateMarks[0].time > RATE_WINDOW_MS) rateMarks.shift();
        if (!data.running && running && data.points.length === 0) setRunning(false);
        container.dataset.step = String(data.step);
        if (userPrompt && running && now - lastPredict > PREDICT_INTERVAL_MS) predict(true);
        scheduleRender();
        break;
      }
      case 'stopped':
        setRunning(false);
        rateMarks = [];
        if (data.reason === 'max-steps') message.textContent = t('finished', config.maxSteps);
        scheduleRender();
        break;
      case 'prediction': {
        const ok = data.answer.every((token, i) => token === data.expected[i]);
        predictionOut.textContent = `${t('prediction', task.format(data.prompt), task.format(data.answer), task.format(data.expected), ok)} ${t('yours')}`;
        predictionOut.dataset.correct = String(ok);
        break;
      }
      case 'saved': {
        const name = `${labId}-${data.info.task}-${data.info.size}-step${data.info.step}.json`;
        const blob = new Blob([encodeModelFile(data.info, data.bytes)], { type: 'application/json' });
        const link = h('a', { href: URL.createObjectURL(blob), download: name });
        host.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
        message.textContent = t('saved', name);
        break;
      }
      case 'loaded':
        curve = [];
        curves.replaceChildren();
        curvesNote.textContent = '';
        message.textContent = t('loaded', pick(lang, task.title), latest?.step ?? 0);
        break;
      case 'error':
        if (data.request === 'train') setRunning(false);
        if (data.request === 'predict') predictionOut.textContent = '';
        message.textContent = `${t('error')}${data.message}`;
        break;
      default:
        break;
    }
  });
  worker.addEventListener('error', (event) => {
    setRunning(false);
    message.textContent = `${t('error')}${event.message ?? 'worker failed'}`;
  });

  // autoTrain: start once the lab is on screen (a page with several such labs trains only what is being read).
  let autoStarted = false;
  let visibility = null;
  function watchForAutoTrain() {
    visibility = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting) || autoStarted) return;
      autoStarted = true;
      visibility.disconnect();
      if (!running && (latest?.step ?? 0) === 0) startTraining();
    });
    visibility.observe(container);
  }

  function startTraining() {
    message.textContent = '';
    setRunning(true);
    worker.postMessage({ type: 'train', maxSteps: config.maxSteps });
  }

  function predict(quiet = false) {
    const text = quiet ? userPrompt : promptInput.value;
    try {
      task.parsePrompt(text); // checked here too, so a typo is reported at once, even while the worker is busy
    } catch (error) {
      if (!quiet) message.textContent = `${t('error')}${error.message}`;
      return;
    }
    if (!quiet) message.textContent = '';
    userPrompt = text;
    lastPredict = performance.now();
    worker.postMessage({ type: 'predict', text });
  }

  trainButton.addEventListener('click', () => {
    if (running) {
      setRunning(false);
      worker.postMessage({ type: 'pause' });
    } else {
      startTraining();
    }
  });
  stepButton.addEventListener('click', () => {
    setRunning(false);
    worker.postMessage({ type: 'step' });
  });
  resetButton.addEventListener('click', reset);
  taskSelect.addEventListener('change', reset);
  sizeSelect.addEventListener('change', reset);
  layerSelect.addEventListener('change', () => {
    layer = Number(layerSelect.value);
    renderMaps(true);
  });
  saveButton.addEventListener('click', () => worker.postMessage({ type: 'save' }));
  loadButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    try {
      const saved = decodeModelFile(await file.text());
      taskSelect.value = saved.task;
      sizeSelect.value = saved.size;
      reset();
      worker.postMessage({ type: 'load', bytes: saved.bytes, step: saved.step }, [saved.bytes.buffer]);
    } catch (error) {
      message.textContent = `${t('error')}${error.message}`;
    }
  });

  describeTask();
  worker.postMessage({ type: 'reset', task: task.name, size, seed: config.seed });

  return {
    destroy() {
      destroyed.value = true;
      clearTimeout(renderTimer);
      resizeObserver.disconnect();
      screenWatch.disconnect();
      visibility?.disconnect();
      worker.terminate();
    },
  };
}
