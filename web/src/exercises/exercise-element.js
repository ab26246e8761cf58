// <workshop-exercise>: an auto-checked programming exercise. The learner edits the starter code, presses Check, and
// sees one line per case (✓/✗, expandable detail) from the checker library, run in the shared snippet worker under
// the exercise's time limit. Hints are revealed one at a time; the reference solution is shown only after asking,
// and can then be compared with the learner's code. Progress (attempted, passed, hints used, solution seen) is saved
// in localStorage (progress.js).
//
// Attributes: exercise-id, chapter, lang, timeout (ms), tolerance (JSON { abs, rel }), theme. Children: the starter
// code in <script type="text/plain">, hints as <div class="exercise-hint"> inside <template class="exercise-hints">
// (revealed hints move into the light DOM, slot "hints", so the page's KaTeX styles apply to their formulas).
// Host API: property `code`, run(), check() → Promise<{ passed, cases: [{ name, passed, message }] }>, reset();
// event `exercise-check` (bubbling, composed) with the same detail as check() resolves to.
import { getSharedRunner } from '../live/runner.js';
import { renderView } from '../live/views/render-output.js';
import { debounce, loadEdit, saveEdit, storageKey } from '../live/persistence.js';
import { labelsFor } from '../live/i18n.js';
import { resolveTheme, watchTheme } from '../live/theme.js';
import { liveExampleStyleSheet } from '../live/styles.js';
import { exerciseStyleSheet } from './styles.js';
import { exerciseStrings } from './i18n.js';
import { exerciseProgress, recordExercise } from './progress.js';
import { loadExercise } from './registry.js';
import { actionRow, make, readScriptCode, toolbarButton as button } from '../live/dom.js';

const DEFAULT_TIMEOUT_MS = 10000;
const SAVE_DELAY_MS = 400;

