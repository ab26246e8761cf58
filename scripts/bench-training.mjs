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

import { createAttention } from 'attention-workshop';

const { values: args } = parseArgs({
  options: { steps: { type: 'string', default: '50' }, rounds: { type: 'string', default: '5' } },
});
const steps = Number(args.steps);
const rounds = Number(args.rounds);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** mulberry32, as in tests/js/transformer.test.mjs. */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** d₁ … d₆ SEP d₆ … d₁ as next-token prediction; the loss counts the reversed half. */
function reverseBatch(random, batch) {
  const length = 12;
  const inputs = new Float32Array(batch * length);
  const targets = new Float32Array(batch * length);
  const lossMask = new Float32Array(batch * length);
  for (let b = 0; b < batch; b += 1) {
    const digits = Array.from({ length: 6 }, () => Math.floor(random() * 10));
    const sequence = [...digits, 10, ...digits.toReversed()];
    for (let t = 0; t < length; t += 1) {
      inputs[b * length + t] = sequence[t];
      targets[b * length + t] = sequence[t + 1];
      lossMask[b * length + t] = t >= 6 ? 1 : 0;
    }
  }
  const shape = [batch, length];
  return { inputs: { shape, data: inputs }, targets: { shape, data: targets }, lossMask: { shape, data: lossMask } };
}

function accuracy(model, batch) {
  const { logits } = model.forward(batch.inputs);
  let correct = 0;
  let counted = 0;
  batch.lossMask.data.forEach((keep, row) => {
    if (!keep) return;
    let best = 0;
    for (let j = 1; j < 16; j += 1) if (logits.data[row * 16 + j] > logits.data[row * 16 + best]) best = j;
    correct += best === batch.targets.data[row] ? 1 : 0;
    counted += 1;
  });
  return correct / counted;
}

async function measure(simd) {
  const attn = await createAttention({ simd });
  const model = attn.createTransformer({ seed: 1 });
  const batch = reverseBatch(generator(7), 32);
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
  const random = generator(2024);
  const heldOut = reverseBatch(generator(99), 256);
  const start = performance.now();
  let reached = 0;
  for (let step = 1; step <= 1000 && !reached; step += 1) {
    const b = reverseBatch(random, 32);
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
