// Softmax and log-softmax along the last axis.
import { checkOptions, numberArgument } from './options.js';
import { withScope } from './wasm-boundary.js';

function softmaxFamily(runtime, functionName, x, options, operation) {
  const { temperature } = checkOptions(functionName, options, ['temperature']);
  const t = numberArgument(functionName, 'options.temperature', temperature, { fallback: 1, float32: true });
  return withScope(runtime, functionName, (scope) => {
    const xHandle = scope.input('x', x);
    return scope.tensorCall((raw) => raw[operation](xHandle, t));
  });
}

/** softmax(x / T) along the last axis: x [..., n] → [..., n]; rows sum to 1. */
export function softmax(runtime, x, options) {
  return softmaxFamily(runtime, 'softmax', x, options, 'softmax');
}

/** log(softmax(x / T)) along the last axis, computed directly so it stays finite. */
export function logSoftmax(runtime, x, options) {
  return softmaxFamily(runtime, 'logSoftmax', x, options, 'logSoftmax');
}
