// The training lab's options and model sizes (checked by web/src/labs/lab-options.js; no DOM: the build imports it).
import { toyTaskNames } from 'attention-workshop';

/** Model sizes offered in the lab; "default" is the benchmark model (≈ 27 k parameters). */
export const MODEL_SIZES = {
  small: { dModel: 16, numHeads: 2, numLayers: 2 },
  default: { dModel: 32, numHeads: 4, numLayers: 2 },
  large: { dModel: 64, numHeads: 4, numLayers: 3 },
};

/** Training settings shared by the lab, its Node test and the benchmark: batch 32, Adam at 3e-3 (the core's defaults). */
export const TRAINING = Object.freeze({ batchSize: 32, learningRate: 3e-3 });

export const OPTIONS = {
  task: { oneOf: toyTaskNames(), default: 'reverse' },
  size: { oneOf: Object.keys(MODEL_SIZES), default: 'default' },
  seed: { type: 'integer', min: 0, max: 1000000, default: 1 },
  maxSteps: { type: 'integer', min: 10, max: 20000, default: 1500 },
  // Start training as soon as the lab is on screen (chapter 6 uses it for the models its applications need).
  autoTrain: { type: 'boolean', default: false },
};
