// attn.createTransformer(): the core's tiny decoder-only Transformer, trained and run from JavaScript.
import { fromCoreError, typeError } from './errors.js';
import { checkOptions, numberArgument, sizeArgument } from './options.js';
import { withScope } from './wasm-boundary.js';

/** The lab's default model (issue 10): vocab 16, L 12, d_model 32, 4 heads, 2 layers, MLP 4×. */
export const TRANSFORMER_DEFAULTS = Object.freeze({
  vocabSize: 16, maxLength: 12, dModel: 32, numHeads: 4, numLayers: 2, mlpRatio: 4, seed: 0,
});

/** AdamW defaults of trainStep (β2 0.98 as in Vaswani et al. 2017; weightDecay 0 is plain Adam). */
export const TRAIN_DEFAULTS = Object.freeze({
  learningRate: 3e-3, beta1: 0.9, beta2: 0.98, epsilon: 1e-8, weightDecay: 0,
});

const configKeys = Object.keys(TRANSFORMER_DEFAULTS);
const trainKeys = [...Object.keys(TRAIN_DEFAULTS), 'lossMask'];

// Frees the C++ model of a JavaScript object that was dropped without dispose().
const leakGuard = new FinalizationRegistry(({ raw, handle }) => raw.freeTransformer(handle));

/**
 * Creates a model with seeded weights. config: { vocabSize, maxLength, dModel, numHeads, numLayers,
 * mlpRatio, seed }, each optional (TRANSFORMER_DEFAULTS). Returns { config, parameterCount,
 * trainStep, forward, save, load, dispose }.
 */
export function createTransformer(runtime, config) {
  const functionName = 'createTransformer';
  const options = checkOptions(functionName, config, configKeys);
  const settings = {};
  for (const key of configKeys) {
    const fallback = TRANSFORMER_DEFAULTS[key];
    settings[key] = key === 'seed'
      ? numberArgument(functionName, `config.${key}`, options[key], { fallback, integer: true, min: 0 })
      : sizeArgument(functionName, `config.${key}`, options[key], { fallback });
  }
  const { raw } = runtime;
  const handle = raw.createTransformer(settings.vocabSize, settings.maxLength, settings.dModel, settings.numHeads,
    settings.numLayers, settings.mlpRatio, settings.seed >>> 0);
  if (handle === 0) throw fromCoreError(functionName, raw.lastErrorMessage());
  const token = {};
  leakGuard.register(token, { raw, handle }, token);
  let disposed = false;

  const live = (name) => {
    if (disposed) throw new Error(`transformer.${name}: this model was disposed`);
  };

  const model = {
    /** The configuration the model was made with (defaults filled in). */
    config: Object.freeze({ ...settings }),
    /** Number of trainable float32 parameters. */
    parameterCount: raw.transformerParameterCount(handle),

    /**
     * One training step (forward, masked cross-entropy, backward, AdamW) on integer tokens
     * inputs, targets [batch, L]; → { loss, accuracy } measured before the update.
     */
    trainStep(inputs, targets, trainOptions) {
      const name = 'transformer.trainStep';
      live('trainStep');
      const o = checkOptions(name, trainOptions, trainKeys);
      const hyper = {};
      for (const key of Object.keys(TRAIN_DEFAULTS)) {
        hyper[key] = numberArgument(name, `options.${key}`, o[key], { fallback: TRAIN_DEFAULTS[key], float32: true });
      }
      return withScope(runtime, name, (scope) => {
        const inputsHandle = scope.input('inputs', inputs);
        const targetsHandle = scope.input('targets', targets);
        const maskHandle = scope.input('options.lossMask', o.lossMask, { optional: true });
        const result = raw.transformerTrainStep(handle, inputsHandle, targetsHandle, maskHandle, hyper.learningRate,
          hyper.beta1, hyper.beta2, hyper.epsilon, hyper.weightDecay);
        if (result === null) throw fromCoreError(name, raw.lastErrorMessage());
        return { loss: result.loss, accuracy: result.accuracy };
      });
    },

    /** Inference on integer tokens [batch, L] → { logits [batch, L, vocab], attention [layers, batch, heads, L, L] }. */
    forward(inputs) {
      const name = 'transformer.forward';
      live('forward');
      return withScope(runtime, name, (scope) => {
        const inputsHandle = scope.input('inputs', inputs);
        const [logits, attention] = scope.listCall((r) => r.transformerForward(handle, inputsHandle), 2);
        return { logits, attention };
      });
    },

    /** The parameters as a compact binary (a Uint8Array the caller owns): "AWTF", configuration, float32 weights. */
    save() {
      live('save');
      const view = raw.transformerSave(handle);
      if (view === null) throw fromCoreError('transformer.save', raw.lastErrorMessage());
      return view.slice();
    },

    /** Loads what save() returned (the same configuration); Adam restarts. Throws, changing nothing, otherwise. */
    load(bytes) {
      const name = 'transformer.load';
      live('load');
      const data = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
      if (!(data instanceof Uint8Array)) {
        throw typeError(name, `bytes must be a Uint8Array or an ArrayBuffer (what save() returned), got ${data === null ? 'null' : typeof data}`);
      }
      if (!raw.transformerLoad(handle, data)) throw fromCoreError(name, raw.lastErrorMessage());
    },

    /** Frees the model's WebAssembly memory; any later call throws. Calling it twice is harmless. */
    dispose() {
      if (disposed) return;
      disposed = true;
      leakGuard.unregister(token);
      raw.freeTransformer(handle);
    },

    /** Mean milliseconds per training step timed inside C++ (default AdamW settings), for benchmarks. */
    timeTrainStep(inputs, targets, timeOptions) {
      const name = 'transformer.timeTrainStep';
      live('timeTrainStep');
      const o = checkOptions(name, timeOptions, ['steps', 'lossMask']);
      const steps = sizeArgument(name, 'options.steps', o.steps, { fallback: 10 });
      return withScope(runtime, name, (scope) => {
        const handles = [scope.input('inputs', inputs), scope.input('targets', targets),
          scope.input('options.lossMask', o.lossMask, { optional: true })];
        const milliseconds = raw.timeTransformerTrainStep(handle, ...handles, steps);
        if (milliseconds < 0) throw fromCoreError(name, raw.lastErrorMessage());
        return milliseconds;
      });
    },
  };
  return Object.freeze(model);
}
