// The checker library for exercise authors. An exercise module (web/exercises/<id>.js) lists cases; this library
// builds their inputs (seeded NORMAL values: uniform positive inputs make attention weights nearly uniform and hide
// wrong axes and missing scales), calls the learner's function on a private copy of them, compares the result with the
// workshop's own core within a stated tolerance, and writes a message a learner can act on: the case's name, the input
// shapes, expected and actual values at the first mismatch, and — when the result equals what a known mistake
// produces — the likely mistake, in Chinese and English.
//
// Nothing here touches the DOM, so the same code runs in the snippet worker (for Check) and in Node (its unit tests).

/** A message in both languages. */
export const say = (en, zh) => ({ en, zh });

/** Picks the language of a message made by `say` (a plain string is used as is). */
export function localise(message, lang) {
  if (message === null || message === undefined) return '';
  if (typeof message === 'string') return message;
  return message[lang] ?? message.en;
}

/** The default tolerance: the core computes in float32, a learner in float64, so exact equality is never asked. */
export const DEFAULT_TOLERANCE = Object.freeze({ abs: 1e-5, rel: 1e-4 });

// ---- tensors: nested arrays in, { shape, data } inside ------------------------------------------------------------

/** An array or a typed array (rows of a learner's result may be Float64Arrays). */
const isList = (value) => Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));

/** Converts what a learner may return (number, nested arrays, typed array, { shape, data }) to { shape, data }. */
export function toTensor(value, what = 'the result') {
  if (typeof value === 'number') return { shape: [], data: Float64Array.of(value) };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const typed = /** @type {Float64Array | Float32Array} */ (value);
    return { shape: [typed.length], data: Float64Array.from(typed) };
  }
  if (value && typeof value === 'object' && Array.isArray(value.shape) && value.data && typeof value.data.length === 'number') {
    const size = value.shape.reduce((a, b) => a * b, 1);
    if (size !== value.data.length) throw new TypeError(`${what}: shape [${value.shape}] needs ${size} values, data has ${value.data.length}`);
    return { shape: [...value.shape], data: Float64Array.from(value.data, Number) };
  }
  if (!Array.isArray(value)) {
    throw new TypeError(`${what} must be a number or an array of numbers, got ${value === null ? 'null' : typeof value}`);
  }
  const shape = [];
  for (let level = value; isList(level); level = level[0]) {
    shape.push(level.length);
    if (level.length === 0) break;
  }
  const data = [];
  const walk = (node, depth, path) => {
    if (depth === shape.length) {
      if (typeof node !== 'number') throw new TypeError(`${what}[${path.join('][')}] must be a number, got ${Array.isArray(node) ? 'an array' : typeof node}`);
      data.push(node);
      return;
    }
    if (!isList(node) || node.length !== shape[depth]) {
      throw new TypeError(`${what}[${path.join('][')}] must be an array of length ${shape[depth]} (ragged array), got ${isList(node) ? `length ${node.length}` : typeof node}`);
    }
    Array.prototype.forEach.call(node, (child, i) => walk(child, depth + 1, [...path, i]));
  };
  walk(value, 0, []);
  return { shape, data: Float64Array.from(data) };
}

/** Nested arrays from { shape, data } (a number for shape []). */
export function toNested({ shape, data }) {
  if (shape.length === 0) return data[0];
  const build = (offset, depth) => {
    const n = shape[depth];
    if (depth === shape.length - 1) return Array.from(data.subarray(offset, offset + n));
    const stride = shape.slice(depth + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: n }, (_, i) => build(offset + i * stride, depth + 1));
  };
  return build(0, 0);
}

export const formatShape = (shape) => `[${shape.join(', ')}]`;

function indexOf(flat, shape) {
  const index = [];
  for (let d = shape.length - 1; d >= 0; d -= 1) { index.unshift(flat % shape[d]); flat = Math.floor(flat / shape[d]); }
  return index;
}

