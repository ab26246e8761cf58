// The typed message protocol between the page (runner.js) and the snippet worker (runner-worker.js).
// Every message that crosses the worker boundary is built by one of the factories below, so the shapes
// live in one place. Messages are plain structured-cloneable data: no functions, no class instances.

/** Message type names; main → worker: `run`; worker → main: everything else. */
export const MessageType = Object.freeze({
  run: 'run',
  ready: 'ready',
  loadFailed: 'load-failed',
  started: 'started',
  output: 'output',
  error: 'error',
  done: 'done',
});

/**
 * @typedef {object} RunRequest  main → worker: execute a snippet.
 * @property {'run'} type
 * @property {number} runId   unique per page; every reply carries it so stale replies can be dropped
 * @property {string} code    the snippet exactly as the user sees it
 * @property {{ id: string, mode: 'run'|'check', lang: string }} [exercise]  set by an exercise: run with its
 *   set-up, and for 'check' also run its checker (the report arrives as an output view of kind 'check-report')
 */

/**
 * @typedef {object} ReadyMessage  worker → main: the attention API finished loading in this worker.
 * @property {'ready'} type
 * @property {{ version?: string, simd?: boolean, arch?: string }} info  what `attn.info()` returned
 */

/**
 * @typedef {object} LoadFailedMessage  worker → main: the attention API could not be loaded.
 * @property {'load-failed'} type
 * @property {string} message
 */

/**
 * @typedef {object} StartedMessage  worker → main: the snippet itself begins now (the time limit starts here,
 * so loading the API on a slow connection does not eat into the snippet's time).
 * @property {'started'} type
 * @property {number} runId
 */

/**
 * @typedef {object} OutputMessage  worker → main: one thing to show.
 * @property {'output'} type
 * @property {number} runId
 * @property {ViewSpec} view
 */

/**
 * @typedef {object} SnippetError  an error located in the snippet (line/column are 1-based, in the user's code).
 * @property {string} name       e.g. 'TypeError'
 * @property {string} message
 * @property {number|null} line
 * @property {number|null} column
 */

/**
 * @typedef {object} ErrorMessage  worker → main: the snippet threw (or a promise it left behind rejected).
 * @property {'error'} type
 * @property {number} runId
 * @property {SnippetError} error
 */

/**
 * @typedef {object} DoneMessage  worker → main: the snippet's async function settled.
 * @property {'done'} type
 * @property {number} runId
 * @property {boolean} ok          false when an error message was sent for this run
 * @property {number} durationMs
 * @property {number} [memoryBytes] the worker's wasm memory after the run (it never shrinks; the page recycles a
 *   worker whose memory grew too large)
 */

/**
 * What a snippet asked to show. Rendering happens on the page; the worker only describes.
 * @typedef {TextSpec | TensorSpec | RecordSpec | HeatmapSpec | TokensSpec | PlotSpec | NoticeSpec} ViewSpec
 *
 * @typedef {{ kind: 'text', text: string, level?: 'log'|'info'|'warn'|'error', label?: string }} TextSpec
 * @typedef {{ kind: 'tensor', shape: number[], text: string, label?: string, dtype?: string }} TensorSpec
 *   — `text` is the printed tensor (format-tensor.js), made in the worker: only what is printed crosses to the page,
 *   not a million values of which six are shown
 * @typedef {{ kind: 'record', label?: string, entries: { key: string, value: ViewSpec }[] }} RecordSpec
 *   — an object whose fields include tensors, e.g. `{ output, weights }`
 * @typedef {{ kind: 'heatmap', shape: number[], data: Float32Array|Float64Array, rowLabels: string[]|null,
 *   colLabels: string[]|null, headLabels: string[]|null, title: string|null, diverging: boolean }} HeatmapSpec
 *   — shape [R, C] or [H, R, C]
 * @typedef {{ kind: 'tokens', shape: number[], data: Float32Array|Float64Array, queryTokens: string[],
 *   keyTokens: string[], headLabels: string[]|null, title: string|null }} TokensSpec
 *   — shape [Lq, Lk] or [H, Lq, Lk]
 * @typedef {{ kind: 'plot', series: { name: string, values: number[] }[], x: number[]|null, title: string|null,
 *   xLabel: string|null, yLabel: string|null }} PlotSpec
 * @typedef {{ kind: 'notice', text: string }} NoticeSpec  — e.g. "output truncated"
 */

/** Builds a run request. */
export const runRequest = (runId, code, exercise) => (exercise ? { type: MessageType.run, runId, code, exercise } : { type: MessageType.run, runId, code });
/** Builds the "API loaded" message. */
export const readyMessage = (info) => ({ type: MessageType.ready, info });
/** Builds the "API failed to load" message. */
export const loadFailedMessage = (message) => ({ type: MessageType.loadFailed, message });
/** Builds the "snippet starts now" message. */
export const startedMessage = (runId) => ({ type: MessageType.started, runId });
/** Builds an output message carrying one view spec. */
export const outputMessage = (runId, view) => ({ type: MessageType.output, runId, view });
/** Builds an error message. */
export const errorMessage = (runId, error) => ({ type: MessageType.error, runId, error });
/** Builds the "snippet settled" message. */
export const doneMessage = (runId, ok, durationMs, memoryBytes) => ({
  type: MessageType.done, runId, ok, durationMs, ...(memoryBytes === undefined ? {} : { memoryBytes }),
});

const workerToMainTypes = new Set([
  MessageType.ready, MessageType.loadFailed, MessageType.started, MessageType.output, MessageType.error, MessageType.done,
]);

/** True when `message` is a well-formed worker → main message (guards against foreign postMessage traffic). */
export function isWorkerMessage(message) {
  return message !== null && typeof message === 'object' && workerToMainTypes.has(message.type)
    && (message.type === MessageType.ready || message.type === MessageType.loadFailed || Number.isInteger(message.runId));
}

/** True when `message` is a well-formed run request. */
export function isRunRequest(message) {
  return message !== null && typeof message === 'object' && message.type === MessageType.run
    && Number.isInteger(message.runId) && typeof message.code === 'string';
}

/** The most outputs one run may send; a `while (true) console.log(…)` must not flood the page. */
export const MAX_OUTPUTS_PER_RUN = 400;
