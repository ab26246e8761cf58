// The training lab's worker: owns the core and one tiny Transformer, and trains it in slices of about
// SLICE_MS so that a "pause", "predict" or "save" message waits at most one slice. The page never computes.
//
// Page → worker: { type: 'reset', task, size, seed }          a fresh model (seeded) on a task
//                { type: 'train', maxSteps } | { type: 'pause' } | { type: 'step' }
//                { type: 'predict', text }                     greedy answer for a typed prompt
//                { type: 'save' } | { type: 'load', bytes }     weights as the core's compact bytes
// Worker → page: { type: 'ready', info } after reset, { type: 'progress', … } after every slice or step,
//                { type: 'prediction', … }, { type: 'saved', bytes }, { type: 'loaded' }, { type: 'stopped', reason },
//                { type: 'error', request, message } (the model is unchanged; the worker keeps working).
import { createAttention, createToyTask, generateAnswer, maskedTokenAccuracy } from 'attention-workshop';
import { MODEL_SIZES, TRAINING } from './options.js';

const SLICE_MS = 40;          // one slice of training; the page's messages are handled between slices
const PROBE_SEED = 20240601;  // the fixed example whose attention maps the page shows while training
const HELD_OUT_SEED = 99;     // 256 examples from their own seeded stream (not the training batches), scored every EVALUATE_EVERY steps
const EVALUATE_EVERY = 25;

let attnLoading = null;
let state = null;             // { task, model, probe, step, history }
let running = false;
let maxSteps = Infinity;

const post = (message, transfer) => globalThis.postMessage(message, transfer ?? []);

function loadAttention() {
  attnLoading ??= createAttention().catch((error) => { attnLoading = null; throw error; });
  return attnLoading;
}

/** The probe: one fixed prompt with its right answer, teacher-forced, so successive maps are comparable. */
function makeProbe(taskName, prompt) {
  const task = createToyTask(taskName, { seed: PROBE_SEED });
  const first = prompt ?? task.prompt();
  const sequence = [...first, ...task.answer(first)];
  return { prompt: first, sequence, inputs: sequence.slice(0, task.length) };
}

function mapsOf(inputs) {
  const { attention } = state.model.forward({ shape: [1, inputs.length], data: Float32Array.from(inputs) });
  return { shape: [...attention.shape], data: attention.data };
}

/** Token accuracy on the held-out examples, when EVALUATE_EVERY steps have passed (or on demand). */
function evaluation(force) {
  if (!force && state.step - state.evaluatedAt < EVALUATE_EVERY) return null;
  state.evaluatedAt = state.step;
  const { heldOut } = state;
  return { step: state.step, accuracy: maskedTokenAccuracy(state.model.forward(heldOut.inputs).logits, heldOut) };
}

function progressMessage() {
  const probe = mapsOf(state.probe.inputs);
  return {
    type: 'progress',
    step: state.step,
    running,
    evaluation: evaluation(!running),
    // Only the points since the last message; the page keeps the whole curve.
    points: state.history.splice(0),
    probe: { prompt: state.probe.prompt, sequence: state.probe.sequence, inputs: state.probe.inputs, attention: probe },
  };
}

function trainOneStep() {
  const batch = state.task.batch(TRAINING.batchSize);
  const { loss, accuracy } = state.model.trainStep(batch.inputs, batch.targets,
    { lossMask: batch.lossMask, learningRate: TRAINING.learningRate });
  state.step += 1;
  state.history.push({ step: state.step, loss, accuracy });
}

function slice() {
  if (!running || !state) return;
  const end = performance.now() + SLICE_MS;
  try {
    while (performance.now() < end && state.step < maxSteps) trainOneStep();
  } catch (error) {
    running = false;
    post({ type: 'error', request: 'train', message: String(error?.message ?? error) });
    return;
  }
  if (state.step >= maxSteps) running = false;
  post(progressMessage());
  if (!running) post({ type: 'stopped', reason: state.step >= maxSteps ? 'max-steps' : 'paused', step: state.step });
  // A macrotask, not a loop: messages that arrived during the slice (pause, predict) run before the next one.
  else setTimeout(slice, 0);
}

async function reset({ task: taskName, size, seed }) {
  running = false;
  const attn = await loadAttention();
  state?.model.dispose();
  state = null;
  const task = createToyTask(taskName, { seed });
  const model = attn.createTransformer({ ...MODEL_SIZES[size], vocabSize: task.vocabSize, maxLength: 12, seed });
  const heldOut = createToyTask(taskName, { seed: HELD_OUT_SEED }).batch(256);
  state = { task, taskName, size, seed, model, probe: makeProbe(taskName), heldOut, evaluatedAt: -Infinity, step: 0, history: [] };
  post({
    type: 'ready',
    info: { task: taskName, size, seed, parameterCount: model.parameterCount, config: model.config, simd: attn.info().simd },
  });
  post(progressMessage());
}

const handlers = {
  reset,
  train({ maxSteps: limit }) {
    maxSteps = limit ?? Infinity;
    if (running || !state) return;
    running = true;
    slice();
  },
  pause() {
    running = false;
  },
  step() {
    running = false;
    trainOneStep();
    post(progressMessage());
  },
  predict({ text }) {
    const prompt = state.task.parsePrompt(text);
    const { answer, sequence, attention } = generateAnswer(state.model, state.task, prompt);
    const expected = state.task.answer(prompt);
    post({
      type: 'prediction',
      prompt,
      answer,
      expected,
      sequence,
      inputs: sequence.slice(0, state.task.length),
      attention: { shape: [...attention.shape], data: attention.data },
    });
    // From now on the maps follow this prompt (with its right answer), so the learner watches their own example.
    state.probe = makeProbe(state.taskName, prompt);
    if (!running) post(progressMessage());
  },
  save() {
    const bytes = state.model.save();
    post({ type: 'saved', bytes, info: { task: state.taskName, size: state.size, seed: state.seed, step: state.step } }, [bytes.buffer]);
  },
  load({ bytes, step }) {
    running = false;
    state.model.load(bytes);
    state.step = step ?? 0;
    state.evaluatedAt = -Infinity;
    state.history.length = 0;
    post({ type: 'loaded' });
    post(progressMessage());
  },
};

globalThis.addEventListener('message', async ({ data }) => {
  const handler = data && Object.hasOwn(handlers, data.type) ? handlers[data.type] : null;
  if (!handler) {
    post({ type: 'error', request: String(data?.type), message: `unknown request ${JSON.stringify(data?.type)}` });
    return;
  }
  try {
    if (!state && data.type !== 'reset') throw new Error('the model is not ready yet');
    await handler(data);
  } catch (error) {
    post({ type: 'error', request: data.type, message: String(error?.message ?? error) });
  }
});