export function formatNumber(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-4 && a < 1e6 ? String(Number(x.toPrecision(7))) : x.toExponential(4);
}

/**
 * Compares two tensors. Returns null when they agree within |a − e| ≤ abs + rel·|e| everywhere, else
 * { kind: 'shape' | 'value', ... }. `sameNonFinite`: NaN equals NaN and ±Infinity equals itself (used to recognise
 * mistakes, whose results are often NaN exactly where the learner's are). Missing tolerance fields take the default.
 * @param {{ abs?: number, rel?: number }} [tolerance]
 */
export function compareTensors(actual, expected, tolerance = DEFAULT_TOLERANCE, { sameNonFinite = false } = {}) {
  const { abs, rel } = { ...DEFAULT_TOLERANCE, ...tolerance };
  if (actual.shape.length !== expected.shape.length || actual.shape.some((n, i) => n !== expected.shape[i])) {
    return { kind: 'shape', actualShape: actual.shape, expectedShape: expected.shape };
  }
  for (let i = 0; i < expected.data.length; i += 1) {
    const a = actual.data[i];
    const e = expected.data[i];
    if (sameNonFinite && (Number.isNaN(a) && Number.isNaN(e) || a === e)) continue;
    if (!(Math.abs(a - e) <= abs + rel * Math.abs(e))) {
      return { kind: 'value', index: indexOf(i, expected.shape), expected: e, actual: a, flat: i };
    }
  }
  return null;
}

// ---- seeded inputs --------------------------------------------------------------------------------------------------

/**
 * Seeded normal values as nested arrays, drawn by the core's own generator (xoshiro128** + Box–Muller), so every
 * learner, browser and test sees the same numbers. `mean`/`std` shift and scale them.
 */
export function normal(attn, shape, seed, { mean = 0, std = 1 } = {}) {
  const t = attn.random.normal(shape, { seed, mean, std });
  return toNested({ shape: [...t.shape], data: t.data });
}

// ---- float64 reference pieces, for recognising mistakes -------------------------------------------------------------

/** Softmax of one row; `subtractMax: false` is the naive, overflowing version. */
export function softmaxRow(row, { temperature = 1, subtractMax = true } = {}) {
  const scaled = row.map((x) => x / temperature);
  const finite = scaled.filter((x) => x !== -Infinity);
  if (finite.length === 0) return row.map(() => 0);
  const shift = subtractMax ? Math.max(...finite) : 0;
  const e = scaled.map((x) => (x === -Infinity ? 0 : Math.exp(x - shift)));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / total);
}

/** Applies `f` to every row along the last axis of nested arrays. */
export function mapRows(x, f) {
  return Array.isArray(x[0]) ? x.map((inner) => mapRows(inner, f)) : f(x);
}

/** Applies a function of 2-d (or 1-d) arrays over leading batch dimensions of its arguments (all batched alike). */
export function overBatch(rank, f) {
  const apply = (...args) => (depthOf(args[0]) > rank ? args[0].map((_, i) => apply(...args.map((a) => a[i]))) : f(...args));
  return apply;
}
const depthOf = (x) => { let d = 0; for (let n = x; Array.isArray(n); n = n[0]) d += 1; return d; };

export const transpose = (m) => m[0].map((_, j) => m.map((row) => row[j]));
export const matmul = (a, b) => a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));

/**
 * Attention of 2-d q [Lq, d], k [Lk, d], v [Lk, dv] in float64, with knobs that reproduce common mistakes:
 * scale (default 1/√d), causal (bottom-right aligned: query i sees keys j ≤ i + Lk − Lq), causalShift (an off-by-one
 * moves the diagonal), maskAfterSoftmax, softmaxAxis 'columns', subtractMax.
 */
