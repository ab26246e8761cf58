// The run state machine of one example, on top of the page's shared SnippetRunner (runner.js):
//
//   idle ──run()──▶ queued ──▶ running ──▶ ok | error | timeout | stopped | crashed
//                     │  (position > 0)        ▲
//                     └──────────▶ running ─────┘   run() again replaces the run in progress
//
// Only the newest run of a session reports anything: output, errors and state changes of a replaced or abandoned
// run are dropped here, so a host (the <live-example> element, an exercise) never sees a stale result.
import { getSharedRunner } from './runner.js';

/** The statuses a run ends with. */
export const FINAL_STATES = Object.freeze(['ok', 'error', 'timeout', 'stopped', 'crashed']);

/**
 * @typedef {'idle'|'queued'|'running'|'ok'|'error'|'timeout'|'stopped'|'crashed'} RunState
 * @typedef {object} StateDetail
 * @property {number} [position]     queued: how many runs are ahead
 * @property {boolean} [apiLoaded]   running: false while the worker is still loading the attention module
 * @property {number} [durationMs]   final states: the snippet's own run time
 * @property {number} [shownCount]   final states: how many outputs the run produced
 */

export class RunSession {
  /**
   * @param {{ onState?: (state: RunState, detail: StateDetail) => void,
   *           onOutput?: (view: import('./protocol.js').ViewSpec) => void,
   *           onError?: (error: import('./protocol.js').SnippetError) => void,
   *           runner?: import('./runner.js').SnippetRunner }} callbacks
   */
  constructor({ onState = () => {}, onOutput = () => {}, onError = () => {}, runner = getSharedRunner() } = {}) {
    Object.assign(this, { onState, onOutput, onError, runner });
    this.handle = null;
    /** @type {RunState} */
    this.state = 'idle';
  }

  get isRunning() { return this.handle !== null; }

  setState(state, detail = {}) {
    this.state = state;
    this.onState(state, detail);
  }

  /** Runs `code` (a run of this session in progress is stopped first). Resolves to the final status. */
  async run(code, { timeoutMs }) {
    this.handle?.stop();
    let shownCount = 0;
    const handle = this.runner.run(code, {
      timeoutMs,
      onStart: () => { if (this.handle === handle) this.setState('running', { apiLoaded: true }); },
      onOutput: (view) => {
        if (this.handle !== handle) return;
        shownCount += 1;
        this.onOutput(view);
      },
      onError: (error) => { if (this.handle === handle) this.onError(error); },
    });
    this.handle = handle;
    if (handle.position > 0) this.setState('queued', { position: handle.position });
    else this.setState('running', { apiLoaded: Boolean(this.runner.apiInfo) });

    const { status, durationMs } = await handle.finished;
    if (this.handle !== handle) return status; // replaced or abandoned: the newer run reports
    this.handle = null;
    this.setState(status, { durationMs, shownCount });
    return status;
  }

  /** Stops the run (the shared worker is replaced if the run had started). */
  stop() { this.handle?.stop(); }

  /**
   * The host left the page: a queued run is dropped; a running one is left to finish (or hit its limit) rather than
   * restarting the worker every other example shares. Nothing of it is reported.
   */
  abandon() {
    if (!this.handle) return;
    this.runner.stop(this.handle.runId, { onlyIfQueued: true });
    this.handle = null;
  }
}
