// Attention masks (1 = may attend, 0 = hidden).
import { describeValue, rangeError, typeError } from './errors.js';
import { booleanArgument, checkOptions, numberArgument, sizeArgument } from './options.js';
import { checkFits } from './size-limits.js';
import { withScope } from './wasm-boundary.js';

/** Causal mask [lq, lk]: 1 where key j ≤ i + (lk − lq); lk defaults to lq. */
export function causalMask(runtime, lq, lk) {
  const functionName = 'masks.causal';
  const rows = sizeArgument(functionName, 'lq', lq);
  const columns = lk === undefined ? rows : sizeArgument(functionName, 'lk', lk);
  checkFits(functionName, 'the mask', [rows, columns]);
  return withScope(runtime, functionName, (scope) => scope.tensorCall((raw) => raw.causalMask(rows, columns)));
}

/** Padding mask [B, 1, n]: row b has 1 for the first lengths[b] keys. */
export function paddingMask(runtime, lengths, n) {
  const functionName = 'masks.padding';
  if (!Array.isArray(lengths) && !ArrayBuffer.isView(lengths)) {
    throw typeError(functionName, `lengths must be an array of whole numbers, got ${describeValue(lengths)}`);
  }
  if (lengths.length === 0) throw rangeError(functionName, 'lengths must hold at least one length, got []');
  const keys = sizeArgument(functionName, 'n', n);
  checkFits(functionName, 'the mask', [lengths.length, 1, keys]);
  const values = Array.from(lengths, (length, b) => {
    const value = numberArgument(functionName, `lengths[${b}]`, length, { integer: true, min: 0 });
    if (value > keys) throw rangeError(functionName, `lengths[${b}] = ${value} exceeds the sequence length n = ${keys}`);
    return value;
  });
  // The lengths cross as JavaScript numbers, exact up to 2³¹ − 1 (a float32 tensor would round
  // lengths above 2²⁴).
  return withScope(runtime, functionName, (scope) => scope.tensorCall((raw) => raw.paddingMask(values, keys)));
}

/** Sliding-window mask [n, n]: causal (default) keeps i − window < j ≤ i; otherwise |i − j| < window. */
export function slidingWindowMask(runtime, n, window, options) {
  const functionName = 'masks.slidingWindow';
  const size = sizeArgument(functionName, 'n', n);
  const width = sizeArgument(functionName, 'window', window);
  const causal = booleanArgument(functionName, 'options.causal', checkOptions(functionName, options, ['causal']).causal, true);
  checkFits(functionName, 'the mask', [size, size]);
  return withScope(runtime, functionName, (scope) => scope.tensorCall((raw) => raw.slidingWindowMask(size, width, causal)));
}