export function attention2d(q, k, v, {
  scale = 1 / Math.sqrt(q[0].length), causal = false, causalShift = 0, maskAfterSoftmax = false,
  softmaxAxis = 'rows', subtractMax = true, mask = null,
} = {}) {
  const lq = q.length;
  const lk = k.length;
  const allowed = (i, j) => (mask ? Boolean(mask[i][j]) : true) && (!causal || j <= i + lk - lq + causalShift);
  let scores = q.map((qi, i) => k.map((kj, j) => {
    const s = qi.reduce((acc, x, c) => acc + x * kj[c], 0) * scale;
    return !maskAfterSoftmax && !allowed(i, j) ? -Infinity : s;
  }));
  let weights;
  if (softmaxAxis === 'columns') weights = transpose(transpose(scores).map((col) => softmaxRow(col, { subtractMax })));
  else weights = scores.map((row) => softmaxRow(row, { subtractMax }));
  if (maskAfterSoftmax) weights = weights.map((row, i) => row.map((w, j) => (allowed(i, j) ? w : 0)));
  scores = null;
  return matmul(weights, v);
}

// ---- running an exercise --------------------------------------------------------------------------------------------

/** Thrown (and caught per case) when the learner's code calls a core function the exercise asks them to write. */
export class ForbiddenCallError extends Error {
  constructor(name) {
    super(`attn.${name} is off limits in this exercise`);
    this.name = 'ForbiddenCallError';
    this.apiName = name;
  }
}

/**
 * Wraps the API so that, while `guard.active` is true (the learner's function is being checked), calling a name in
 * `forbidden` ('softmax', 'masks.causal', …) throws ForbiddenCallError. Outside checks the learner may explore freely.
 */
export function guardApi(attn, forbidden = []) {
  const guard = { active: false };
  const blocked = new Set(forbidden);
  // The proxies wrap an empty stand-in, not the API object itself: the API is frozen, and a proxy of a frozen object
  // must return its exact (unwrapped) functions.
  const wrap = (object, prefix) => new Proxy(Object.create(null), {
    has: (_, key) => key in object,
    ownKeys: () => Reflect.ownKeys(object),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(object, key);
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
    get(_, key) {
      const value = Reflect.get(object, key);
      if (typeof key !== 'string') return value;
      const name = prefix ? `${prefix}.${key}` : key;
      if (typeof value === 'function') {
        if (!blocked.has(name)) return value.bind(object);
        return (...args) => { if (guard.active) throw new ForbiddenCallError(name); return value.apply(object, args); };
      }
      if (value && typeof value === 'object' && [...blocked].some((b) => b.startsWith(`${name}.`))) return wrap(value, name);
      return value;
    },
  });
  return { api: wrap(attn, ''), guard };
}

const describeArgs = (args, names) => args.map((arg, i) => {
  const name = names?.[i] ?? `arg${i + 1}`;
  if (Array.isArray(arg) || ArrayBuffer.isView(arg)) {
    try { return `${name} ${formatShape(toTensor(arg).shape)}`; } catch { return `${name} (array)`; }
  }
  if (arg && typeof arg === 'object') return `${name} {${Object.keys(arg).join(', ')}}`;
  return `${name} = ${typeof arg === 'number' ? formatNumber(arg) : JSON.stringify(arg)}`;
}).join(', ');

const LIKELY = say('Likely mistake: ', '可能的错误：');

