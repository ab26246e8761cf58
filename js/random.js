// Seeded random tensors for examples and exercises: the same seed gives the same numbers on every
// machine and in both builds (pure JavaScript, no wasm).
//
// Generator: xoshiro128** (Blackman & Vigna 2018) seeded through splitmix32; doubles from 53 random
// bits; normals by the Box–Muller transform (both values of each pair are used).
import { describeValue, formatShape, rangeError, typeError } from './errors.js';
import { checkOptions, numberArgument } from './options.js';
import { MAX_RANK, Tensor } from './tensor.js';

const MAX_ELEMENTS = 2 ** 28;

function rotateLeft(x, k) {
  return (x << k) | (x >>> (32 - k));
}

/** A xoshiro128** stream of uniform numbers. */
export class RandomStream {
  /** seed: an integer in [0, 2³²). */
  constructor(seed) {
    let state = seed >>> 0;
    const splitmix32 = () => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.state = Uint32Array.of(splitmix32(), splitmix32(), splitmix32(), splitmix32());
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32() {
    const s = this.state;
    const result = Math.imul(rotateLeft(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotateLeft(s[3], 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  nextDouble() {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }
}

function checkRandomShape(functionName, shape) {
  const dims = typeof shape === 'number' ? [shape] : shape;
  if (!Array.isArray(dims)) throw typeError(functionName, `shape must be an array of positive integers, got ${describeValue(shape)}`);
  if (dims.length === 0 || dims.length > MAX_RANK) throw rangeError(functionName, `shape must have 1 to ${MAX_RANK} dimensions, got ${formatShape(dims)}`);
  let size = 1;
  dims.forEach((extent, axis) => {
    if (!Number.isInteger(extent) || extent <= 0) {
      throw rangeError(functionName, `shape[${axis}] must be a positive integer, got ${describeValue(extent)}`);
    }
    size *= extent;
  });
  if (size > MAX_ELEMENTS) throw rangeError(functionName, `shape ${formatShape(dims)} has ${size} elements; at most ${MAX_ELEMENTS} are supported`);
  return { dims, size };
}

function checkSeed(functionName, seed) {
  const value = numberArgument(functionName, 'seed', seed, { integer: true, min: 0 });
  if (value >= 2 ** 32) throw rangeError(functionName, `seed must be below 2^32, got ${value}`);
  return value;
}

// Accepts (shape, seed) as a shorthand for (shape, { seed }).
function randomOptions(functionName, options, allowed) {
  if (typeof options === 'number') return { seed: options };
  return checkOptions(functionName, options, allowed);
}

/** Creates the `attn.random` namespace; its unseeded calls share one stream that starts from seed 0. */
export function createRandom() {
  let shared = new RandomStream(0);
  const streamFor = (functionName, seed) => (seed === undefined ? shared : new RandomStream(checkSeed(functionName, seed)));
  return {
    /** Normal samples N(mean, std²) of the given shape; { seed } gives an independent, repeatable stream. */
    normal(shape, options) {
      const functionName = 'random.normal';
      const o = randomOptions(functionName, options, ['seed', 'mean', 'std']);
      const { dims, size } = checkRandomShape(functionName, shape);
      const mean = numberArgument(functionName, 'options.mean', o.mean, { fallback: 0 });
      const std = numberArgument(functionName, 'options.std', o.std, { fallback: 1, min: 0 });
      const stream = streamFor(functionName, o.seed);
      const data = new Float32Array(size);
      for (let i = 0; i < size; i += 2) {
        const radius = Math.sqrt(-2 * Math.log(1 - stream.nextDouble())); // 1 − u ∈ (0, 1]: log is finite
        const angle = 2 * Math.PI * stream.nextDouble();
        data[i] = mean + std * radius * Math.cos(angle);
        if (i + 1 < size) data[i + 1] = mean + std * radius * Math.sin(angle);
      }
      return new Tensor(dims, data);
    },

    /** Uniform samples in [min, max) of the given shape; { seed } gives an independent, repeatable stream. */
    uniform(shape, options) {
      const functionName = 'random.uniform';
      const o = randomOptions(functionName, options, ['seed', 'min', 'max']);
      const { dims, size } = checkRandomShape(functionName, shape);
      const min = numberArgument(functionName, 'options.min', o.min, { fallback: 0 });
      const max = numberArgument(functionName, 'options.max', o.max, { fallback: 1 });
      if (!(max > min)) throw rangeError(functionName, `options.max must exceed options.min, got min ${min}, max ${max}`);
      const stream = streamFor(functionName, o.seed);
      const data = new Float32Array(size);
      for (let i = 0; i < size; i += 1) data[i] = min + (max - min) * stream.nextDouble();
      return new Tensor(dims, data);
    },

    /** Restarts the shared stream (used by calls without a seed) from `seed`. */
    seed(seed) {
      shared = new RandomStream(checkSeed('random.seed', seed));
    },
  };
}