export class ExerciseElement extends HTMLElement {
  static get observedAttributes() { return ['lang', 'theme']; }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.shadowRoot.adoptedStyleSheets = [liveExampleStyleSheet(), exerciseStyleSheet()];
    this.built = false;
    this.editor = null;
    this.runHandle = null;
    this.unsubscribers = [];
    this.hintsShown = 0;
  }

  get exerciseId() { return this.getAttribute('exercise-id') || this.id || 'exercise'; }
  get chapter() { return this.getAttribute('chapter') || ''; }
  get language() { return this.getAttribute('lang') || this.closest('[lang]')?.getAttribute('lang') || 'en'; }
  get strings() { return exerciseStrings(this.language); }
  get timeoutMs() {
    const value = Number(this.getAttribute('timeout'));
    return Number.isFinite(value) && value >= 50 ? value : DEFAULT_TIMEOUT_MS;
  }
  get tolerance() {
    try { return JSON.parse(this.getAttribute('tolerance') ?? 'null'); } catch { return null; }
  }
  get storageKey() { return storageKey({ chapter: this.chapter, lang: this.language, exampleId: `exercise:${this.exerciseId}` }); }

  /** The learner's current code. */
  get code() { return this.editor ? this.editor.getCode() : this.pendingCode; }
  set code(value) { this.setCode(String(value), { save: true }); }
  /** The starter code as written in the chapter. */
  get starterCode() { return this.starter; }

  connectedCallback() {
    if (!this.built) this.build();
    else if (!this.editor) this.loadEditor(); // back on a page after being removed: a new editor
    this.unsubscribers.push(watchTheme(() => this.applyTheme()));
    const flush = () => this.saveSoon.flush();
    window.addEventListener('pagehide', flush);
    this.unsubscribers.push(() => window.removeEventListener('pagehide', flush));
    getSharedRunner().warmUp();
  }

  disconnectedCallback() {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.saveSoon?.flush();
    if (this.runHandle) { getSharedRunner().stop(this.runHandle.runId, { onlyIfQueued: true }); this.runHandle = null; }
    // As in <live-example>: a CodeMirror view keeps listeners on the document (a print media query among them), so an
    // editor left alive keeps this element — and the whole chapter around it — alive after a chapter change (≈ 20,000
    // DOM nodes per visit of chapter 4). The code stays as plain text until an editor is made again.
    if (this.editor) {
      this.pendingCode = this.editor.getCode();
      this.editor.destroy();
      this.editor = null;
      this.fallback.textContent = this.pendingCode;
      this.editorHost.replaceChildren(this.fallback);
      delete this.dataset.editor;
    }
  }

  attributeChangedCallback(name) {
    if (!this.built) return;
    if (name === 'lang') this.applyLabels();
    if (name === 'theme') this.applyTheme();
  }

  build() {
    this.built = true;
    this.starter = readScriptCode(this);
    const saved = loadEdit(this.storageKey);
    this.pendingCode = saved ?? this.starter;
    this.hintNodes = [...(this.querySelector(':scope > template.exercise-hints')?.content.children ?? [])];

    const frame = make('div', 'frame exercise');
    frame.setAttribute('role', 'group');
    const toolbar = make('div', 'toolbar');
    this.tag = make('span', 'tag');
    this.badge = make('span', 'passed-badge');
    this.badge.hidden = true;
    this.checkButton = button('check primary', '✓');
    this.runButton = button('run', '▶');
    this.stopButton = button('stop', '■');
    this.hintButton = button('hint', '?');
    this.solutionButton = button('solution', '⚑');
    this.resetButton = button('reset', '↺');
    this.stopButton.disabled = true;
    this.hintButton.hidden = this.hintNodes.length === 0;
    toolbar.append(this.tag, this.badge, this.checkButton, this.runButton, this.stopButton, this.hintButton, this.solutionButton, this.resetButton);

    this.editorHost = make('div', 'editor');
    this.fallback = make('pre', 'code-fallback', this.pendingCode);
    this.editorHost.append(this.fallback);

    const statusRow = make('div', 'status-row');
    this.notice = make('span', 'notice');
    this.status = make('span', 'status');
    this.status.setAttribute('role', 'status');
    statusRow.append(this.notice, this.status);

    this.results = make('div', 'results');
    this.results.setAttribute('aria-live', 'polite');
    this.results.hidden = true;
    this.output = make('div', 'output');
    this.output.setAttribute('role', 'log');

    this.hintsSection = make('section', 'hints');
    this.hintsSection.hidden = true;
    this.hintsHeading = make('h4', 'panel-heading');
    const hintSlot = document.createElement('slot');
    hintSlot.name = 'hints';
    this.hintsSection.append(this.hintsHeading, hintSlot);
    this.hintsSection.setAttribute('aria-live', 'polite');

    this.solutionPanel = make('section', 'solution');
    this.solutionPanel.hidden = true;

    frame.append(toolbar, this.editorHost, statusRow, this.results, this.output, this.hintsSection, this.solutionPanel);
    this.shadowRoot.append(frame);
    this.frame = frame;

    this.checkButton.addEventListener('click', () => { this.check(); });
    this.runButton.addEventListener('click', () => { this.run(); });
    this.stopButton.addEventListener('click', () => this.runHandle?.stop());
    this.hintButton.addEventListener('click', () => this.showHint());
    this.solutionButton.addEventListener('click', () => this.askForSolution());
    this.resetButton.addEventListener('click', () => this.reset());
    this.saveSoon = debounce((code) => saveEdit(this.storageKey, code, this.starter), SAVE_DELAY_MS);

    const progress = exerciseProgress(this.chapter, this.exerciseId);
    this.applyLabels();
    this.applyTheme();
    if (saved !== null && saved !== this.starter) this.setNotice(this.strings.restored);
    this.updateBadge(progress);
    // Hints the learner revealed before stay revealed.
    for (let i = 0; i < Math.min(progress?.hintsUsed ?? 0, this.hintNodes.length); i += 1) this.showHint({ record: false, focus: false });
    this.loadEditor();
  }

  async loadEditor() {
    try {
      const { createEditor } = await import('../live/editor.js');
      if (this.editor || !this.isConnected) return; // removed while the editor's code loaded: made again on connection
      this.editor = createEditor({
        parent: this.editorHost,
        root: this.shadowRoot,
        doc: this.pendingCode,
        readOnly: false,
        dark: this.frame.classList.contains('dark'),
        ariaLabel: this.strings.editorLabel(this.exerciseId),
        onChange: (code) => { if (!this.settingCode) this.saveSoon(code); },
        onRun: () => this.run(),
        onEscape: () => this.checkButton.focus(),
      });
      this.fallback.remove();
      this.dataset.editor = 'ready';
    } catch (error) {
      this.dataset.editor = 'unavailable';
      console.warn('workshop-exercise: the code editor could not be loaded', error);
    }
  }

  setCode(code, { save }) {
    this.settingCode = true;
    try {
      if (this.editor) this.editor.replaceCode(code);
      else { this.pendingCode = code; this.fallback.textContent = code; }
    } finally {
      this.settingCode = false;
    }
    if (save) this.saveSoon(code);
  }

  /** Puts the starter code back as an undoable edit. */
  reset() {
    this.setCode(this.starter, { save: true });
    this.saveSoon.flush();
    this.setNotice(this.strings.resetDone);
  }

  // ---- running and checking -----------------------------------------------------------------------------------

  /** Runs the code as it is (with the exercise's set-up). Resolves to the run's status. */
  async run() {
    const { status } = await this.execute('run');
    return status;
  }

  /** Checks the code; resolves to { passed, cases: [{ name, passed, message }] } and fires `exercise-check`. */
  async check() {
    const { report } = await this.execute('check');
    recordExercise(this.chapter, this.exerciseId, { attempted: true, passed: report.passed });
    this.updateBadge(exerciseProgress(this.chapter, this.exerciseId));
    this.renderReport(report);
    this.dispatchEvent(new CustomEvent('exercise-check', { bubbles: true, composed: true, detail: report }));
    return report;
  }

  async execute(mode) {
    if (this.runHandle) this.runHandle.stop();
    const strings = this.strings;
    const runner = getSharedRunner();
    this.output.replaceChildren();
    this.editor?.markErrorLine(null);
    if (mode === 'check') { this.results.hidden = true; this.results.replaceChildren(); }
    let report = null;
    let error = null;
    const context = {
      labels: labelsFor(this.language), fileBase: this.exerciseId, host: this.shadowRoot,
      availableWidth: () => Math.max(0, (this.frame.clientWidth || 640) - 26),
    };
    const handle = runner.run(this.code, {
      timeoutMs: this.timeoutMs,
      exercise: { id: this.exerciseId, mode, lang: this.language, ...(this.tolerance ? { tolerance: this.tolerance } : {}) },
      onStart: () => { if (this.runHandle === handle) this.setStatus(mode === 'check' ? strings.checking : strings.running); },
      onOutput: (view) => {
        if (this.runHandle !== handle) return;
        if (view.kind === 'check-report') { report = view.report; return; }
        this.output.append(renderView(view, context));
      },
      onError: (thrown) => {
        if (this.runHandle !== handle) return;
        error = thrown;
        if (thrown.line) this.editor?.markErrorLine(thrown.line);
        const block = make('div', 'snippet-error', strings.errorAt(thrown.name, thrown.message, thrown.line));
        block.setAttribute('role', 'alert');
        this.output.append(block);
      },
    });
    this.runHandle = handle;
    this.stopButton.disabled = false;
    this.dataset.state = 'running';
    this.setStatus(handle.position > 0 ? strings.queued : runner.apiInfo ? (mode === 'check' ? strings.checking : strings.running) : strings.loading);
    const { status, durationMs } = await handle.finished;
    if (this.runHandle === handle) { this.runHandle = null; this.stopButton.disabled = true; }
    this.dataset.state = status;
    const statusText = {
      ok: strings.finished(durationMs), error: strings.failed, timeout: strings.timedOut(this.timeoutMs),
      stopped: strings.stopped, crashed: strings.crashed,
    }[status];
    this.setStatus(statusText, status === 'ok' ? '' : 'error');
    if (!report) {
      // The code did not get as far as the checker: one failing case that says why.
      const message = status === 'timeout' ? strings.timedOut(this.timeoutMs)
        : error ? strings.errorAt(error.name, error.message, error.line) : statusText;
      report = { passed: false, cases: [{ name: strings.codeRuns, passed: false, message }] };
    }
    return { status, report };
  }

  renderReport(report) {
    const strings = this.strings;
    const passedCount = report.cases.filter((c) => c.passed).length;
    const summary = make('p', `summary ${report.passed ? 'is-pass' : 'is-fail'}`, strings.summary(passedCount, report.cases.length));
    const list = make('ul', 'cases');
    list.setAttribute('aria-label', strings.resultsLabel);
    for (const item of report.cases) {
      const li = make('li', item.passed ? 'case pass' : 'case fail');
      const mark = make('span', 'mark', item.passed ? '✓' : '✗');
      mark.setAttribute('aria-hidden', 'true');
      if (item.passed) {
        li.append(mark, make('span', 'case-name', item.name));
        li.setAttribute('aria-label', `✓ ${item.name}`);
      } else {
        const details = make('details');
        const title = make('summary');
        title.append(mark, make('span', 'case-name', item.name));
        details.append(title, make('pre', 'case-message', item.message));
        li.append(details);
      }
      list.append(li);
    }
    this.results.replaceChildren(summary, list);
    // Open the first failure: it is what the learner needs to read next.
    list.querySelector('.fail details')?.setAttribute('open', '');
    this.results.hidden = false;
  }

  // ---- hints and solution -------------------------------------------------------------------------------------

  showHint({ record = true, focus = true } = {}) {
    if (this.hintsShown >= this.hintNodes.length) { this.setNotice(this.strings.noMoreHints); return; }
    const hint = this.hintNodes[this.hintsShown].cloneNode(true);
    hint.slot = 'hints';
    hint.tabIndex = -1;
    this.append(hint);
    this.hintsShown += 1;
    this.hintsSection.hidden = false;
    this.hintsHeading.textContent = this.strings.hintsHeading(this.hintsShown, this.hintNodes.length);
    this.hintButton.disabled = this.hintsShown >= this.hintNodes.length;
    if (record) recordExercise(this.chapter, this.exerciseId, { hintsUsed: this.hintsShown });
    if (focus) hint.focus();
  }

  askForSolution() {
    const strings = this.strings;
    const panel = this.solutionPanel;
    const { row, buttons: [yes] } = actionRow([
      [strings.solutionYes, 'primary', () => { this.showSolution(); }],
      [strings.solutionNo, '', () => { panel.hidden = true; this.solutionButton.focus(); }],
    ]);
    panel.replaceChildren(make('p', 'ask', strings.solutionAsk), row);
    panel.hidden = false;
    yes.focus();
  }

  /** Shows the reference solution (no question asked) and records that it was seen. */
  async showSolution() {
    const strings = this.strings;
    const exercise = await loadExercise(this.exerciseId);
    recordExercise(this.chapter, this.exerciseId, { solutionSeen: true });
    const heading = make('h4', 'panel-heading', strings.solutionHeading);
    heading.tabIndex = -1;
    const code = make('pre', 'solution-code', exercise.solution);
    const diffHost = make('div', 'diff');
    const showDiff = async () => {
      const { diffLines } = await import('diff');
      const pre = make('pre', 'diff-lines');
      for (const part of diffLines(`${this.code.trimEnd()}\n`, `${exercise.solution.trimEnd()}\n`)) {
        const sign = part.added ? '+' : part.removed ? '−' : ' ';
        for (const line of part.value.replace(/\n$/, '').split('\n')) {
          pre.append(make('span', part.added ? 'added' : part.removed ? 'removed' : 'same', `${sign} ${line}\n`));
        }
      }
      diffHost.replaceChildren(make('h4', 'panel-heading', strings.compareHeading), pre);
    };
    const { row } = actionRow([
      [strings.compare, '', showDiff],
      [strings.useSolution, '', () => { this.setCode(exercise.solution, { save: true }); this.editor?.focus(); }],
    ]);
    this.solutionPanel.replaceChildren(heading, code, row, diffHost);
    this.solutionPanel.hidden = false;
    heading.focus();
    return exercise.solution;
  }

  // ---- presentation -------------------------------------------------------------------------------------------

  updateBadge(progress) {
    this.badge.hidden = !progress?.passed;
    this.badge.textContent = `✓ ${this.strings.passedBadge}`;
    this.dataset.passed = String(Boolean(progress?.passed));
  }

  setStatus(text, tone = '') {
    this.status.textContent = text;
    this.status.classList.toggle('is-error', tone === 'error');
  }

  setNotice(text) { this.notice.textContent = text; }

  applyLabels() {
    const s = this.strings;
    const label = (node, text, title) => { node.querySelector('.text').textContent = text; if (title) node.title = title; };
    label(this.checkButton, s.check, s.checkTitle);
    label(this.runButton, s.run, s.runTitle);
    label(this.stopButton, s.stop);
    label(this.hintButton, s.hint, s.hintTitle);
    label(this.solutionButton, s.solution, s.solutionTitle);
    label(this.resetButton, s.reset, s.resetTitle);
    this.tag.textContent = `${s.exercise} · ${this.exerciseId}`;
    this.frame.setAttribute('aria-label', `${s.exercise} ${this.exerciseId}`);
    this.results.setAttribute('aria-label', s.resultsLabel);
    this.editor?.setAriaLabel(s.editorLabel(this.exerciseId));
  }

  applyTheme() {
    const dark = resolveTheme(this) === 'dark';
    this.frame.classList.toggle('dark', dark);
    this.editor?.setDark(dark);
  }
}
