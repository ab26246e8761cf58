// The `show` toolkit and `console` that a snippet receives. Runs inside the worker: it validates what the snippet
// passes, turns it into plain view specs (see protocol.js) and hands them to `emit`. Drawing happens on the page.
import { formatTensor } from './format-tensor.js';

const MAX_VIEW_SIDE = 256;      // rows/cols per heatmap: more cells than this cannot be read, only waited for
const MAX_VIEW_CELLS = 20000;   // cells per heatmap head (each is an SVG element)
const MAX_TOKENS = 96;          // tokens per column in the token-line view
const MAX_PLOT_POINTS = 20000;  // points per plot series
const INSPECT_DEPTH = 4;
const INSPECT_ITEMS = 100;

/** Shape of a nested, rectangular array of numbers, or null if it is not one. */
function nestedArrayShape(value) {
  const shape = [];
  let level = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  if (shape.length === 0) return null;
  // Check every element so a ragged or mixed array is not mistaken for a tensor.
  const check = (node, depth) => {
    if (depth === shape.length) return typeof node === 'number';
    if (!Array.isArray(node) || node.length !== shape[depth]) return false;
    return node.every((child) => check(child, depth + 1));
  };
  if (shape[shape.length - 1] !== 0 && !check(value, 0)) return null;
  return shape;
}

const isTypedNumberArray = (value) => ArrayBuffer.isView(value) && !(value instanceof DataView)
  && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array);

/**
 * Reads anything tensor-like as { shape, data, dtype }: the API's tensors ({ shape, data }), typed arrays, or nested
 * arrays of numbers. Returns a copy (the snippet may keep mutating its own). Null when `value` is not tensor-like.
 */
export function readTensor(value) {
  if (isTypedNumberArray(value)) return { shape: [value.length], data: Float64Array.from(value), dtype: 'array' };
  if (Array.isArray(value)) {
    const shape = nestedArrayShape(value);
    if (!shape) return null;
    return { shape, data: Float64Array.from(value.flat(Infinity)), dtype: 'array' };
  }
  if (value && typeof value === 'object' && Array.isArray(value.shape)
      && value.shape.every((n) => Number.isInteger(n) && n >= 0) && value.data
      && (isTypedNumberArray(value.data) || Array.isArray(value.data))) {
    const size = value.shape.reduce((a, b) => a * b, 1);
    if (value.data.length !== size) return null;
    const data = value.data instanceof Float32Array ? value.data.slice() : Float64Array.from(value.data, Number);
    return { shape: [...value.shape], data, dtype: 'tensor' };
  }
  return null;
}

const formatShape = (shape) => `[${shape.join(', ')}]`;

/** Drops leading dimensions of size 1 (a batch of one, a single head) until the rank is at most `maxRank`. */
function squeezeLeading(tensor, maxRank) {
  const shape = [...tensor.shape];
  while (shape.length > maxRank && shape[0] === 1) shape.shift();
  return { ...tensor, shape };
}

