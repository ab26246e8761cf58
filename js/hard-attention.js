// Hard attention as deterministic top-k selection.
import { additiveMaskOption, checkOptions, scaleOption, sizeArgument } from './options.js';
import { broadcastLeading, checkScores } from './size-limits.js';
import { withScope } from './wasm-boundary.js';

const allowedOptions = ['topK', 'scale', 'mask', 'maskKind'];

/**
 * Keeps the topK highest scaled scores of each query row, softmax over them, 0 elsewhere.
 * q [..., Lq, d], k [..., Lk, d], v [..., Lk, dv] → { output [..., Lq, dv], weights [..., Lq, Lk] }.
 */
export function hardAttention(runtime, q, k, v, options) {
  const functionName = 'hardAttention';
  const o = checkOptions(functionName, options, allowedOptions);
  const topK = sizeArgument(functionName, 'options.topK', o.topK, { fallback: 1 });
  const scale = scaleOption(functionName, o);
  const additiveMask = additiveMaskOption(functionName, o);
  return withScope(runtime, functionName, (scope) => {
    const inputs = { q: scope.describe('q', q), k: scope.describe('k', k), v: scope.describe('v', v) };
    const mask = scope.describe('options.mask', o.mask, { optional: true });
    if (inputs.q.shape.length >= 2 && inputs.k.shape.length >= 2) {
      checkScores(functionName, broadcastLeading(inputs.q.shape, inputs.k.shape), inputs.q.shape.at(-2), inputs.k.shape.at(-2), true, '');
    }
    const handles = ['q', 'k', 'v'].map((name) => scope.write(name, inputs[name]));
    const maskHandle = scope.write('options.mask', mask);
    return scope.resultCall((raw) => raw.hardAttention(...handles, topK, scale, maskHandle, additiveMask), { weights: true });
  });
}
