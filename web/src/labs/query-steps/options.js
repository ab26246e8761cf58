// The options of a ```lab kind=query-steps``` block (checked by web/src/labs/lab-options.js).
import { STEPS } from './formulas.js';

export const OPTIONS = {
  tokens: { type: 'strings', minItems: 2, maxItems: 8 },
  d: { type: 'integer', min: 1, max: 16, default: 4 },
  seed: { type: 'integer', min: 0, max: 1_000_000, default: 7 },
  causal: { type: 'boolean', default: true },
  query: { type: 'integer', min: 0, max: 7, default: 2 },
  step: { oneOf: STEPS, default: 'dot' },
};
