// Additive (Bahdanau) attention.
import { additiveMaskOption, checkOptions, requireOption } from './options.js';
import { broadcastLeading, checkScores } from './size-limits.js';
import { withScope } from './wasm-boundary.js';

const allowedOptions = ['Wq', 'Wk', 'w', 'mask', 'maskKind'];

/**
 * softmax(wᵀ tanh(q·Wq + k·Wk)) · v.  q [..., Lq, dq], k [..., Lk, dk], v [..., Lk, dv],
 * Wq [dq, h], Wk [dk, h], w [h] → { output [..., Lq, dv], weights [..., Lq, Lk] }.
 */
export function additiveAttention(runtime, q, k, v, options) {
  const functionName = 'additiveAttention';
  const o = checkOptions(functionName, options, allowedOptions, { required: true });
  const weights = {
    Wq: requireOption(functionName, o, 'Wq', 'query projection [dq, h]'),
    Wk: requireOption(functionName, o, 'Wk', 'key projection [dk, h]'),
    w: requireOption(functionName, o, 'w', 'scoring vector [h]'),
  };
  const additiveMask = additiveMaskOption(functionName, o);
  return withScope(runtime, functionName, (scope) => {
    const inputs = { q: scope.describe('q', q), k: scope.describe('k', k), v: scope.describe('v', v) };
    for (const name of ['Wq', 'Wk', 'w']) inputs[name] = scope.describe(`options.${name}`, weights[name]);
    const mask = scope.describe('options.mask', o.mask, { optional: true });
    if (inputs.q.shape.length >= 2 && inputs.k.shape.length >= 2) {
      checkScores(functionName, broadcastLeading(inputs.q.shape, inputs.k.shape), inputs.q.shape.at(-2), inputs.k.shape.at(-2), true, '');
    }
    const handles = ['q', 'k', 'v', 'Wq', 'Wk', 'w'].map((name) => scope.write(name, inputs[name]));
    const maskHandle = scope.write('options.mask', mask);
    return scope.resultCall((raw) => raw.additiveAttention(...handles, maskHandle, additiveMask), { weights: true });
  });
}
