// createAttentionPool(): one attention call spread over several workers, each with its own
// WebAssembly instance of the core — all cores of the machine without SharedArrayBuffer, so without
// cross-origin isolation (no COOP/COEP headers), on any static host, in browsers and in Node.
//
// A call is validated here, cut along its leading (batch, head) dimensions into one contiguous range
// of problems per worker (pool-split.js), and each part travels in transferred ArrayBuffers (moved,
// not copied). The results are copied once into the full output (a fresh Float32Array or the
// caller's options.out buffer). Part buffers come back with the answers and are reused, so a loop
// of same-sized calls allocates no fresh pages after the first call.
//
// Errors are the synchronous API's: option and tensor checks run here with the same functions, and
// when a worker refuses its part (a shape mismatch, a non-finite value…), the whole call is sent to
// one worker, which refuses it with exactly the message createAttention()'s function would give —
// the core checks before it computes, so this costs no computation.
import { OriginSafeWorker } from './module-worker.js';
import { describeValue, formatShape, typeError } from './errors.js';
import { booleanArgument, checkOptions } from './options.js';
import { attentionResultShapes, checkOutSize, outOption } from './output-buffers.js';
import { gatherProblems, planSplit } from './pool-split.js';
import { checkScores } from './size-limits.js';
import { Tensor, describeInput, writeInput } from './tensor.js';

// The options of each pooled function: those of the synchronous one (and `signal`, checked apart
// so that a misspelt option gets the synchronous API's message).
const operations = {
  scaledDotProductAttention: { options: ['mask', 'maskKind', 'causal', 'scale', 'returnWeights', 'out'], weights: true },
  flashAttention: { options: ['causal', 'mask', 'maskKind', 'scale', 'blockSize', 'out'], weights: false },
};

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value);

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string' && typeof window === 'undefined';

async function defaultSize() {
  if (typeof navigator === 'object' && navigator.hardwareConcurrency) return navigator.hardwareConcurrency;
  if (isNode) {
    const osModule = 'node:os';
    const os = await import(/* @vite-ignore */ osModule);
    return os.availableParallelism?.() ?? os.cpus().length;
  }
  return 4;
}

/** A worker behind one small interface: post(message, transfer), onmessage/onfailure, terminate(). */
async function spawnWorker() {
  if (!isNode) {
    // The literal `new Worker(new URL(…, import.meta.url), { type: 'module' })` lets bundlers such as
    // Vite find the worker and bundle it with its imports; OriginSafeWorker also starts it cross-origin.
    const Worker = OriginSafeWorker;
    const worker = new Worker(new URL('./pool-worker.js', import.meta.url), { type: 'module' });
    const handle = {
      post: (message, transfer) => worker.postMessage(message, transfer),
      terminate: async () => worker.terminate(),
    };
    worker.addEventListener('message', (event) => handle.onmessage?.(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      handle.onfailure?.(new Error(`a pool worker failed: ${event.message || 'the worker script could not be loaded'}`));
    });
    return handle;
  }
  const threadsModule = 'node:worker_threads';
  const { Worker: NodeWorker } = await import(/* @vite-ignore */ threadsModule);
  const workerFile = './pool-worker.js'; // a variable: bundlers must not copy this file for the Node path
  const worker = new NodeWorker(new URL(workerFile, import.meta.url));
  const handle = {
    post: (message, transfer) => worker.postMessage(message, transfer),
    terminate: () => worker.terminate(),
  };
  worker.on('message', (data) => handle.onmessage?.(data));
  worker.on('error', (error) => handle.onfailure?.(new Error(`a pool worker failed: ${error.message}`)));
  worker.on('exit', (code) => handle.onfailure?.(new Error(`a pool worker stopped (exit code ${code})`)));
  return handle;
}

const errorTypes = { TypeError, RangeError };
/** An error of the type a worker reported, thrown from the caller's stack. */
const rebuildError = ({ name, message }) => new (errorTypes[name] ?? Error)(message);

/**
 * Float32Arrays for the parts, reusing buffers that came back from the workers (exact sizes only). At most
 * `limit` buffers and `maxBytes` bytes are kept, the oldest dropped first, so one huge call does not pin
 * its memory for the pool's lifetime.
 */
class BufferCache {
  constructor(limit, maxBytes = 256 * 2 ** 20) {
    this.limit = limit;
    this.maxBytes = maxBytes;
    this.free = [];
    this.bytes = 0;
  }

