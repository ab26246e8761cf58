// createAttention(): loads a build of the core and assembles the API object.
import { additiveAttention } from './additive-attention.js';
import { flashAttention } from './flash-attention.js';
import { logSoftmaxBackward, scaledDotProductAttentionBackward, softmaxBackward } from './gradients.js';
import { hardAttention } from './hard-attention.js';
import { loadModule } from './load-module.js';
import { causalMask, paddingMask, slidingWindowMask } from './masks.js';
import { multiHeadAttention } from './multi-head-attention.js';
import { checkOptions, booleanArgument } from './options.js';
import { rope, sinusoidalEncoding } from './positional.js';
import { createRandom } from './random.js';
import { scaledDotProductAttention, timeScaledDotProductAttention } from './scaled-dot-product-attention.js';
import { additiveScores, bilinearScores, dotScores, scaledDotScores } from './scores.js';
import { logSoftmax, softmax } from './softmax.js';
import { tensor } from './tensor.js';
import { createTransformer } from './transformer.js';
import { createRuntime } from './wasm-boundary.js';

/**
 * Loads the WebAssembly core and returns the API. options.simd: true → SIMD build, false → scalar
 * build, undefined → SIMD where the engine supports it. Each call has its own instance and memory.
 */
export async function createAttention(options) {
  const { simd } = checkOptions('createAttention', options, ['simd']);
  const runtime = createRuntime(await loadModule({ simd }));
  const { raw, memory } = runtime;
  const build = raw.buildInfo();

  return Object.freeze({
    softmax: (x, opts) => softmax(runtime, x, opts),
    logSoftmax: (x, opts) => logSoftmax(runtime, x, opts),
    scaledDotProductAttention: (q, k, v, opts) => scaledDotProductAttention(runtime, q, k, v, opts),
    additiveAttention: (q, k, v, opts) => additiveAttention(runtime, q, k, v, opts),
    hardAttention: (q, k, v, opts) => hardAttention(runtime, q, k, v, opts),
    multiHeadAttention: (query, key, value, opts) => multiHeadAttention(runtime, query, key, value, opts),
    flashAttention: (q, k, v, opts) => flashAttention(runtime, q, k, v, opts),
    scores: Object.freeze({
      dot: (q, k) => dotScores(runtime, q, k),
      scaledDot: (q, k, opts) => scaledDotScores(runtime, q, k, opts),
      additive: (q, k, opts) => additiveScores(runtime, q, k, opts),
      bilinear: (q, k, opts) => bilinearScores(runtime, q, k, opts),
    }),
    masks: Object.freeze({
      causal: (lq, lk) => causalMask(runtime, lq, lk),
      padding: (lengths, n) => paddingMask(runtime, lengths, n),
      slidingWindow: (n, window, opts) => slidingWindowMask(runtime, n, window, opts),
    }),
    positional: Object.freeze({
      sinusoidal: (n, d) => sinusoidalEncoding(runtime, n, d),
      rope: (x, opts) => rope(runtime, x, opts),
    }),
    grad: Object.freeze({
      softmax: (x, gradOutput, opts) => softmaxBackward(runtime, x, gradOutput, opts),
      logSoftmax: (x, gradOutput, opts) => logSoftmaxBackward(runtime, x, gradOutput, opts),
      scaledDotProductAttention: (q, k, v, gradOutput, opts) => scaledDotProductAttentionBackward(runtime, q, k, v, gradOutput, opts),
    }),
    createTransformer: (config) => createTransformer(runtime, config),
    random: Object.freeze(createRandom()),
    tensor,
    info: () => ({
      version: build.version,
      simd: build.simd,
      arch: build.arch,
      lanes: build.lanes,
      memoryBytes: memory.buffer.byteLength,
      heapBytes: raw.heapBytes(),
    }),
    timeScaledDotProductAttention: (q, k, v, opts) => timeScaledDotProductAttention(runtime, q, k, v, opts),
    scratchMemory: (opts) => {
      const { resetPeak } = checkOptions('scratchMemory', opts, ['resetPeak']);
      return raw.scratchMemory(booleanArgument('scratchMemory', 'options.resetPeak', resetPeak, false));
    },
  });
}
