// The options of a ```lab kind=score-functions``` block (checked by web/src/labs/lab-options.js).
export const WIDTHS = [2, 4, 8, 16, 32, 64, 128];
export const TEMPERATURES = [0.1, 0.2, 0.5, 1, 2, 5, 10];

export const OPTIONS = {
  d: { oneOf: WIDTHS, default: 16 },
  temperature: { oneOf: TEMPERATURES, default: 1 },
  topK: { type: 'integer', min: 1, max: 6, default: 2 },
  seed: { type: 'integer', min: 0, max: 1_000_000, default: 11 },
};
