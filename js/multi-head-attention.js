// Multi-head attention, with grouped-query and multi-query variants (numKvHeads).
import { additiveMaskOption, booleanArgument, checkOptions, requireOption, sizeArgument } from './options.js';
import { broadcastLeading, checkScores } from './size-limits.js';
import { withScope } from './wasm-boundary.js';

const allowedOptions = ['numHeads', 'numKvHeads', 'Wq', 'Wk', 'Wv', 'Wo', 'bq', 'bk', 'bv', 'bo', 'mask', 'maskKind', 'causal', 'returnWeights'];
const projectionNames = ['Wq', 'Wk', 'Wv', 'Wo'];
const biasNames = ['bq', 'bk', 'bv', 'bo'];

/**
 * Projects query/key/value (x·W + b), splits into numHeads heads, runs scaled dot-product attention
 * per head and projects the concatenation with Wo. query [..., Lq, dModel], key/value [..., Lk, dModel]
 * → { output [..., Lq, dModel], weights [..., numHeads, Lq, Lk] }.
 */
export function multiHeadAttention(runtime, query, key, value, options) {
  const functionName = 'multiHeadAttention';
  const o = checkOptions(functionName, options, allowedOptions, { required: true });
  const numHeads = sizeArgument(functionName, 'options.numHeads', requireOption(functionName, o, 'numHeads', 'a positive integer'));
  const numKvHeads = o.numKvHeads === undefined ? 0 : sizeArgument(functionName, 'options.numKvHeads', o.numKvHeads);
  const projections = projectionNames.map((name) => requireOption(functionName, o, name, 'a projection matrix'));
  const causal = booleanArgument(functionName, 'options.causal', o.causal, false);
  const returnWeights = booleanArgument(functionName, 'options.returnWeights', o.returnWeights, true);
  const additiveMask = additiveMaskOption(functionName, o);
  return withScope(runtime, functionName, (scope) => {
    const inputs = [scope.describe('query', query), scope.describe('key', key), scope.describe('value', value)];
    const weights = projectionNames.map((name, i) => scope.describe(`options.${name}`, projections[i]));
    const biases = biasNames.map((name) => scope.describe(`options.${name}`, o[name], { optional: true }));
    const mask = scope.describe('options.mask', o.mask, { optional: true });
    const [queryShape, keyShape] = [inputs[0].shape, inputs[1].shape];
    if (queryShape.length >= 2 && keyShape.length >= 2) {
      checkScores(functionName, [...broadcastLeading(queryShape, keyShape), numHeads], queryShape.at(-2), keyShape.at(-2),
        returnWeights, returnWeights ? '; pass returnWeights: false' : '');
    }
    const handles = [
      ...['query', 'key', 'value'].map((name, i) => scope.write(name, inputs[i])),
      numHeads, numKvHeads,
      ...projectionNames.map((name, i) => scope.write(`options.${name}`, weights[i])),
      ...biasNames.map((name, i) => scope.write(`options.${name}`, biases[i])),
    ];
    const maskHandle = scope.write('options.mask', mask);
    return scope.resultCall(
      (raw) => raw.multiHeadAttention(...handles, causal, maskHandle, additiveMask, returnWeights),
      { weights: returnWeights },
    );
  });
}
