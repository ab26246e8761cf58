// Gradients (backward passes) of softmax, log-softmax and scaled dot-product attention: attn.grad.*.
import { formatShape, rangeError } from './errors.js';
import { additiveMaskOption, booleanArgument, checkOptions, numberArgument, scaleOption } from './options.js';
import { broadcastLeading, checkScores } from './size-limits.js';
import { withScope } from './wasm-boundary.js';

function softmaxFamilyBackward(runtime, functionName, x, gradOutput, options, operation) {
  const { temperature } = checkOptions(functionName, options, ['temperature']);
  const t = numberArgument(functionName, 'options.temperature', temperature, { fallback: 1, float32: true });
  return withScope(runtime, functionName, (scope) => {
    const xInput = scope.describe('x', x);
    const gInput = scope.describe('gradOutput', gradOutput);
    if (formatShape(xInput.shape) !== formatShape(gInput.shape)) {
      throw rangeError(functionName, `gradOutput must have the shape of x; expected ${formatShape(xInput.shape)}, got ${formatShape(gInput.shape)}`);
    }
    const xHandle = scope.write('x', xInput);
    const gHandle = scope.write('gradOutput', gInput);
    return scope.tensorCall((raw) => raw[operation](xHandle, gHandle, t));
  });
}

/** Gradient of softmax(x / T) along the last axis w.r.t. x, given d loss / d output: y ∘ (dy − Σ y·dy) / T. */
export function softmaxBackward(runtime, x, gradOutput, options) {
  return softmaxFamilyBackward(runtime, 'grad.softmax', x, gradOutput, options, 'softmaxBackward');
}

/** Gradient of logSoftmax(x / T) w.r.t. x: (dy − softmax(x / T) · Σ dy) / T. */
export function logSoftmaxBackward(runtime, x, gradOutput, options) {
  return softmaxFamilyBackward(runtime, 'grad.logSoftmax', x, gradOutput, options, 'logSoftmaxBackward');
}

/**
 * Gradients of scaledDotProductAttention w.r.t. q, k and v, given d loss / d output [..., Lq, dv] and
 * the options of the forward call (mask, maskKind, causal, scale) → { q, k, v } with their shapes.
 */
export function scaledDotProductAttentionBackward(runtime, q, k, v, gradOutput, options) {
  const functionName = 'grad.scaledDotProductAttention';
  const o = checkOptions(functionName, options, ['mask', 'maskKind', 'causal', 'scale']);
  const scale = scaleOption(functionName, o);
  const causal = booleanArgument(functionName, 'options.causal', o.causal, false);
  const additiveMask = additiveMaskOption(functionName, o);
  return withScope(runtime, functionName, (scope) => {
    const inputs = { q: scope.describe('q', q), k: scope.describe('k', k), v: scope.describe('v', v) };
    const grad = scope.describe('gradOutput', gradOutput);
    const mask = scope.describe('options.mask', o.mask, { optional: true });
    if (inputs.q.shape.length >= 2 && inputs.k.shape.length >= 2) {
      // The backward pass keeps the weights of every matrix, like a forward call returning them.
      checkScores(functionName, broadcastLeading(inputs.q.shape, inputs.k.shape), inputs.q.shape.at(-2), inputs.k.shape.at(-2), true, '');
    }
    const handles = ['q', 'k', 'v'].map((name) => scope.write(name, inputs[name]));
    const gradHandle = scope.write('gradOutput', grad);
    const maskHandle = scope.write('options.mask', mask);
    const [dq, dk, dv] = scope.listCall(
      (raw) => raw.scaledDotProductAttentionBackward(...handles, gradHandle, scale, causal, maskHandle, additiveMask), 3);
    return { q: dq, k: dk, v: dv };
  });
}