/** A short, readable, cycle-safe rendering of any value (what console.log prints for non-tensors). */
export function inspect(value, depth = 0, seen = new WeakSet()) {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined': return 'undefined';
    case 'string': return depth === 0 ? value : JSON.stringify(value);
    case 'number': return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint': return `${value}n`;
    case 'boolean': return String(value);
    case 'symbol': return value.toString();
    case 'function': return `[Function${value.name ? ` ${value.name}` : ''}]`;
    default: break;
  }
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (seen.has(value)) return '[Circular]';
  if (depth >= INSPECT_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(value);
  try {
    const items = (list) => {
      const shown = list.slice(0, INSPECT_ITEMS);
      const rest = list.length - shown.length;
      return rest > 0 ? [...shown, `… ${rest} more`] : shown;
    };
    if (Array.isArray(value)) return `[${items(value.map((v) => inspect(v, depth + 1, seen))).join(', ')}]`;
    if (isTypedNumberArray(value)) {
      return `${value.constructor.name}(${value.length}) [${items(Array.from(value, String)).join(', ')}]`;
    }
    if (value instanceof Map) {
      return `Map(${value.size}) {${items([...value].map(([k, v]) => `${inspect(k, depth + 1, seen)} => ${inspect(v, depth + 1, seen)}`)).join(', ')}}`;
    }
    if (value instanceof Set) return `Set(${value.size}) {${items([...value].map((v) => inspect(v, depth + 1, seen))).join(', ')}}`;
    const tensor = readTensor(value);
    if (tensor) return `tensor ${formatShape(tensor.shape)}`;
    const keys = Object.keys(value);
    const name = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : '';
    const fields = items(keys.map((key) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${inspect(value[key], depth + 1, seen)}`));
    return `${name}{${fields.length ? ` ${fields.join(', ')} ` : ''}}`;
  } finally {
    seen.delete(value);
  }
}

/** Describes one value for `show` / `console.log` as a view spec. */
function describeValue(value, label) {
  const tensor = readTensor(value);
  if (tensor && tensor.shape.length > 0 && !(tensor.dtype === 'array' && tensor.data.length === 0)) {
    // Printed here, in the worker: the page receives the text, never the whole tensor.
    return { kind: 'tensor', shape: tensor.shape, text: formatTensor(tensor.shape, tensor.data), dtype: tensor.dtype, ...(label ? { label } : {}) };
  }
  // An object holding tensors — like { output, weights } from an attention call — shows each field as a tensor.
  if (value && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value)) {
    const keys = Object.keys(value);
    if (keys.length > 0 && keys.length <= 16 && keys.some((key) => readTensor(value[key]))) {
      return {
        kind: 'record',
        ...(label ? { label } : {}),
        entries: keys.map((key) => ({ key, value: describeValue(value[key]) })),
      };
    }
  }
  return { kind: 'text', text: inspect(value), ...(label ? { label } : {}) };
}

function labelsOption(name, labels, expectedLength, what) {
  if (labels === undefined || labels === null) return null;
  if (!Array.isArray(labels)) throw new TypeError(`${name}: ${what} must be an array of ${expectedLength} strings; got ${inspect(labels)}`);
  if (labels.length !== expectedLength) {
    throw new RangeError(`${name}: ${what} must have ${expectedLength} entries (one per ${what.replace(/Labels$|Tokens$|s$/, '')}); got ${labels.length}`);
  }
  return labels.map((label) => String(label));
}

function requireOptions(name, options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) throw new TypeError(`${name}: options must be an object; got ${inspect(options)}`);
  return options;
}

function readMatrixStack(name, value, argument) {
  const tensor = readTensor(value);
  if (!tensor) {
    throw new TypeError(`${name}: ${argument} must be a tensor ({ shape, data }) or a nested array of numbers; got ${inspect(value)}`);
  }
  const squeezed = squeezeLeading(tensor, 2);
  if (squeezed.shape.length !== 2 && squeezed.shape.length !== 3) {
    throw new RangeError(`${name}: ${argument} must have shape [rows, cols] or [heads, rows, cols]; got ${formatShape(tensor.shape)}`);
  }
  if (squeezed.shape.some((n) => n === 0)) throw new RangeError(`${name}: ${argument} is empty; got shape ${formatShape(tensor.shape)}`);
  return squeezed;
}

function headLabelsFor(name, shape, headLabels) {
  if (shape.length !== 3) return null;
  return labelsOption(name, headLabels, shape[0], 'headLabels') ?? Array.from({ length: shape[0] }, (_, h) => String(h));
}

function heatmapSpec(matrix, options) {
  const name = 'show.heatmap';
  const opts = requireOptions(name, options);
  const tensor = readMatrixStack(name, matrix, 'matrix');
  const [rows, cols] = tensor.shape.slice(-2);
  if (rows > MAX_VIEW_SIDE || cols > MAX_VIEW_SIDE) {
    throw new RangeError(`${name}: at most ${MAX_VIEW_SIDE} rows and ${MAX_VIEW_SIDE} columns can be drawn; got [${rows}, ${cols}] — slice the matrix first`);
  }
  if (rows * cols > MAX_VIEW_CELLS) {
    throw new RangeError(`${name}: at most ${MAX_VIEW_CELLS} cells can be drawn; got [${rows}, ${cols}] = ${rows * cols} — slice the matrix first`);
  }
  if (opts.diverging !== undefined && typeof opts.diverging !== 'boolean') {
    throw new TypeError(`${name}: diverging must be true or false; got ${inspect(opts.diverging)}`);
  }
  let hasNegative = false;
  let hasPositive = false;
  for (const v of tensor.data) {
    if (Number.isNaN(v)) throw new RangeError(`${name}: matrix contains NaN; heatmaps need numbers (−∞ for masked scores is fine)`);
    if (Number.isFinite(v)) { if (v < 0) hasNegative = true; else if (v > 0) hasPositive = true; }
  }
  return {
    kind: 'heatmap',
    shape: tensor.shape,
    data: tensor.data,
    rowLabels: labelsOption(name, opts.rowLabels, rows, 'rowLabels'),
    colLabels: labelsOption(name, opts.colLabels, cols, 'colLabels'),
    headLabels: headLabelsFor(name, tensor.shape, opts.headLabels),
    title: opts.title === undefined || opts.title === null ? null : String(opts.title),
    diverging: opts.diverging ?? (hasNegative && hasPositive),
  };
}

function tokensSpec(weights, tokens, options) {
  const name = 'show.tokens';
  const opts = requireOptions(name, options);
  const tensor = readMatrixStack(name, weights, 'weights');
  const [queries, keys] = tensor.shape.slice(-2);
  if (!Array.isArray(tokens)) throw new TypeError(`${name}: tokens must be an array of ${queries} strings (one per query row); got ${inspect(tokens)}`);
  const queryTokens = labelsOption(name, tokens, queries, 'tokens');
  const keyTokens = labelsOption(name, opts.keyTokens ?? (queries === keys ? tokens : undefined), keys, 'keyTokens');
  if (!keyTokens) {
    throw new RangeError(`${name}: weights are [${queries}, ${keys}] (cross-attention), so pass { keyTokens } with ${keys} entries`);
  }
  if (queries > MAX_TOKENS || keys > MAX_TOKENS) throw new RangeError(`${name}: at most ${MAX_TOKENS} tokens per side; got [${queries}, ${keys}]`);
  tensor.data.forEach((v, i) => {
    if (!(v >= 0) || !Number.isFinite(v)) {
      const perHead = queries * keys;
      const index = [...(tensor.shape.length === 3 ? [Math.floor(i / perHead)] : []), Math.floor((i % perHead) / keys), i % keys];
      throw new RangeError(`${name}: weights must be finite and non-negative (attention weights, e.g. after softmax); got ${v} at [${index.join(', ')}]`);
    }
  });
  return {
    kind: 'tokens',
    shape: tensor.shape,
    data: tensor.data,
    queryTokens,
    keyTokens,
    headLabels: headLabelsFor(name, tensor.shape, opts.headLabels),
    title: opts.title === undefined || opts.title === null ? null : String(opts.title),
  };
}

function seriesValues(name, key, value) {
  const tensor = readTensor(value);
  if (!tensor || tensor.shape.length !== 1) {
    throw new TypeError(`${name}: series ${JSON.stringify(key)} must be a 1-D array of numbers; got ${tensor ? `shape ${formatShape(tensor.shape)}` : inspect(value)}`);
  }
  if (tensor.data.length > MAX_PLOT_POINTS) throw new RangeError(`${name}: at most ${MAX_PLOT_POINTS} points per series; got ${tensor.data.length}`);
  return Array.from(tensor.data, (v) => (Number.isFinite(v) ? v : null));
}

function plotSpec(series, options) {
  const name = 'show.plot';
  const opts = requireOptions(name, options);
  let list;
  const tensor = readTensor(series);
  if (tensor && tensor.shape.length === 1) list = [{ name: opts.name ? String(opts.name) : 'y', values: seriesValues(name, 'y', series) }];
  else if (tensor && tensor.shape.length === 2) {
    const [count, length] = tensor.shape;
    list = Array.from({ length: count }, (_, i) => ({ name: String(i), values: seriesValues(name, String(i), tensor.data.subarray(i * length, (i + 1) * length)) }));
  } else if (series && typeof series === 'object' && !Array.isArray(series) && !tensor) {
    list = Object.entries(series).map(([key, values]) => ({ name: key, values: seriesValues(name, key, values) }));
  } else {
    throw new TypeError(`${name}: series must be an array of numbers or an object { name: numbers[] }; got ${inspect(series)}`);
  }
  if (list.length === 0) throw new RangeError(`${name}: no series to plot`);
  if (list.length > 12) throw new RangeError(`${name}: at most 12 series can be told apart; got ${list.length}`);
  const length = list[0].values.length;
  if (length === 0) throw new RangeError(`${name}: series ${JSON.stringify(list[0].name)} is empty`);
  for (const s of list) {
    if (s.values.length !== length) {
      throw new RangeError(`${name}: all series must have the same length; ${JSON.stringify(list[0].name)} has ${length}, ${JSON.stringify(s.name)} has ${s.values.length}`);
    }
  }
  let x = null;
  if (opts.x !== undefined && opts.x !== null) {
    x = seriesValues(name, 'x', opts.x);
    if (x.length !== length) throw new RangeError(`${name}: x must have ${length} values (one per point); got ${x.length}`);
    if (x.some((v) => v === null)) throw new RangeError(`${name}: x must contain only finite numbers`);
  }
  const text = (value) => (value === undefined || value === null ? null : String(value));
  return { kind: 'plot', series: list, x, title: text(opts.title), xLabel: text(opts.xLabel), yLabel: text(opts.yLabel) };
}

/**
 * Creates the `show` function and `console` object for one run. `emit(spec)` sends a view spec to the page;
 * `limit` is how many views the run may emit before further ones are dropped with a notice.
 */
export function createShowToolkit(emit, limit) {
  let emitted = 0;
  const send = (spec) => {
    if (emitted < limit) emit(spec);
    else if (emitted === limit) emit({ kind: 'notice', text: `output-truncated:${limit}` });
    emitted += 1;
  };

  /** Prints a tensor, number, string, array or object, with an optional label; returns the value. */
  function show(value, label) {
    send(describeValue(value, label === undefined ? undefined : String(label)));
    return value;
  }
  /** Draws a matrix [R, C] or a stack [H, R, C] as a heatmap. */
  show.heatmap = (matrix, options) => { send(heatmapSpec(matrix, options)); return matrix; };
  /** Draws attention weights [Lq, Lk] or [H, Lq, Lk] as lines between two token columns. */
  show.tokens = (weights, tokens, options) => { send(tokensSpec(weights, tokens, options)); return weights; };
  /** Draws one or more number series as a line chart. */
  show.plot = (series, options) => { send(plotSpec(series, options)); return series; };

  // console.log('weights', w) reads naturally as a labelled tensor: plain arguments before a tensor become its label.
  const logAt = (level) => (...args) => {
    const withLevel = (spec) => (level === 'log' || spec.kind !== 'text' ? spec : { ...spec, level });
    let pending = [];
    for (const arg of args) {
      const tensor = typeof arg === 'object' && arg !== null ? readTensor(arg) : null;
      if (tensor && tensor.shape.length > 0 && tensor.data.length > 0) {
        send(withLevel(describeValue(arg, pending.length ? pending.map((p) => inspect(p)).join(' ') : undefined)));
        pending = [];
      } else {
        pending.push(arg);
      }
    }
    if (pending.length || args.length === 0) {
      const single = pending.length === 1 && typeof pending[0] === 'object' && pending[0] !== null;
      send(withLevel(single ? describeValue(pending[0]) : { kind: 'text', text: pending.map((p) => inspect(p)).join(' ') }));
    }
  };
  const timers = new Map();
  const counts = new Map();
  const snippetConsole = {
    log: logAt('log'),
    info: logAt('info'),
    debug: logAt('log'),
    warn: logAt('warn'),
    error: logAt('error'),
    dir: (value) => send(describeValue(value)),
    table: (value) => send(describeValue(value)),
    assert: (condition, ...args) => { if (!condition) logAt('error')('Assertion failed', ...args); },
    count: (label = 'default') => { counts.set(label, (counts.get(label) ?? 0) + 1); logAt('log')(`${label}: ${counts.get(label)}`); },
    time: (label = 'default') => { timers.set(label, performance.now()); },
    timeEnd: (label = 'default') => {
      if (!timers.has(label)) return;
      logAt('log')(`${label}: ${(performance.now() - timers.get(label)).toFixed(2)} ms`);
      timers.delete(label);
    },
    group: (...args) => { if (args.length) logAt('log')(...args); },
    groupEnd: () => {},
    clear: () => {},
  };
  return { show, console: snippetConsole };
}
