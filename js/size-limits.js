// Refusing, before any work starts, results that cannot fit in WebAssembly memory.
//
// wasm32 sizes are 32-bit: a product of extents beyond 2³² would wrap around inside the core, and
// anything beyond the 2 GiB memory limit fails anyway. A clear error up front is better than an
// allocation failure halfway through a call.
import { formatShape, rangeError } from './errors.js';
import { MAX_MEMORY_BYTES } from './wasm-boundary.js';

const MiB = 2 ** 20;

/** The leading (batch, head) shape of tensors [..., A, B] broadcast together, e.g. [2, 1] and [3] → [2, 3]. */
export function broadcastLeading(...shapes) {
  const leading = shapes.map((shape) => shape.slice(0, -2));
  const rank = Math.max(...leading.map((shape) => shape.length));
  const result = new Array(rank).fill(1);
  for (const shape of leading) {
    shape.forEach((extent, i) => {
      const axis = rank - shape.length + i;
      result[axis] = Math.max(result[axis], extent);
    });
  }
  return result;
}

/** Throws a RangeError when a float32 tensor of `shape` (described as `what`) cannot fit in wasm memory. */
export function checkFits(functionName, what, shape, hint = '') {
  const bytes = shape.reduce((a, b) => a * b, 1) * 4;
  if (bytes >= MAX_MEMORY_BYTES) {
    throw rangeError(functionName, `${what} of shape ${formatShape(shape)} would need ${Math.ceil(bytes / MiB)} MiB, more than the ${MAX_MEMORY_BYTES / MiB} MiB WebAssembly memory${hint}`);
  }
}

/**
 * Checks the score matrices of a naive attention call: all of them when the weights are returned,
 * one [Lq, Lk] matrix at a time otherwise. `batch` is the broadcast leading shape (with heads).
 */
export function checkScores(functionName, batch, lq, lk, returnWeights, hint) {
  if (returnWeights) checkFits(functionName, 'the weights', [...batch, lq, lk], hint);
  else checkFits(functionName, 'one score matrix', [lq, lk], hint);
}