  take(length) {
    const index = this.free.findIndex((buffer) => buffer.byteLength === length * 4);
    if (index < 0) return new Float32Array(length);
    const [buffer] = this.free.splice(index, 1);
    this.bytes -= buffer.byteLength;
    return new Float32Array(buffer);
  }

  give(buffers) {
    for (const buffer of buffers ?? []) {
      if (buffer.byteLength === 0 || buffer.byteLength > this.maxBytes) continue;
      this.free.push(buffer);
      this.bytes += buffer.byteLength;
    }
    while (this.free.length > this.limit || this.bytes > this.maxBytes) this.bytes -= this.free.shift().byteLength;
  }

  clear() {
    this.free.length = 0;
    this.bytes = 0;
  }
}

/** One worker: spawned and loaded on demand, again after it was terminated by an abort. */
class PoolWorker {
  constructor(simd) {
    this.simd = simd;
    this.ready = null;
    this.pending = new Map();
    this.nextId = 1;
  }

  start() {
    if (this.ready) return this.ready;
    const ready = (async () => {
      const handle = await spawnWorker();
      this.handle = handle;
      return new Promise((resolve, reject) => {
        handle.onfailure = (error) => {
          this.handle = null;
          this.ready = null;
          reject(error);
          for (const { reject: rejectCall } of this.pending.values()) rejectCall(error);
          this.pending.clear();
        };
        handle.onmessage = (message) => {
          if (message.started) handle.post({ load: { simd: this.simd } });
          else if (message.ready === true) resolve(message.info);
          else if (message.ready === false) reject(rebuildError(message.error));
          else this.settle(message);
        };
      });
    })();
    this.ready = ready;
    ready.catch(() => { if (this.ready === ready) this.ready = null; });
    return ready;
  }

  settle(message) {
    const call = this.pending.get(message.id);
    if (!call) return;
    this.pending.delete(message.id);
    call.resolve(message);
  }

  /** Runs one part; resolves to the worker's answer { ok, output, weights, error, recycled }. */
  async run(operation, tensors, options, transfer) {
    await this.start();
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.handle.post({ id, operation, ...tensors, options }, transfer);
    });
  }

  /** Stops the worker at once (a wasm call cannot be interrupted otherwise); the next run starts a new one. */
  async terminate(reason) {
    const { handle } = this;
    this.handle = null;
    this.ready = null;
    for (const { reject } of this.pending.values()) reject(reason);
    this.pending.clear();
    if (handle) {
      handle.onfailure = null;
      await handle.terminate();
    }
  }
}

/** Validates a tensor argument and returns it as { shape, data: Float32Array } (copied only if it is not float32 already). */
function asFloat32(functionName, name, value) {
  const described = describeInput(functionName, name, value);
  if (described.flat instanceof Float32Array) return { shape: [...described.shape], data: described.flat };
  const data = new Float32Array(described.size);
  writeInput(functionName, name, described, data);
  return { shape: [...described.shape], data };
}

class AttentionPool {
  constructor(workers, simd) {
    this.workers = workers;
    this.simd = simd;
    this.buffers = new BufferCache(8 * workers.length);
    this.queue = Promise.resolve();
    this.disposed = false;
  }

  get size() {
    return this.workers.length;
  }

  scaledDotProductAttention(q, k, v, options) {
    return this.submit('scaledDotProductAttention', q, k, v, options);
  }

  flashAttention(q, k, v, options) {
    return this.submit('flashAttention', q, k, v, options);
  }

