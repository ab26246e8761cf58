// Score (alignment) functions: how well each query matches each key, before the softmax.
import { checkOptions, requireOption, scaleOption } from './options.js';
import { broadcastLeading, checkFits } from './size-limits.js';
import { withScope } from './wasm-boundary.js';

// Copies q, k and the named weights into wasm memory after checking that the scores fit, and
// returns the scores computed by raw[operation](q, k, ...weights, ...extra).
function scoresCall(runtime, functionName, q, k, weights, operation, extra = []) {
  return withScope(runtime, functionName, (scope) => {
    const qIn = scope.describe('q', q);
    const kIn = scope.describe('k', k);
    const weightInputs = Object.entries(weights).map(([name, value]) => [name, scope.describe(`options.${name}`, value)]);
    if (qIn.shape.length >= 2 && kIn.shape.length >= 2) {
      checkFits(functionName, 'the scores', [...broadcastLeading(qIn.shape, kIn.shape), qIn.shape.at(-2), kIn.shape.at(-2)]);
    }
    const handles = [scope.write('q', qIn), scope.write('k', kIn), ...weightInputs.map(([name, input]) => scope.write(`options.${name}`, input))];
    return scope.tensorCall((raw) => raw[operation](...handles, ...extra));
  });
}

/** q·kᵀ: q [..., Lq, d], k [..., Lk, d] → [..., Lq, Lk]. */
export function dotScores(runtime, q, k) {
  return scoresCall(runtime, 'scores.dot', q, k, {}, 'dotScores');
}

/** scale · q·kᵀ (scale defaults to 1/√d): q [..., Lq, d], k [..., Lk, d] → [..., Lq, Lk]. */
export function scaledDotScores(runtime, q, k, options) {
  const functionName = 'scores.scaledDot';
  const scale = scaleOption(functionName, checkOptions(functionName, options, ['scale']));
  return scoresCall(runtime, functionName, q, k, {}, 'scaledDotScores', [scale]);
}

/** wᵀ tanh(q·Wq + k·Wk): q [..., Lq, dq], k [..., Lk, dk], Wq [dq, h], Wk [dk, h], w [h] → [..., Lq, Lk]. */
export function additiveScores(runtime, q, k, options) {
  const functionName = 'scores.additive';
  const o = checkOptions(functionName, options, ['Wq', 'Wk', 'w'], { required: true });
  const weights = {
    Wq: requireOption(functionName, o, 'Wq', 'query projection [dq, h]'),
    Wk: requireOption(functionName, o, 'Wk', 'key projection [dk, h]'),
    w: requireOption(functionName, o, 'w', 'scoring vector [h]'),
  };
  return scoresCall(runtime, functionName, q, k, weights, 'additiveScores');
}

/** q·W·kᵀ: q [..., Lq, dq], k [..., Lk, dk], W [dq, dk] → [..., Lq, Lk]. */
export function bilinearScores(runtime, q, k, options) {
  const functionName = 'scores.bilinear';
  const o = checkOptions(functionName, options, ['W'], { required: true });
  return scoresCall(runtime, functionName, q, k, { W: requireOption(functionName, o, 'W', 'a matrix [dq, dk]') }, 'bilinearScores');
}
