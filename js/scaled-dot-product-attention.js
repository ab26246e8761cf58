// Scaled dot-product attention (Vaswani et al. 2017).
import { fromCoreError } from './errors.js';
import { attentionResultShapes, checkOutSize, outOption } from './output-buffers.js';
import { additiveMaskOption, booleanArgument, checkOptions, scaleOption, sizeArgument } from './options.js';
import { broadcastLeading, checkScores } from './size-limits.js';
import { withScope } from './wasm-boundary.js';

const allowedOptions = ['mask', 'maskKind', 'causal', 'scale', 'returnWeights', 'out'];

/**
 * softmax(scale · q·kᵀ + mask) · v.  q [..., Lq, d], k [..., Lk, d], v [..., Lk, dv] →
 * { output [..., Lq, dv], weights [..., Lq, Lk] } (no weights with returnWeights: false), written into
 * options.out.output / options.out.weights when given.
 */
export function scaledDotProductAttention(runtime, q, k, v, options) {
  const functionName = 'scaledDotProductAttention';
  const o = checkOptions(functionName, options, allowedOptions);
  const scale = scaleOption(functionName, o);
  const causal = booleanArgument(functionName, 'options.causal', o.causal, false);
  const returnWeights = booleanArgument(functionName, 'options.returnWeights', o.returnWeights, true);
  const additiveMask = additiveMaskOption(functionName, o);
  const out = outOption(functionName, o.out, returnWeights ? ['output', 'weights'] : ['output']);
  return withScope(runtime, functionName, (scope) => {
    const inputs = { q: scope.describe('q', q), k: scope.describe('k', k), v: scope.describe('v', v) };
    const resultShapes = attentionResultShapes(inputs.q.shape, inputs.k.shape, inputs.v.shape);
    if (resultShapes) for (const name of ['output', 'weights']) checkOutSize(functionName, name, out[name], resultShapes[name]);
    const mask = scope.describe('options.mask', o.mask, { optional: true });
    if (inputs.q.shape.length >= 2 && inputs.k.shape.length >= 2) {
      checkScores(functionName, broadcastLeading(inputs.q.shape, inputs.k.shape), inputs.q.shape.at(-2), inputs.k.shape.at(-2),
        returnWeights, returnWeights ? '; pass returnWeights: false or use flashAttention' : '; use flashAttention');
    }
    const qHandle = scope.write('q', inputs.q);
    const kHandle = scope.write('k', inputs.k);
    const vHandle = scope.write('v', inputs.v);
    const maskHandle = scope.write('options.mask', mask);
    return scope.resultCall(
      (raw) => raw.scaledDotProductAttention(qHandle, kHandle, vHandle, scale, causal, maskHandle, additiveMask, returnWeights),
      { weights: returnWeights, out },
    );
  });
}

/**
 * Mean milliseconds per scaledDotProductAttention(q, k, v) call timed inside C++ on inputs already in
 * wasm memory (copies excluded): the core's own speed, to compare with a timed JavaScript call.
 */
export function timeScaledDotProductAttention(runtime, q, k, v, options) {
  const functionName = 'timeScaledDotProductAttention';
  const o = checkOptions(functionName, options, ['iterations', 'returnWeights']);
  const iterations = sizeArgument(functionName, 'options.iterations', o.iterations, { fallback: 10 });
  const returnWeights = booleanArgument(functionName, 'options.returnWeights', o.returnWeights, false);
  return withScope(runtime, functionName, (scope) => {
    const handles = [scope.input('q', q), scope.input('k', k), scope.input('v', v)];
    const milliseconds = runtime.raw.timeScaledDotProductAttention(...handles, iterations, returnWeights);
    if (milliseconds < 0) throw fromCoreError(functionName, runtime.raw.lastErrorMessage(), runtime.raw.lastErrorIsInvalidInput());
    return milliseconds;
  });
}