  /** Validates now (a rejected promise for bad arguments), then runs after the calls before it. */
  submit(functionName, q, k, v, options) {
    let prepared;
    try {
      if (this.disposed) throw new Error(`${functionName}: this AttentionPool was disposed`);
      prepared = this.prepare(functionName, q, k, v, options);
    } catch (error) {
      return Promise.reject(error);
    }
    // Calls run one at a time, each on all workers; a failed call does not block the next.
    const result = this.queue.then(() => this.execute(prepared));
    this.queue = result.catch(() => {});
    const { signal } = prepared;
    if (!signal) return result;
    // A call still waiting for its turn rejects at once when aborted (execute() then skips it).
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      if (signal.aborted) onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      result.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  prepare(functionName, q, k, v, options) {
    const spec = operations[functionName];
    const { signal, ...syncOptions } = isPlainObject(options) ? options : { signal: undefined };
    const o = checkOptions(functionName, isPlainObject(options) ? syncOptions : options, spec.options);
    const { out: outValue, ...rest } = o;
    if (signal !== undefined && !(typeof signal === 'object' && signal !== null && typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function')) {
      throw typeError(functionName, `options.signal must be an AbortSignal, got ${describeValue(signal)}`);
    }
    const returnWeights = spec.weights && booleanArgument(functionName, 'options.returnWeights', o.returnWeights, true);
    const out = outOption(functionName, outValue, returnWeights ? ['output', 'weights'] : ['output']);
    const tensors = { q: asFloat32(functionName, 'q', q), k: asFloat32(functionName, 'k', k), v: asFloat32(functionName, 'v', v) };
    const mask = rest.mask === undefined || rest.mask === null ? null : asFloat32(functionName, 'options.mask', rest.mask);
    const shapes = attentionResultShapes(tensors.q.shape, tensors.k.shape, tensors.v.shape);
    if (shapes) {
      if (spec.weights) {
        checkScores(functionName, shapes.weights.slice(0, -2), shapes.weights.at(-2), shapes.weights.at(-1), returnWeights,
          returnWeights ? '; pass returnWeights: false or use flashAttention' : '; use flashAttention');
      }
      checkOutSize(functionName, 'output', out.output, shapes.output);
      if (returnWeights) checkOutSize(functionName, 'weights', out.weights, shapes.weights);
    }
    return { functionName, tensors, mask, options: rest, returnWeights, out, signal, shapes };
  }

  async execute(call) {
    const { functionName, signal } = call;
    if (this.disposed) throw new Error(`${functionName}: this AttentionPool was disposed`);
    signal?.throwIfAborted();
    const plan = call.shapes && planSplit({ ...call.tensors, mask: call.mask }, this.workers.length);
    const busy = plan ? this.workers.slice(0, plan.ranges.length) : [this.workers[0]];
    const onAbort = () => { for (const worker of busy) worker.terminate(signal.reason); };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (!plan) return this.finish(call, await this.runWhole(call));
      const answers = await Promise.all(plan.ranges.map(([start, end], part) => this.runPart(call, plan, start, end, this.workers[part])));
      const failed = answers.find((answer) => !answer.ok);
      // A refused part: the whole call in one worker gives the synchronous API's own message.
      if (failed) return this.finish(call, await this.runWhole(call));
      return this.assemble(call, plan, answers);
    } catch (error) {
      throw signal?.aborted ? signal.reason : error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** The part's options: a mask with leading dimensions is cut like q, k, v; recycled output buffers ride along. */
  partOptions(call, transfer, count, gather) {
    const { options, mask, returnWeights, shapes } = call;
    const partOptions = { ...options };
    if (mask && gather) partOptions.mask = gather(mask);
    else if (mask) {
      // Every part needs the whole mask; a transferred buffer can go to one worker only.
      partOptions.mask = { shape: mask.shape, data: this.buffers.take(mask.data.length) };
      partOptions.mask.data.set(mask.data);
      transfer.push(partOptions.mask.data.buffer);
    }
    if (shapes) {
      const perProblem = (shape) => shape.at(-2) * shape.at(-1);
      partOptions.out = { output: this.buffers.take(count * perProblem(shapes.output)) };
      transfer.push(partOptions.out.output.buffer);
      if (returnWeights) {
        partOptions.out.weights = this.buffers.take(count * perProblem(shapes.weights));
        transfer.push(partOptions.out.weights.buffer);
      }
    }
    return partOptions;
  }

  async runPart(call, plan, start, end, worker) {
    const transfer = [];
    const gather = (tensor) => {
      const matrix = tensor.shape.at(-2) * tensor.shape.at(-1);
      const data = this.buffers.take((end - start) * matrix);
      const shape = gatherProblems(tensor, plan.leading, start, end, data);
      transfer.push(data.buffer);
      return { shape, data };
    };
    const tensors = { q: gather(call.tensors.q), k: gather(call.tensors.k), v: gather(call.tensors.v) };
    const options = this.partOptions(call, transfer, end - start, plan.splitMask ? gather : null);
    const answer = await worker.run(call.functionName, tensors, options, transfer);
    this.buffers.give(answer.recycled);
    return answer;
  }

  /** The call unsplit, in the first worker (inputs copied, as the caller keeps its arrays). */
  async runWhole(call) {
    const transfer = [];
    const copy = ({ shape, data }) => {
      const copied = this.buffers.take(data.length);
      copied.set(data);
      transfer.push(copied.buffer);
      return { shape, data: copied };
    };
    const tensors = { q: copy(call.tensors.q), k: copy(call.tensors.k), v: copy(call.tensors.v) };
    const options = { ...call.options };
    if (call.mask) options.mask = copy(call.mask);
    const answer = await this.workers[0].run(call.functionName, tensors, options, transfer);
    this.buffers.give(answer.recycled);
    return answer;
  }

  /** The answer of an unsplit call, as a result (copied into options.out when given). */
  finish(call, answer) {
    if (!answer.ok) throw rebuildError(answer.error);
    const result = {};
    for (const name of ['output', 'weights']) {
      const part = answer[name];
      if (!part) continue;
      const target = call.out[name];
      if (target) {
        checkOutSize(call.functionName, name, target, part.shape);
        target.set(part.data);
        this.buffers.give([part.data.buffer]);
      }
      result[name] = new Tensor(part.shape, target ?? part.data);
    }
    return result;
  }

  /** Copies the parts' results into the full output (and weights), in order. */
  assemble(call, plan, answers) {
    const result = {};
    for (const name of call.returnWeights ? ['output', 'weights'] : ['output']) {
      const shape = call.shapes[name];
      const perProblem = shape.at(-2) * shape.at(-1);
      const full = call.out[name] ?? new Float32Array(plan.problems * perProblem);
      answers.forEach((answer, part) => {
        const [start, end] = plan.ranges[part];
        const expected = [end - start, shape.at(-2), shape.at(-1)];
        if (formatShape(answer[name].shape) !== formatShape(expected)) {
          throw new Error(`${call.functionName}: a pool worker returned ${name} of shape ${formatShape(answer[name].shape)}, expected ${formatShape(expected)} (please report this)`);
        }
        full.set(answer[name].data, start * perProblem);
        this.buffers.give([answer[name].data.buffer]);
      });
      result[name] = new Tensor(shape, full);
    }
    return result;
  }

  /** Stops every worker; pending and later calls reject. */
  async dispose() {
    if (this.disposed) return;
    this.disposed = true;
    const reason = new Error('AttentionPool: disposed while a call was running');
    this.buffers.clear();
    await Promise.all(this.workers.map((worker) => worker.terminate(reason)));
  }
}

/**
 * Starts a pool of `workers` (default: navigator.hardwareConcurrency, or os.availableParallelism()
 * in Node) workers, each with its own instance of the core (options.simd as in createAttention).
 * Resolves once every worker has loaded the core.
 */
export async function createAttentionPool(options) {
  const functionName = 'createAttentionPool';
  const o = checkOptions(functionName, options, ['workers', 'simd']);
  if (o.simd !== undefined && typeof o.simd !== 'boolean') {
    throw typeError(functionName, `options.simd must be true, false or undefined, got ${describeValue(o.simd)}`);
  }
  let count = o.workers;
  if (count === undefined) count = await defaultSize();
  else if (!Number.isInteger(count) || count < 1 || count > 256) {
    throw new RangeError(`${functionName}: options.workers must be an integer from 1 to 256, got ${describeValue(count)}`);
  }
  const workers = Array.from({ length: count }, () => new PoolWorker(o.simd));
  const started = await Promise.allSettled(workers.map((worker) => worker.start()));
  const failure = started.find((outcome) => outcome.status === 'rejected');
  if (failure) {
    await Promise.all(workers.map((worker) => worker.terminate(failure.reason)));
    throw failure.reason;
  }
  const pool = new AttentionPool(workers, o.simd);
  const info = started[0].value;
  const api = {
    size: count,
    info: () => ({ version: info.version, simd: info.simd, arch: info.arch, lanes: info.lanes, workers: count }),
    scaledDotProductAttention: (q, k, v, opts) => pool.scaledDotProductAttention(q, k, v, opts),
    flashAttention: (q, k, v, opts) => pool.flashAttention(q, k, v, opts),
    dispose: () => pool.dispose(),
  };
  if (typeof Symbol.asyncDispose === 'symbol') api[Symbol.asyncDispose] = api.dispose;
  if (typeof Symbol.dispose === 'symbol') api[Symbol.dispose] = () => { pool.dispose(); };
  return Object.freeze(api);
}
