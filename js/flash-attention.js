// Tiled attention with online softmax (FlashAttention-style): the Lq×Lk matrix is never formed.
import { describeValue, typeError } from './errors.js';
import { attentionResultShapes, checkOutSize, outOption } from './output-buffers.js';
import { additiveMaskOption, booleanArgument, checkOptions, scaleOption, sizeArgument } from './options.js';
import { withScope } from './wasm-boundary.js';

const allowedOptions = ['causal', 'mask', 'maskKind', 'scale', 'blockSize', 'out'];

function blockSizes(functionName, blockSize) {
  if (blockSize === undefined) return [0, 0]; // the core's tuned defaults
  if (typeof blockSize === 'number') {
    const size = sizeArgument(functionName, 'options.blockSize', blockSize);
    return [size, size];
  }
  if (Array.isArray(blockSize) && blockSize.length === 2) {
    return [sizeArgument(functionName, 'options.blockSize[0]', blockSize[0]), sizeArgument(functionName, 'options.blockSize[1]', blockSize[1])];
  }
  throw typeError(functionName, `options.blockSize must be a positive integer or [queryRows, keys], got ${describeValue(blockSize)}`);
}

/**
 * Same output as scaledDotProductAttention (within float rounding) in O(block·d) extra memory.
 * q [..., Lq, d], k [..., Lk, d], v [..., Lk, dv] → { output [..., Lq, dv] }.
 */
export function flashAttention(runtime, q, k, v, options) {
  const functionName = 'flashAttention';
  const o = checkOptions(functionName, options, allowedOptions);
  const scale = scaleOption(functionName, o);
  const causal = booleanArgument(functionName, 'options.causal', o.causal, false);
  const additiveMask = additiveMaskOption(functionName, o);
  const [blockQ, blockK] = blockSizes(functionName, o.blockSize);
  const out = outOption(functionName, o.out, ['output']);
  return withScope(runtime, functionName, (scope) => {
    const inputs = { q: scope.describe('q', q), k: scope.describe('k', k), v: scope.describe('v', v) };
    const resultShapes = attentionResultShapes(inputs.q.shape, inputs.k.shape, inputs.v.shape);
    if (resultShapes) checkOutSize(functionName, 'output', out.output, resultShapes.output);
    const qHandle = scope.write('q', inputs.q);
    const kHandle = scope.write('k', inputs.k);
    const vHandle = scope.write('v', inputs.v);
    const maskHandle = scope.input('options.mask', o.mask, { optional: true });
    const output = scope.tensorCall(
      (raw) => raw.flashAttention(qHandle, kHandle, vHandle, scale, causal, maskHandle, additiveMask, blockQ, blockK),
      out.output,
    );
    return { output };
  });
}
