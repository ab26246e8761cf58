// Positional encodings: sinusoidal (added to embeddings) and rotary (applied to q and k).
import { checkOptions, numberArgument, sizeArgument } from './options.js';
import { checkFits } from './size-limits.js';
import { withScope } from './wasm-boundary.js';

/** Sinusoidal encoding [n, d]: PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(…). */
export function sinusoidalEncoding(runtime, n, d) {
  const functionName = 'positional.sinusoidal';
  const positions = sizeArgument(functionName, 'n', n);
  const width = sizeArgument(functionName, 'd', d);
  checkFits(functionName, 'the encoding', [positions, width]);
  return withScope(runtime, functionName, (scope) => scope.tensorCall((raw) => raw.sinusoidalEncoding(positions, width)));
}

/** Rotary embedding of x [..., L, d] (d even) on pairs (2i, 2i+1), positions offset + 0 … L − 1. */
export function rope(runtime, x, options) {
  const functionName = 'positional.rope';
  const o = checkOptions(functionName, options, ['base', 'offset']);
  const base = numberArgument(functionName, 'options.base', o.base, { fallback: 10000, float32: true });
  const offset = numberArgument(functionName, 'options.offset', o.offset, { fallback: 0, integer: true, min: 0 });
  return withScope(runtime, functionName, (scope) => {
    const xHandle = scope.input('x', x);
    return scope.tensorCall((raw) => raw.rope(xHandle, base, offset));
  });
}
