// The options of a ```lab kind=mask-composer``` block (checked by web/src/labs/lab-options.js).
export const OPTIONS = {
  lq: { type: 'integer', min: 1, max: 8, default: 4 },
  lk: { type: 'integer', min: 1, max: 8, default: 6 },
  d: { type: 'integer', min: 1, max: 64, default: 8 },
  seed: { type: 'integer', min: 0, max: 1_000_000, default: 1 },
  preset: { oneOf: ['causal', 'all', 'none', 'padding', 'window'], default: 'causal' },
};
