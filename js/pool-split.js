// How the attention pool cuts one call into parts: the leading (batch, head) dimensions of q, k, v
// (and of a mask with leading dimensions) are broadcast together and flattened into P independent
// [Lq, Lk] problems; part c takes the contiguous range [start_c, end_c) of them, so its results land
// in one contiguous range of the full output (and weights) and are copied there in one go.

/** The broadcast of leading shapes (numpy rules), or null when two extents differ and neither is 1. */
export function broadcastShapes(shapes) {
  const rank = Math.max(0, ...shapes.map((shape) => shape.length));
  const result = new Array(rank).fill(1);
  for (const shape of shapes) {
    for (let i = 0; i < shape.length; i += 1) {
      const axis = rank - shape.length + i;
      const extent = shape[i];
      if (extent === result[axis] || extent === 1) continue;
      if (result[axis] !== 1) return null;
      result[axis] = extent;
    }
  }
  return result;
}

const product = (shape) => shape.reduce((a, b) => a * b, 1);

/**
 * Plans a call on described inputs { q, k, v, mask? } (each { shape }) for `parts` workers.
 * Returns null when the call should run whole in one worker: nothing to split (one problem, one
 * worker) or shapes the core would refuse — it then refuses them with its own message.
 * Otherwise { leading, problems, ranges: [[start, end], …], splitMask }: splitMask is false when a
 * mask without leading dimensions goes unchanged to every part (it broadcasts there the same way).
 */
/**
 * @param {{ q: { shape: number[] }, k: { shape: number[] }, v: { shape: number[] }, mask?: { shape: number[] } | null }} tensors
 * @param {number} parts
 */
export function planSplit({ q, k, v, mask }, parts) {
  if (parts < 2 || [q, k, v].some((t) => t.shape.length < 2)) return null;
  const leading = broadcastShapes([q, k, v].map((t) => t.shape.slice(0, -2)));
  if (leading === null) return null;
  let splitMask = false;
  if (mask && mask.shape.length > 2) {
    const maskLeading = mask.shape.slice(0, -2);
    // A mask whose leading dimensions would widen the batch: leave that case to the core.
    if (maskLeading.length > leading.length) return null;
    const joint = broadcastShapes([leading, maskLeading]);
    if (joint === null || joint.some((extent, axis) => extent !== leading[axis])) return null;
    splitMask = true;
  }
  const problems = product(leading);
  const count = Math.min(parts, problems);
  if (count < 2) return null;
  const ranges = [];
  for (let c = 0; c < count; c += 1) ranges.push([Math.floor((c * problems) / count), Math.floor(((c + 1) * problems) / count)]);
  return { leading, problems, ranges, splitMask };
}

/**
 * Copies problems [start, end) of a tensor { shape, data: Float32Array } broadcast to `leading`
 * into `target` (a Float32Array of (end − start) · matrix elements) and returns the part's shape
 * [end − start, A, B]. A tensor that covers every problem is one contiguous slice; a broadcast one
 * (an extent of 1, or fewer leading dimensions) repeats its matrices as the core would.
 */
export function gatherProblems({ shape, data }, leading, start, end, target) {
  const matrix = shape.slice(-2);
  const matrixSize = matrix[0] * matrix[1];
  const own = shape.slice(0, -2);
  if (product(own) === product(leading)) {
    target.set(data.subarray(start * matrixSize, end * matrixSize));
    return [end - start, ...matrix];
  }
  // Map each flat index over `leading` to the tensor's own flat index (extent 1 → index 0).
  const offset = leading.length - own.length;
  for (let problem = start; problem < end; problem += 1) {
    let rest = problem;
    let source = 0;
    let stride = 1;
    for (let axis = leading.length - 1; axis >= offset; axis -= 1) {
      const index = rest % leading[axis];
      rest = Math.floor(rest / leading[axis]);
      const extent = own[axis - offset];
      if (extent !== 1) source += index * stride;
      stride *= extent;
    }
    target.set(data.subarray(source * matrixSize, (source + 1) * matrixSize), (problem - start) * matrixSize);
  }
  return [end - start, ...matrix];
}
