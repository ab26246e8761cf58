// Page side of the snippet runner: one module worker shared by every live example on the page, a FIFO queue of runs,
// and the time limit. Why one shared worker: each worker compiles and instantiates the wasm core and holds its own
// memory, so a chapter with six examples would pay six times on load; one worker pays once and runs stay fast. The
// price — a slow snippet delays the next one — is bounded by the time limit, and the element says "waiting".
// Stopping a snippet means terminating the worker (nothing else interrupts a synchronous loop); a fresh worker is
// created at once, so the next run — queued or new — finds the API loading or loaded.
import { OriginSafeWorker } from '../../../js/module-worker.js';
import { MessageType, isWorkerMessage, runRequest } from './protocol.js';

/** How long the API may take to load before a run gives up (slow connections fetch the wasm here). */
const LOAD_TIMEOUT_MS = 60000;

/**
 * wasm memory only ever grows: one snippet that allocates 500 MB leaves the worker holding 500 MB for the rest of
 * the visit. Once a run leaves the worker's memory above this, the worker is replaced between runs (the API then
 * loads again, about a tenth of a second from the cache). The chapters' examples stay far below it.
 */
export const RECYCLE_ABOVE_BYTES = 128 * 1024 * 1024;

/**
 * @typedef {'ok'|'error'|'timeout'|'stopped'|'crashed'} RunStatus
 * @typedef {object} RunCallbacks
 * @property {() => void} [onStart]             the snippet begins executing (its time limit starts)
 * @property {(view: import('./protocol.js').ViewSpec) => void} [onOutput]
 * @property {(error: import('./protocol.js').SnippetError) => void} [onError]
 */

function createDefaultWorker() {
  const Worker = OriginSafeWorker; // works when the embed bundle is on another origin (js/module-worker.js)
  return new Worker(new URL('./runner-worker.js', import.meta.url), { type: 'module', name: 'live-example-runner' });
}

/** Runs snippets in a worker, one at a time, with a time limit and Stop. */
export class SnippetRunner {
  /**
   * @param {() => Worker} createWorker
   * @param {{ recycleAboveBytes?: number }} [options]
   */
  constructor(createWorker = createDefaultWorker, { recycleAboveBytes = RECYCLE_ABOVE_BYTES } = {}) {
    this.createWorker = createWorker;
    this.recycleAboveBytes = recycleAboveBytes;
    this.worker = null;
    this.queue = [];
    this.active = null;
    this.nextRunId = 1;
    /** What `attn.info()` said in the current worker, once loaded. */
    this.apiInfo = null;
    /** Number of workers created so far (the first plus one per stop/time-out/crash/recycling). */
    this.workersCreated = 0;
    /** Number of workers replaced because their wasm memory grew above `recycleAboveBytes`. */
    this.workersRecycled = 0;
  }

  /** Creates the worker now so the API loads before the first Run. */
  warmUp() {
    this.ensureWorker();
  }

  ensureWorker() {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    this.workersCreated += 1;
    worker.addEventListener('message', (event) => this.handleMessage(worker, event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      if (worker !== this.worker) return;
      this.replaceWorker('crashed', { name: 'WorkerError', message: event.message || 'The snippet runner failed to start.' });
    });
    this.worker = worker;
    return worker;
  }

  /**
   * Queues `code` to run with a time limit in milliseconds. Returns `{ runId, position, stop(), finished }` where
   * `position` is how many runs are ahead of it and `finished` resolves to `{ status, durationMs }`.
   * @param {string} code
   * @param {{ timeoutMs: number } & RunCallbacks} options
   */
  run(code, { timeoutMs, onStart, onOutput, onError, exercise }) {
    const job = {
      runId: this.nextRunId++,
      code,
      exercise, // { id, mode, lang } for an exercise's Run or Check (see protocol.js)
      timeoutMs,
      onStart: onStart ?? (() => {}),
      onOutput: onOutput ?? (() => {}),
      onError: onError ?? (() => {}),
      timer: null,
      resolve: null,
    };
    const finished = new Promise((resolve) => { job.resolve = resolve; });
    this.queue.push(job);
    const position = this.queue.length - 1 + (this.active ? 1 : 0);
    this.pump();
    return { runId: job.runId, position, finished, stop: () => this.stop(job.runId) };
  }

  /**
   * Stops a queued or running run; a running one takes the worker with it. With `onlyIfQueued`, a run that has
   * started is left alone (used when its example leaves the page: its time limit still applies).
   */
  stop(runId, { onlyIfQueued = false } = {}) {
    const queued = this.queue.findIndex((job) => job.runId === runId);
    if (queued >= 0) {
      const [job] = this.queue.splice(queued, 1);
      job.resolve({ status: 'stopped', durationMs: 0 });
      return;
    }
    if (this.active?.runId === runId && !onlyIfQueued) this.replaceWorker('stopped');
  }

  pump() {
    if (this.active || this.queue.length === 0) return;
    const job = this.queue.shift();
    this.active = job;
    job.startedAt = null;
    // Until the worker says "started", the API may still be loading: allow that its own, longer limit.
    job.timer = setTimeout(() => {
      if (this.active === job) {
        this.replaceWorker('crashed', { name: 'LoadError', message: `The attention module did not load within ${LOAD_TIMEOUT_MS / 1000} s.` });
      }
    }, LOAD_TIMEOUT_MS);
    this.ensureWorker().postMessage(runRequest(job.runId, job.code, job.exercise));
  }

  handleMessage(worker, message) {
    if (worker !== this.worker || !isWorkerMessage(message)) return;
    if (message.type === MessageType.ready) { this.apiInfo = message.info; return; }
    if (message.type === MessageType.loadFailed) return; // the run that needs the API reports the failure itself
    const job = this.active;
    if (!job || job.runId !== message.runId) return; // a reply for a run that was stopped
    switch (message.type) {
      case MessageType.started:
        clearTimeout(job.timer);
        job.startedAt = performance.now();
        job.timer = setTimeout(() => { if (this.active === job) this.replaceWorker('timeout'); }, job.timeoutMs);
        job.onStart();
        break;
      case MessageType.output:
        job.onOutput(message.view);
        break;
      case MessageType.error:
        job.onError(message.error);
        break;
      case MessageType.done:
        if (message.memoryBytes > this.recycleAboveBytes) this.recycleWorker();
        this.finish(job, message.ok ? 'ok' : 'error', message.durationMs);
        break;
      default:
        break;
    }
  }

  finish(job, status, durationMs) {
    clearTimeout(job.timer);
    if (this.active === job) this.active = null;
    job.resolve({ status, durationMs });
    this.pump();
  }

  /** Replaces the worker after a finished run, so the memory it grew is given back; the next run uses the new one. */
  recycleWorker() {
    this.worker?.terminate();
    this.worker = null;
    this.apiInfo = null;
    this.workersRecycled += 1;
    this.ensureWorker();
  }

  /** Terminates the worker (ending the active run with `status`) and starts a fresh one for what comes next. */
  replaceWorker(status, error) {
    const job = this.active;
    this.worker?.terminate();
    this.worker = null;
    this.apiInfo = null;
    if (job) {
      if (error) job.onError({ ...error, line: null, column: null });
      const durationMs = job.startedAt === null ? 0 : performance.now() - job.startedAt;
      this.active = null;
      clearTimeout(job.timer);
      job.resolve({ status, durationMs });
    }
    this.ensureWorker();
    this.pump();
  }
}

let sharedRunner = null;
/** The runner shared by all live examples on this page. */
export function getSharedRunner() {
  sharedRunner ??= new SnippetRunner();
  return sharedRunner;
}
