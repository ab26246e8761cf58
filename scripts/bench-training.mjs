#!/usr/bin/env node
// Training speed of the lab's default tiny Transformer (vocab 16, L 12, d_model 32, 4 heads, 2 layers,
// MLP 4×, batch 32, Adam) through the JavaScript API, WebAssembly SIMD and scalar builds side by side:
//   - ms per step timed inside C++ (model.timeTrainStep: no copies),
//   - ms per step of model.trainStep() as a user calls it (tokens copied in, loss out), and the
//     process CPU time per step of that loop (process.cpuUsage: on a busy shared machine, wall time
//     includes the time other processes ran; CPU time does not),
//   - steps and wall time until the reverse task is ≥ 99 % right on a held-out batch.
// Printed, never asserted (a shared, noisy machine: compare the ratios within one run).
//
//   node --no-liftoff scripts/bench-training.mjs [--steps 50] [--rounds 5]
import { parseArgs } from 'node:util';

import { createAttention, createToyTask, maskedTokenAccuracy } from 'attention-workshop';

const { values: args } = parseArgs({
  options: { steps: { type: 'string', default: '50' }, rounds: { type: 'string', default: '5' } },
});
const steps = Number(args.steps);
const rounds = Number(args.rounds);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The lab's reverse task from the public API, seeded, so every run trains on the same data. */
const reverseTask = (seed) => createToyTask('reverse', { seed });
const accuracy = (model, batch) => maskedTokenAccuracy(model.forward(batch.inputs).logits, batch);

async function measure(simd) {
  const attn = await createAttention({ simd });
  const model = attn.createTransformer({ seed: 1 });
  const batch = reverseTask(7).batch(32);
  const options = { lossMask: batch.lossMask };
  for (let i = 0; i < 5; i += 1) model.trainStep(batch.inputs, batch.targets, options); // warm-up
  const inCore = [];
  const throughApi = [];
  const cpu = [];
  for (let round = 0; round < rounds; round += 1) {
    inCore.push(model.timeTrainStep(batch.inputs, batch.targets, { steps, lossMask: batch.lossMask }));
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < steps; i += 1) model.trainStep(batch.inputs, batch.targets, options);
    const used = process.cpuUsage(cpuStart);
    throughApi.push((performance.now() - start) / steps);
    cpu.push((used.user + used.system) / 1000 / steps);
  }
  model.dispose();

  // Time to 99 %: a fresh model, new data every step, a held-out check every 25 steps (included).
  const fresh = attn.createTransformer({ seed: 1 });
  const training = reverseTask(2024);
  const heldOut = reverseTask(99).batch(256);
  const start = performance.now();
  let reached = 0;
  for (let step = 1; step <= 1000 && !reached; step += 1) {
    const b = training.batch(32);
    fresh.trainStep(b.inputs, b.targets, { lossMask: b.lossMask });
    if (step % 25 === 0 && accuracy(fresh, heldOut) >= 0.99) reached = step;
  }
  const seconds = (performance.now() - start) / 1000;
  fresh.dispose();
  return { build: simd ? `wasm SIMD (${attn.info().arch})` : 'wasm scalar', core: median(inCore), api: median(throughApi), cpu: median(cpu), reached, seconds };
}

const rows = [await measure(true), await measure(false)];
console.log(`tiny Transformer, batch 32 × L 12, median of ${rounds} rounds × ${steps} steps, Node ${process.version}`);
console.log(`${'build'.padEnd(20)} ${'core ms/step'.padStart(13)} ${'API ms/step'.padStart(12)} ${'API CPU ms'.padStart(11)} ${'steps/s'.padStart(8)} ${'steps to 99 %'.padStart(14)} ${'time to 99 %'.padStart(13)}`);
for (const r of rows) {
  console.log(`${r.build.padEnd(20)} ${r.core.toFixed(3).padStart(13)} ${r.api.toFixed(3).padStart(12)} ${r.cpu.toFixed(3).padStart(11)} ${(1000 / r.api).toFixed(0).padStart(8)} ${String(r.reached || '-').padStart(14)} ${(r.reached ? `${r.seconds.toFixed(2)} s` : '-').padStart(13)}`);
}
const [simd, scalar] = rows;
console.log(`SIMD speed-up per step: ${(scalar.core / simd.core).toFixed(1)}x; API overhead per step (SIMD): ${(simd.api - simd.core).toFixed(3)} ms`);
console.log('Quoted in issue 10 for the same model on a quiet machine (not measured in this run): TensorFlow.js wasm ≈ 39 ms/step, ' +
  `PyTorch 1.13 one CPU thread ≈ 16 ms/step → ratios to this run's SIMD API step: ${(39 / simd.api).toFixed(1)}x and ${(16 / simd.api).toFixed(1)}x ` +
  `(by CPU time: ${(39 / simd.cpu).toFixed(1)}x and ${(16 / simd.cpu).toFixed(1)}x)`);
