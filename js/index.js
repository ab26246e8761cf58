// attention-workshop: the JavaScript API of the Attention Workshop core (C++ → WebAssembly).
// Re-exports only; see index.d.ts for the documented contract.
export { createAttention } from './create-attention.js';
export { isSimdSupported } from './load-module.js';
export { Tensor, tensor } from './tensor.js';
export { createAttentionPool } from './pool.js';
export { createToyTask, generateAnswer, maskedTokenAccuracy, toyTaskNames } from './toy-tasks.js';
