#!/usr/bin/env node
// Training speed of the lab's default model (vocab 16, L 12, d_model 32, 4 heads, 2 layers, MLP 4×, batch 32, Adam)
// in one run, side by side: our core in wasm SIMD and wasm scalar (through the JS API, as the lab calls it, and as
// timed inside C++), natively (the training core's aw_bench_training, when built: its C++-timed ms per step), and the
// same model in TensorFlow.js on its WebAssembly backend (one thread). Then the wall
// time until the reverse task reaches 99 % token accuracy on held-out data with the lab's settings. Printed, never
// asserted: this machine is shared and noisy, so compare the ratios within one run.
//
//   node scripts/bench-training-tfjs.mjs [--rounds 5] [--steps 10] [--no-tfjs] [--target 0.99]
//
// Rounds alternate between the implementations so that a burst of load elsewhere hits them all alike; each figure
// is the median over rounds of the mean over `steps` steps, after warm-up steps (V8 first runs wasm in its baseline
// compiler, and TensorFlow.js compiles its kernels on first use).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { createAttention, createToyTask, maskedTokenAccuracy } from 'attention-workshop';
import { TRAINING } from '../web/src/labs/training/options.js';
import { createTfjsTransformer } from './tfjs-transformer.mjs';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    steps: { type: 'string', default: '10' },
    tfjs: { type: 'boolean', default: true },
    target: { type: 'string', default: '0.99' },
  },
  allowNegative: true,
});
const rounds = Number(args.rounds);
const steps = Number(args.steps);
const target = Number(args.target);
const MODEL = { vocabSize: 16, maxLength: 12, dModel: 32, numHeads: 4, numLayers: 2, mlpRatio: 4, seed: 1 };
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Our core through the JS API: { label, step(batch), inside(batch) } (inside: ms per step timed in C++). */
async function ourCore(simd) {
  const attn = await createAttention({ simd });
  const model = attn.createTransformer(MODEL);
  return {
    label: `ours, wasm ${simd ? 'SIMD' : 'scalar'}`,
    parameterCount: model.parameterCount,
    step: (batch) => model.trainStep(batch.inputs, batch.targets, { lossMask: batch.lossMask, learningRate: TRAINING.learningRate }),
    inside: (batch) => model.timeTrainStep(batch.inputs, batch.targets, { lossMask: batch.lossMask, steps }),
    dispose: () => model.dispose(),
  };
}

async function tensorflowJs() {
  const tf = await import('@tensorflow/tfjs');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setThreadsCount(1);
  await tf.setBackend('wasm');
  await tf.ready();
  const model = createTfjsTransformer(tf, MODEL, TRAINING.learningRate);
  return {
    label: `TensorFlow.js ${tf.version.tfjs}, wasm backend, 1 thread`,
    parameterCount: model.parameterCount,
    step: (batch) => model.trainStep(batch),
    dispose: () => model.dispose(),
  };
}

const contenders = [await ourCore(true), await ourCore(false)];
if (args.tfjs) contenders.push(await tensorflowJs());

console.log(`Model: ${JSON.stringify(MODEL)}, batch ${TRAINING.batchSize}, Adam lr ${TRAINING.learningRate}; task: reverse`);
console.log(`Timing: median over ${rounds} alternating rounds of the mean over ${steps} steps (JS API call, copies included)\n`);
const task = createToyTask('reverse', { seed: 7 });
const batches = Array.from({ length: steps }, () => task.batch(TRAINING.batchSize));
const times = new Map(contenders.map((c) => [c, []]));
const inside = new Map(contenders.map((c) => [c, []]));
for (const c of contenders) for (let i = 0; i < 3; i += 1) c.step(batches[i % steps]); // warm-up
for (let round = 0; round < rounds; round += 1) {
  for (const c of contenders) {
    const start = performance.now();
    for (const batch of batches) c.step(batch);
    times.get(c).push((performance.now() - start) / steps);
    if (c.inside) inside.get(c).push(c.inside(batches[0]));
  }
}
// The core natively, in the same run: the training core's benchmark binary (built by `npm run bench` or
// `bash scripts/build.sh --native`), quick mode, its "simd" and "scalar" rows (ms per step timed inside C++).
const nativeBench = fileURLToPath(new URL('../build/native/cpp/bench/aw_bench_training', import.meta.url));
const nativeRows = [];
if (existsSync(nativeBench)) {
  const output = execFileSync(nativeBench, ['--quick'], { encoding: 'utf8' });
  for (const line of output.split('\n')) {
    const [build, arch, ms] = line.trim().split(/\s+/);
    if ((build === 'simd' || build === 'scalar') && Number.isFinite(Number(ms))) nativeRows.push({ build, arch, ms: Number(ms) });
  }
}
const reference = median(times.get(contenders[contenders.length - 1]));
const rows = contenders.map((c) => {
  const ms = median(times.get(c));
  return {
    implementation: c.label,
    parameters: c.parameterCount,
    'ms/step': ms.toFixed(2),
    'steps/s': (1000 / ms).toFixed(1),
    'ms/step inside C++': c.inside ? median(inside.get(c)).toFixed(2) : '-',
    [`× ${args.tfjs ? 'TF.js' : 'last'}`]: (reference / ms).toFixed(1),
  };
});
rows.unshift(...nativeRows.map(({ build, arch, ms }) => ({
  implementation: `ours, native ${build} (${arch})`,
  parameters: contenders[0].parameterCount,
  'ms/step': '-',
  'steps/s': (1000 / ms).toFixed(1),
  'ms/step inside C++': ms.toFixed(2),
  [`× ${args.tfjs ? 'TF.js' : 'last'}`]: (reference / ms).toFixed(1),
})));
console.table(rows);
if (!nativeRows.length) console.log('(no native row: build/native/cpp/bench/aw_bench_training is not built; `bash scripts/build.sh --native`)');
console.log('');

// Time to the target accuracy, our core, with the lab's settings: fresh batches of 32, evaluated every 25 steps
// on 256 held-out examples (the evaluation's time counts: it is what the lab would do).
for (const simd of [true, false]) {
  const attn = await createAttention({ simd });
  const model = attn.createTransformer(MODEL);
  const train = createToyTask('reverse', { seed: 2024 });
  const heldOut = createToyTask('reverse', { seed: 99 }).batch(256);
  const start = performance.now();
  let step = 0;
  let accuracy = 0;
  while (step < 3000 && accuracy < target) {
    for (let i = 0; i < 25; i += 1, step += 1) {
      const batch = train.batch(TRAINING.batchSize);
      model.trainStep(batch.inputs, batch.targets, { lossMask: batch.lossMask, learningRate: TRAINING.learningRate });
    }
    accuracy = maskedTokenAccuracy(model.forward(heldOut.inputs).logits, heldOut);
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`ours, wasm ${simd ? 'SIMD' : 'scalar'}: reverse reaches ${(100 * accuracy).toFixed(2)} % held-out token accuracy after ${step} steps, ${seconds.toFixed(2)} s wall time (Node)`);
  model.dispose();
}
for (const c of contenders) c.dispose?.();