/** Messages used by several checks. */
export const MESSAGES = {
  noFunction: (entry) => say(`Define a function named ${entry} (function ${entry}(…) { … }); the checker calls it.`,
    `请定义名为 ${entry} 的函数（function ${entry}(…) { … }），检查器会调用它。`),
  returnedNothing: say('Your function returned undefined: did you forget `return`?', '你的函数返回了 undefined：是不是忘了写 return？'),
  threw: (name, message, where) => say(`Your function threw ${name}: ${message}${where ? ` (${where.en})` : ''}`,
    `你的函数抛出了 ${name}：${message}${where ? `（${where.zh}）` : ''}`),
  forbidden: (name) => say(`Your function calls attn.${name}: this exercise asks you to write it yourself.`,
    `你的函数调用了 attn.${name}：本练习要求你自己实现它。`),
  badResult: (message) => say(`Your result is not a tensor the checker can read: ${message}`, `检查器无法读取你的结果：${message}`),
  inputs: (text) => say(`Inputs: ${text}`, `输入：${text}`),
  shape: (expected, actual) => say(`Expected shape ${formatShape(expected)}, got ${formatShape(actual)}.`,
    `期望形状 ${formatShape(expected)}，实际为 ${formatShape(actual)}。`),
  value: (index, expected, actual, tolerance) => say(
    `First mismatch at ${formatShape(index)}: expected ${formatNumber(expected)}, got ${formatNumber(actual)} (tolerance ${tolerance.abs} + ${tolerance.rel}·|expected|).`,
    `第一个不一致的位置 ${formatShape(index)}：期望 ${formatNumber(expected)}，实际为 ${formatNumber(actual)}（容差 ${tolerance.abs} + ${tolerance.rel}·|期望值|）。`),
  nonFinite: (index, actual) => say(
    `Your result has ${formatNumber(actual)} at ${formatShape(index)}: exp() overflowed, or 0/0 was computed.`,
    `你的结果在 ${formatShape(index)} 处是 ${formatNumber(actual)}：exp() 溢出了，或者算出了 0/0。`),
  transposed: say('Your result is the transpose of the expected one: check which axis you loop over.',
    '你的结果正好是期望结果的转置：检查你沿哪个轴循环。'),
  rowsSum: (row, sum) => say(`Row ${formatShape(row)} sums to ${formatNumber(sum)}, not 1.`, `第 ${formatShape(row)} 行之和为 ${formatNumber(sum)}，不是 1。`),
  columnsSumToOne: say('Your weights sum to 1 per column, not per row: softmax over the wrong axis.',
    '你的权重按列求和为 1，而不是按行：softmax 用错了轴。'),
  mutatedInput: (name) => say(`Your function changed its input ${name}; work on a copy.`, `你的函数修改了输入 ${name}；请在副本上计算。`),
  passed: say('passed', '通过'),
};

/** Joins messages (each `say(...)` or string) into one, per language. */
export function joinMessages(parts, separator = '\n') {
  const present = parts.filter(Boolean);
  return say(present.map((p) => localise(p, 'en')).join(separator), present.map((p) => localise(p, 'zh')).join(separator));
}

/**
 * Calls the learner's function on a deep copy of `args`, with the API guard on. Returns
 * { value } or { error: message }.
 */
export async function callLearner(fn, args, { guard, locate, argNames } = /** @type {{ guard?: { active: boolean }, locate?: Function, argNames?: string[] }} */ ({})) {
  const copies = structuredClone(args);
  if (guard) guard.active = true;
  let value;
  try {
    value = await fn(...copies);
  } catch (error) {
    if (error instanceof ForbiddenCallError || error?.name === 'ForbiddenCallError') {
      return { error: MESSAGES.forbidden(error.apiName ?? String(error.message).split(' ')[0].replace('attn.', '')) };
    }
    const at = locate?.(error);
    const where = at?.line ? say(`line ${at.line}`, `第 ${at.line} 行`) : null;
    return { error: MESSAGES.threw(error?.name ?? 'Error', error?.message ?? String(error), where) };
  } finally {
    if (guard) guard.active = false;
  }
  // Changing the caller's arrays is a real bug in attention code (the caller reuses q, k, v).
  const changed = args.findIndex((arg, i) => Array.isArray(arg) && JSON.stringify(arg) !== JSON.stringify(copies[i]));
  if (changed >= 0 && value !== copies[changed]) return { value, warning: MESSAGES.mutatedInput(argNames?.[changed] ?? `#${changed + 1}`) };
  return { value };
}

