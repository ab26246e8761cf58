// Error helpers shared by every API function: messages name the function and the argument and say
// what was expected and what was given.

/** A short description of a value's type for error messages: "string", "null", "Array(3)", "object". */
export function describeValue(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.length ?? value.byteLength})`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `number ${value}`;
  if (typeof value === 'object') return value.constructor && value.constructor !== Object ? value.constructor.name : 'object';
  return typeof value;
}

/** Formats a shape as "[2, 10, 32]", the notation the core uses in its messages. */
export function formatShape(shape) {
  return `[${Array.from(shape).join(', ')}]`;
}

/** TypeError "<fn>: <message>". */
export function typeError(functionName, message) {
  return new TypeError(`${functionName}: ${message}`);
}

/** RangeError "<fn>: <message>". */
export function rangeError(functionName, message) {
  return new RangeError(`${functionName}: ${message}`);
}

// The core names its functions and options the C++ way; the API user knows the JavaScript names.
const cppToJsNames = new Map([
  ['num_heads', 'numHeads'],
  ['num_kv_heads', 'numKvHeads'],
  ['top_k', 'topK'],
  ['block_q', 'blockSize'],
  ['block_k', 'blockSize'],
  ['position_offset', 'offset'],
  ['valid_lengths', 'lengths'],
  ['return_weights', 'returnWeights'],
  ['vocab_size', 'vocabSize'],
  ['max_length', 'maxLength'],
  ['d_model', 'dModel'],
  ['num_layers', 'numLayers'],
  ['mlp_ratio', 'mlpRatio'],
  ['learning_rate', 'learningRate'],
  ['weight_decay', 'weightDecay'],
  ['loss_mask', 'lossMask'],
  ['grad_output', 'gradOutput'],
]);
const cppNamePattern = new RegExp(`\\b(${[...cppToJsNames.keys()].join('|')})\\b`, 'g');

/**
 * The Error for a failure the wasm module reported: the core's leading "snake_case_function: "
 * becomes the API function's name and C++ option names become the JavaScript ones, e.g.
 * "hard_attention: top_k must be …" → "hardAttention: topK must be …". Input the core refused
 * (attention::error: a shape that does not fit, NaN or an infinity, a count out of range) is a
 * RangeError; anything else (out of memory) a plain Error.
 */
export function fromCoreError(functionName, message, invalidInput) {
  const detail = message.replace(/^[a-z][a-z0-9_]*: /, '').replace(cppNamePattern, (name) => cppToJsNames.get(name));
  return invalidInput ? new RangeError(`${functionName}: ${detail}`) : new Error(`${functionName}: ${detail}`);
}
