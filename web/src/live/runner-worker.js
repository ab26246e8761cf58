// The snippet worker: loads the attention API once, then runs snippets one after another, sending what they show to
// the page. The page (runner.js) terminates and replaces this worker when a snippet must be stopped, so nothing here
// has to interrupt user code — a worker cannot interrupt a synchronous loop anyway.
import { createAttention } from 'attention-workshop';
import {
  MAX_OUTPUTS_PER_RUN, isRunRequest, readyMessage, loadFailedMessage, startedMessage, outputMessage, errorMessage,
  doneMessage,
} from './protocol.js';
import {
  calibrateSnippetOffsets, compileSnippet, describeThrown, locateRuntimeError, locateSyntaxError,
} from './snippet-errors.js';
import { createShowToolkit } from './show-toolkit.js';
import { beginRunScope } from './worker-globals.js';

const post = (message) => globalThis.postMessage(message);

let apiLoading = null;
/** The API, loaded on first use and reused by every run; a failed load is retried by the next run. */
function loadApi() {
  apiLoading ??= createAttention().then(
    (attn) => {
      let info = {};
      try { info = { ...attn.info() }; } catch { /* info() is a nicety; running snippets does not depend on it */ }
      post(readyMessage(info));
      return attn;
    },
    (error) => {
      apiLoading = null;
      post(loadFailedMessage(String(error?.message ?? error)));
      throw error;
    },
  );
  return apiLoading;
}

// Start loading right away: the first Run should not wait for the wasm download.
loadApi().catch(() => { /* reported by load-failed; the next run retries */ });
const calibration = calibrateSnippetOffsets();

/** The run whose code is executing; errors escaping its timers or promises are reported against it. */
let activeRun = null;

function reportError(run, thrown) {
  const { name, message } = describeThrown(thrown);
  const { line, column } = locateRuntimeError(thrown, run.code);
  run.failed = true;
  post(errorMessage(run.runId, { name, message, line, column }));
}

// A promise the snippet did not await, or a timer callback, can still fail while the run is active.
globalThis.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  if (activeRun) reportError(activeRun, event.reason);
});
globalThis.addEventListener('error', (event) => {
  event.preventDefault();
  if (activeRun) reportError(activeRun, event.error ?? new Error(event.message));
});

async function runSnippet({ runId, code, exercise }) {
  let attn;
  try {
    attn = await loadApi();
  } catch (error) {
    post(errorMessage(runId, {
      name: 'LoadError',
      message: `The attention module could not be loaded: ${error?.message ?? error}`,
      line: null,
      column: null,
    }));
    post(doneMessage(runId, false, 0));
    return;
  }
  await calibration;

  let snippet;
  let task = null; // an exercise's set-up and checker (web/src/exercises/worker-check.js), loaded only for exercises
  try {
    if (exercise) task = await (await import('../exercises/worker-check.js')).prepareExerciseRun(exercise, attn);
    snippet = compileSnippet(code, task ? { extraParameters: task.parameterNames, epilogue: task.epilogue } : {});
  } catch (error) {
    const { name, message } = describeThrown(error);
    const { line, column } = await locateSyntaxError(code, message);
    post(errorMessage(runId, { name, message, line, column }));
    post(doneMessage(runId, false, 0));
    return;
  }

  const run = { runId, code, failed: false };
  const { show, console: snippetConsole } = createShowToolkit(
    (view) => post(outputMessage(runId, view)),
    MAX_OUTPUTS_PER_RUN,
  );
  activeRun = run;
  const endRunScope = beginRunScope();
  post(startedMessage(runId));
  const started = performance.now();
  try {
    const returned = await snippet(task ? task.api : attn, show, snippetConsole, ...(task ? task.parameterValues : []));
    if (task && exercise.mode === 'check' && !run.failed) {
      const report = await task.check(returned, (error) => locateRuntimeError(error, code));
      post(outputMessage(runId, { kind: 'check-report', report }));
    }
  } catch (error) {
    reportError(run, error);
  }
  // Let promise rejections the snippet left behind surface (unhandledrejection fires after a macrotask).
  await new Promise((resolve) => { setTimeout(resolve, 0); });
  const durationMs = performance.now() - started;
  endRunScope();
  activeRun = null;
  let memoryBytes;
  try { memoryBytes = attn.info().memoryBytes; } catch { /* only used to decide when to recycle the worker */ }
  post(doneMessage(runId, !run.failed, durationMs, memoryBytes));
}

// Runs are serialised here too, although the page already sends one at a time.
let queue = Promise.resolve();
globalThis.addEventListener('message', (event) => {
  if (!isRunRequest(event.data)) return;
  queue = queue.then(() => runSnippet(event.data));
});