/** Rows of a tensor (last axis) that do not sum to 1 within `tolerance`: the first one, or null. */
export function firstRowNotSummingToOne(tensor, tolerance = 1e-4) {
  const n = tensor.shape.at(-1) ?? 1;
  for (let start = 0; start < tensor.data.length; start += n) {
    let sum = 0;
    for (let j = 0; j < n; j += 1) sum += tensor.data[start + j];
    if (!(Math.abs(sum - 1) <= tolerance)) return { row: indexOf(start / n, tensor.shape.slice(0, -1)), sum };
  }
  return null;
}

/** True when every column of every trailing [R, C] matrix sums to 1 (softmax over the wrong axis). */
export function columnsSumToOne(tensor, tolerance = 1e-4) {
  if (tensor.shape.length < 2) return false;
  const [r, c] = tensor.shape.slice(-2);
  if (r < 2) return false;
  for (let base = 0; base < tensor.data.length; base += r * c) {
    for (let j = 0; j < c; j += 1) {
      let sum = 0;
      for (let i = 0; i < r; i += 1) sum += tensor.data[base + i * c + j];
      if (!(Math.abs(sum - 1) <= tolerance)) return false;
    }
  }
  return true;
}

function isTranspose(actual, expected, tolerance) {
  if (actual.shape.length < 2 || expected.shape.length !== actual.shape.length) return false;
  const t = toTensor(mapBatch2d(toNested(expected), transpose));
  return compareTensors(actual, t, tolerance) === null && compareTensors(actual, expected, tolerance) !== null;
}
const mapBatch2d = (x, f) => (depthOf(x) > 2 ? x.map((inner) => mapBatch2d(inner, f)) : f(x));

/**
 * Explains why `actual` differs from `expected` on `args`: tries each of the exercise's known mistakes (a mistake is
 * recognised when its own result equals the learner's), then general patterns (transposed, columns summing to 1).
 */
export function diagnose(actual, expected, args, { mistakes = [], tolerance, context }) {
  for (const mistake of mistakes) {
    let produced;
    try {
      produced = toTensor(mistake.compute(...structuredClone(args), context));
    } catch {
      continue; // the mistake does not apply to these inputs
    }
    if (compareTensors(actual, produced, tolerance, { sameNonFinite: true }) === null) return joinMessages([LIKELY, mistake.message], '');
  }
  if (isTranspose(actual, expected, tolerance)) return joinMessages([LIKELY, MESSAGES.transposed], '');
  if (columnsSumToOne(actual) && !columnsSumToOne(expected)) return joinMessages([LIKELY, MESSAGES.columnsSumToOne], '');
  return null;
}

/**
 * Compares a learner's value with the expected value and writes the failure message (null when it passes).
 * `expected` may be a number, nested arrays, a typed array or a core Tensor.
 */
export function judge(value, expected, { args, argNames = undefined, tolerance = /** @type {{ abs?: number, rel?: number }} */ (DEFAULT_TOLERANCE), mistakes = undefined, context = undefined }) {
  let actual;
  try {
    actual = toTensor(value, 'your result');
  } catch (error) {
    return joinMessages([MESSAGES.inputs(describeArgs(args, argNames)), MESSAGES.badResult(error.message)]);
  }
  const wanted = toTensor(expected, 'expected');
  const difference = compareTensors(actual, wanted, tolerance);
  if (!difference) return null;
  const parts = [MESSAGES.inputs(describeArgs(args, argNames))];
  if (difference.kind === 'shape') {
    parts.push(MESSAGES.shape(difference.expectedShape, difference.actualShape));
  } else {
    parts.push(MESSAGES.value(difference.index, difference.expected, difference.actual, { ...DEFAULT_TOLERANCE, ...tolerance }));
    if (!Number.isFinite(difference.actual) && Number.isFinite(difference.expected)) parts.push(MESSAGES.nonFinite(difference.index, difference.actual));
  }
  parts.push(diagnose(actual, wanted, args, { mistakes, tolerance, context }));
  return joinMessages(parts);
}

