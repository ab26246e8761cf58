// The options of a ```lab kind=stability``` block (checked by web/src/labs/lab-options.js).
export const WIDTHS = [4, 16, 64, 256, 1024, 4096];

export const OPTIONS = {
  magnitude: { type: 'number', min: 0.1, max: 3000, default: 10 },
  d: { oneOf: WIDTHS, default: 1024 },
};
