// Caller-provided output buffers: `{ out: { output, weights } }` makes an attention call write its
// results into Float32Arrays the caller already owns instead of fresh ones. A fresh 32 MiB array
// costs more than the copy itself (the operating system must supply and zero new pages on every
// call), so a loop that reuses its buffers saves that on every call after the first.
import { describeValue, formatShape, rangeError, typeError } from './errors.js';
import { broadcastLeading } from './size-limits.js';

/**
 * Checks options.out: undefined, or { output?, weights? } whose values are Float32Arrays. `fields`
 * lists the results this call can return (no 'weights' with returnWeights: false or flashAttention).
 */
export function outOption(functionName, out, fields) {
  if (out === undefined) return {};
  if (out === null || typeof out !== 'object' || Array.isArray(out) || ArrayBuffer.isView(out)) {
    throw typeError(functionName, `options.out must be an object { ${fields.join(', ')} } of Float32Arrays, got ${describeValue(out)}`);
  }
  for (const [key, buffer] of Object.entries(out)) {
    if (!fields.includes(key)) {
      const hint = key === 'weights' ? ' (no weights are returned by this call)' : '';
      throw typeError(functionName, `unknown field options.out.${key}${hint} (expected one of: ${fields.join(', ')})`);
    }
    if (buffer !== undefined && !(buffer instanceof Float32Array)) {
      throw typeError(functionName, `options.out.${key} must be a Float32Array, got ${describeValue(buffer)}`);
    }
  }
  return out;
}

/** Throws unless `buffer` (options.out.<name>, if given) has exactly the elements of `shape`. */
export function checkOutSize(functionName, name, buffer, shape) {
  if (buffer === undefined) return;
  const size = shape.reduce((a, b) => a * b, 1);
  if (buffer.length !== size) {
    throw rangeError(functionName, `options.out.${name} must have ${size} elements for a result of shape ${formatShape(shape)}, got Float32Array(${buffer.length})`);
  }
}

/**
 * The result shapes of an attention call on q [..., Lq, d], k [..., Lk, d], v [..., Lk, dv], or null
 * when the inputs are too malformed to say (the core then refuses the call with its own message).
 */
export function attentionResultShapes(qShape, kShape, vShape) {
  if (qShape.length < 2 || kShape.length < 2 || vShape.length < 2) return null;
  const leading = broadcastLeading(qShape, kShape, vShape);
  return { output: [...leading, qShape.at(-2), vShape.at(-1)], weights: [...leading, qShape.at(-2), kShape.at(-2)] };
}