/**
 * Runs every case of `exercise` against the learner's function. Returns { passed, cases: [{ name, passed, message }] }
 * with messages in `lang`.
 *
 * A case is either a value case { name, args, expected(context) | expected, tolerance?, mistakes? } or a property case
 * { name, property: async (call, context) => failureMessage | null }, where `call(...args)` runs the learner's
 * function (→ { value } | { error }).
 */
export async function runExercise(exercise, learnerFn, { attn, lang = 'en', guard = null, locate = null }) {
  const context = { attn, normal: (shape, seed, options) => normal(attn, shape, seed, options) };
  if (typeof learnerFn !== 'function') {
    const message = localise(MESSAGES.noFunction(exercise.entry), lang);
    return { passed: false, cases: [{ name: localise(say('your function exists', '你的函数存在'), lang), passed: false, message }] };
  }
  const cases = [];
  for (const spec of exercise.cases(context)) {
    const name = localise(spec.name, lang);
    let failure = null;
    let warning = null;
    if (spec.property) {
      const call = async (...args) => {
        const outcome = await callLearner(learnerFn, args, { guard, locate, argNames: exercise.params });
        return outcome;
      };
      try {
        failure = await spec.property(call, context);
      } catch (error) {
        failure = say(`The property check could not run: ${error.message}`, `无法运行性质检查：${error.message}`);
      }
    } else {
      const outcome = await callLearner(learnerFn, spec.args, { guard, locate, argNames: exercise.params });
      warning = outcome.warning ?? null;
      if (outcome.error) failure = joinMessages([MESSAGES.inputs(describeArgs(spec.args, exercise.params)), outcome.error]);
      else if (outcome.value === undefined) failure = MESSAGES.returnedNothing;
      else {
        const expected = typeof spec.expected === 'function' ? spec.expected(context, ...structuredClone(spec.args)) : spec.expected;
        failure = judge(outcome.value, expected, {
          args: spec.args, argNames: exercise.params, tolerance: spec.tolerance ?? exercise.tolerance,
          mistakes: spec.mistakes ?? exercise.mistakes ?? [], context,
        });
      }
    }
    if (!failure && warning) failure = warning;
    cases.push({ name, passed: !failure, message: failure ? localise(failure, lang) : localise(MESSAGES.passed, lang) });
  }
  return { passed: cases.length > 0 && cases.every((c) => c.passed), cases };
}

/** Unpacks a call outcome inside a property check: the value, or throws the failure message to report. */
export function valueOf(outcome) {
  if (outcome.error) throw Object.assign(new Error('learner failed'), { report: outcome.error });
  if (outcome.value === undefined) throw Object.assign(new Error('learner failed'), { report: MESSAGES.returnedNothing });
  return outcome.value;
}

/** Wraps a property function so that learner failures inside it become its message. */
export function property(check) {
  return async (call, context) => {
    try {
      return await check(call, context);
    } catch (error) {
      if (error.report) return error.report;
      throw error;
    }
  };
}

// ---- helpers for property cases -------------------------------------------------------------------------------------

/** Rows reordered along the second-to-last axis (the sequence axis of [..., L, d]): result[..., i, :] = x[..., perm[i], :]. */
export function permuteRows(x, perm) {
  return depthOf(x) > 2 ? x.map((inner) => permuteRows(inner, perm)) : perm.map((i) => x[i]);
}

/** Largest |a − b| over two tensors of the same shape (Infinity when the shapes differ or a value is not finite). */
export function maxAbsDifference(a, b) {
  const ta = toTensor(a);
  const tb = toTensor(b);
  if (ta.shape.join() !== tb.shape.join()) return Infinity;
  let worst = 0;
  for (let i = 0; i < ta.data.length; i += 1) {
    const d = Math.abs(ta.data[i] - tb.data[i]);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}

/** Multiplies the last axis of x [..., n] by W [n, m] (a projection applied to every row). */
export function project(x, W) {
  return depthOf(x) > 2 ? x.map((inner) => project(inner, W)) : matmul(x, W);
}
