// The training lab's model file (web/src/labs/training/model-file.js): what save writes, load reads back; a file
// that is not a saved model — or names an unknown task or size, or has damaged weights — is refused with a message
// that says what is wrong, before anything reaches the model.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MODEL_FILE_FORMAT, decodeModelFile, encodeModelFile } from '../../web/src/labs/training/model-file.js';

const info = { task: 'translate', size: 'default', seed: 1, step: 420 };
const bytes = Uint8Array.from({ length: 70000 }, (_, i) => (i * 37) % 256); // longer than one base64 chunk

test('a saved model reads back byte for byte, with its task, size, seed and step', () => {
  const text = encodeModelFile(info, bytes);
  assert.equal(JSON.parse(text).format, MODEL_FILE_FORMAT);
  const read = decodeModelFile(text);
  assert.deepEqual({ ...read, bytes: undefined }, { ...info, bytes: undefined });
  assert.deepEqual(read.bytes, bytes);
  // Written differently (keys reordered, indented) it is the same file.
  const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text)).reverse()), null, 2);
  assert.deepEqual(decodeModelFile(reordered).bytes, bytes);
});

test('files that are not a model of the lab are refused with the reason', () => {
  const good = JSON.parse(encodeModelFile(info, bytes));
  const variant = (change) => JSON.stringify({ ...good, ...change });
  assert.throws(() => decodeModelFile('AWTF\u0001binary'), /not a saved model of the training lab \(it is not JSON\)/);
  assert.throws(() => decodeModelFile('{"hello": 1}'), /expected "format": "attention-workshop\/training-lab-model"/);
  assert.throws(() => decodeModelFile(variant({ version: 2 })), /unsupported model file version 2; expected 1/);
  assert.throws(() => decodeModelFile(variant({ task: 'copy' })), /unknown task "copy"; expected one of reverse, sort, induction, translate/);
  assert.throws(() => decodeModelFile(variant({ size: 'huge' })), /unknown model size "huge"; expected one of small, default, large/);
  assert.throws(() => decodeModelFile(variant({ step: -3 })), /"step" must be a whole number ≥ 0, got -3/);
  assert.throws(() => decodeModelFile(variant({ weights: '!!not base64!!' })), /weights of this file are damaged/);
});
