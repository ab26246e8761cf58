// The options of a ```lab kind=complexity``` block (checked by web/src/labs/lab-options.js).
export const OPTIONS = {
  maxN: { oneOf: [256, 512, 1024, 2048, 4096], default: 1024 }, // the largest n selected at first
  minN: { oneOf: [16, 32, 64, 128], default: 64 },
  heads: { type: 'integer', min: 1, max: 16, default: 4 },
  d: { type: 'integer', min: 4, max: 256, default: 64 },
};
