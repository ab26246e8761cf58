// One worker of an AttentionPool (pool.js): its own WebAssembly instance of the core, fed one part
// of a call at a time. Runs as a module Web Worker in browsers and as a worker_threads worker in
// Node. Data arrives and leaves in transferred ArrayBuffers (no SharedArrayBuffer, so no
// cross-origin isolation is needed); the input buffers are sent back for the pool to reuse.
import { createAttention } from './create-attention.js';

const inBrowserWorker = typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope;
// A variable specifier keeps bundlers from trying to resolve a Node built-in for the browser.
const workerThreadsModule = 'node:worker_threads';
const port = inBrowserWorker ? globalThis : (await import(/* @vite-ignore */ workerThreadsModule)).parentPort;
const post = (message, transfer = []) => port.postMessage(message, transfer);
const onMessage = (handler) => (inBrowserWorker ? port.addEventListener('message', (event) => handler(event.data)) : port.on('message', handler));

const operations = new Set(['scaledDotProductAttention', 'flashAttention']);

/** Errors cross as { name, message }; the pool rebuilds a TypeError / RangeError / Error from them. */
const describeError = (error) => ({ name: error?.name ?? 'Error', message: String(error?.message ?? error) });

let attn;

async function load({ simd }) {
  try {
    attn = await createAttention({ simd });
    post({ ready: true, info: attn.info() });
  } catch (error) {
    post({ ready: false, error: describeError(error) });
  }
}

onMessage((message) => {
  if (message.load) {
    load(message.load);
    return;
  }
  const { id, operation, q, k, v, options } = message;
  const inputs = [q.data.buffer, k.data.buffer, v.data.buffer];
  if (options.mask?.data) inputs.push(options.mask.data.buffer);
  try {
    if (!operations.has(operation)) throw new Error(`AttentionPool worker: unknown operation ${operation}`);
    const result = attn[operation](q, k, v, options);
    const transfer = [result.output.data.buffer];
    const reply = { id, ok: true, output: { shape: result.output.shape, data: result.output.data } };
    if (result.weights) {
      reply.weights = { shape: result.weights.shape, data: result.weights.data };
      transfer.push(result.weights.data.buffer);
    }
    reply.recycled = inputs.filter((buffer) => !transfer.includes(buffer));
    post(reply, [...new Set([...transfer, ...reply.recycled])]);
  } catch (error) {
    const recycled = [...new Set(inputs)].filter((buffer) => buffer.byteLength > 0);
    post({ id, ok: false, error: describeError(error), recycled }, recycled);
  }
});

post({ started: true }); // the pool answers with { load: { simd } }
