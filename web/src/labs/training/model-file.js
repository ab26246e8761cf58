// The training lab's model file: JSON that says which task and model size the weights belong to, with the core's
// compact bytes (transformer.save()) in base64. JSON rather than the raw bytes so that a shared file can be
// recognised and checked before anything is loaded: a wrong file gets a clear message and the current model stays.
import { toyTaskNames } from 'attention-workshop';
import { MODEL_SIZES } from './options.js';

export const MODEL_FILE_FORMAT = 'attention-workshop/training-lab-model';
const VERSION = 1;

function toBase64(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(text) {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The file's text for `bytes` (from transformer.save()) trained on info = { task, size, seed, step }. */
export function encodeModelFile({ task, size, seed, step }, bytes) {
  return JSON.stringify({ format: MODEL_FILE_FORMAT, version: VERSION, task, size, seed, step, weights: toBase64(bytes) });
}

/** Reads a model file's text → { task, size, seed, step, bytes }; throws an Error saying what is wrong. */
export function decodeModelFile(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('this file is not a saved model of the training lab (it is not JSON)');
  }
  if (data?.format !== MODEL_FILE_FORMAT) throw new Error(`this file is not a saved model of the training lab (expected "format": "${MODEL_FILE_FORMAT}")`);
  if (data.version !== VERSION) throw new Error(`unsupported model file version ${JSON.stringify(data.version)}; expected ${VERSION}`);
  if (!toyTaskNames().includes(data.task)) throw new Error(`unknown task ${JSON.stringify(data.task)}; expected one of ${toyTaskNames().join(', ')}`);
  if (!Object.hasOwn(MODEL_SIZES, data.size)) throw new Error(`unknown model size ${JSON.stringify(data.size)}; expected one of ${Object.keys(MODEL_SIZES).join(', ')}`);
  if (!Number.isInteger(data.step) || data.step < 0) throw new Error(`"step" must be a whole number ≥ 0, got ${JSON.stringify(data.step)}`);
  let bytes;
  try {
    bytes = fromBase64(String(data.weights));
  } catch {
    throw new Error('the weights of this file are damaged (not base64)');
  }
  return { task: data.task, size: data.size, seed: data.seed, step: data.step, bytes };
}
