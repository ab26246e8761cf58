// <live-example>: an editable, runnable JavaScript snippet with its output, self-contained in a shadow root so any
// page can host it. Attributes: example-id, chapter, lang (zh|en), autorun, readonly, norun, timeout (ms),
// theme (light|dark, optional override). The original code is the text of a child <script type="text/plain">.
//
// Events (bubbling, composed): `live-example-run-start`, `live-example-run-end` (detail: { status, durationMs }),
// `live-example-share` (detail: { url }). Methods: run(), stop(), reset(), share(); property `code`.
//
// The element only wires three reusable parts together:
//   example-dom.js   the frame (toolbar, editor host, status row, output);
//   code-source.js   where the code comes from (shared link, saved edit, original) and saving edits;
//   run-session.js   the run state machine on the page's shared snippet worker.
import { labelsFor } from './i18n.js';
import { getSharedRunner } from './runner.js';
import { renderView } from './views/render-output.js';
import { SharedCodeError, buildShareUrl } from './share-link.js';
import { resolveTheme, watchTheme } from './theme.js';
import { liveExampleStyleSheet } from './styles.js';
import { ExampleDom } from './example-dom.js';
import { CodeSource, readOriginalCode } from './code-source.js';
import { RunSession } from './run-session.js';

const DEFAULT_TIMEOUT_MS = 5000;
const MIN_TIMEOUT_MS = 50;

/** The <live-example> custom element. */
export class LiveExampleElement extends HTMLElement {
  static get observedAttributes() { return ['lang', 'theme']; }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.shadowRoot.adoptedStyleSheets = [liveExampleStyleSheet()];
    this.dom = null;
    this.editor = null;
    this.unsubscribers = [];
    this.lastShareUrl = null;
  }

  // ---- attributes -------------------------------------------------------------------------------------------

  get exampleId() { return this.getAttribute('example-id') || 'example'; }
  get chapter() { return this.getAttribute('chapter') || ''; }
  get language() { return this.getAttribute('lang') || this.closest('[lang]')?.getAttribute('lang') || 'en'; }
  get isReadOnly() { return this.hasAttribute('readonly'); }
  get hidesRun() { return this.hasAttribute('norun'); }
  get runsOnLoad() { return this.hasAttribute('autorun') || this.hasAttribute('norun'); }
  get timeoutMs() {
    const value = Number(this.getAttribute('timeout'));
    return Number.isFinite(value) && value >= MIN_TIMEOUT_MS ? value : DEFAULT_TIMEOUT_MS;
  }
  get labels() { return labelsFor(this.language); }
  get storageKey() { return this.source.key; }

  /** The code as currently shown (edited or not). */
  get code() { return this.editor ? this.editor.getCode() : this.pendingCode; }
  set code(value) { this.setCode(String(value), { save: true }); }
  /** The snippet as written by the author. */
  get originalCode() { return this.source?.original; }

  // ---- lifecycle --------------------------------------------------------------------------------------------

  connectedCallback() {
    if (!this.dom) this.build();
    else if (!this.editor) this.loadEditor(); // back on a page after being moved: a new editor
    this.subscribe();
    getSharedRunner().warmUp();
    if (!this.startedOnce) {
      this.startedOnce = true;
      // Code from a share link was written by whoever made the link: it waits for the reader's Run, even here. A run
      // the reader (or a script) started while the code was being chosen is not replaced by the one on load.
      this.applyInitialCode().then((origin) => {
        if (this.runsOnLoad && this.isConnected && origin !== 'shared' && this.session.state === 'idle') this.run();
      });
    }
  }

  disconnectedCallback() {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.source.flush();
    this.session.abandon();
    // A CodeMirror view keeps observers and listeners on the document: without destroy() every chapter change would
    // keep the previous chapter's editors (and with them the elements and their drawings) alive. The code stays as
    // plain text, and a new editor is made if the element is put back on a page.
    if (this.editor) {
      this.pendingCode = this.editor.getCode();
      this.editor.destroy();
      this.editor = null;
      this.dom.showFallback(this.pendingCode);
      delete this.dataset.editor;
    }
  }

  attributeChangedCallback(name) {
    if (!this.dom) return;
    if (name === 'lang') this.applyLabels();
    if (name === 'theme') this.applyTheme();
  }

  build() {
    const original = readOriginalCode(this);
    this.pendingCode = original;
    this.source = new CodeSource({
      chapter: this.chapter, lang: this.language, exampleId: this.exampleId, original, readOnly: this.isReadOnly,
    });
    this.dom = new ExampleDom(this.shadowRoot, { code: original, hidesRun: this.hidesRun, isReadOnly: this.isReadOnly });
    this.session = new RunSession({
      onState: (state, detail) => this.showRunState(state, detail),
      onOutput: (view) => {
        const block = renderView(view, this.viewContext());
        this.dom.output.append(block);
        this.dom.watchScrollables(block);
      },
      onError: (error) => this.showError(error),
    });
    const dom = this.dom;
    dom.runButton.addEventListener('click', () => this.run());
    dom.stopButton.addEventListener('click', () => this.stop());
    dom.resetButton.addEventListener('click', () => this.reset());
    dom.shareButton.addEventListener('click', () => { this.share(); });
    dom.undoResetButton.addEventListener('click', () => {
      dom.undoResetButton.hidden = true;
      this.editor?.undo(); // an ordinary edit again: handleEdit saves the restored code
      dom.setNotice('');
      this.editor?.focus();
    });
    this.applyLabels();
    this.applyTheme();
    this.loadEditor();
  }

  subscribe() {
    this.unsubscribers.push(watchTheme(() => this.applyTheme()));
    const onHashChange = () => { this.applySharedCode(); };
    window.addEventListener('hashchange', onHashChange);
    this.unsubscribers.push(() => window.removeEventListener('hashchange', onHashChange));
    const onPageHide = () => this.source.flush();
    window.addEventListener('pagehide', onPageHide);
    this.unsubscribers.push(() => window.removeEventListener('pagehide', onPageHide));
  }

  async loadEditor() {
    try {
      const { createEditor } = await import('./editor.js');
      if (this.editor || !this.isConnected) return; // removed while the editor module loaded: nothing to keep
      this.editor = createEditor({
        parent: this.dom.editorHost,
        root: this.shadowRoot,
        doc: this.pendingCode,
        readOnly: this.isReadOnly,
        dark: this.dom.isDark,
        ariaLabel: this.labels.editorLabel(this.exampleId),
        onChange: (code) => this.handleEdit(code),
        onRun: () => this.run(),
        onEscape: () => this.leaveEditor(),
      });
      this.dom.hideFallback();
      if (this.pendingErrorLine) this.editor.markErrorLine(this.pendingErrorLine);
      this.dataset.editor = 'ready';
    } catch (error) {
      // Without the editor the code stays readable and runnable; only editing is lost.
      this.dataset.editor = 'unavailable';
      console.warn('live-example: the code editor could not be loaded', error);
    }
  }

  // ---- code, persistence and sharing ------------------------------------------------------------------------

  handleEdit(code) {
    if (this.settingCode) return; // setCode() decides about saving itself
    // The reader typed: "Undo reset" would now undo their typing, not the reset, so it goes.
    if (!this.dom.undoResetButton.hidden) { this.dom.undoResetButton.hidden = true; this.dom.setNotice(''); }
    this.source.save(code);
  }

  setCode(code, { save }) {
    this.settingCode = true;
    try {
      if (this.editor) this.editor.replaceCode(code);
      else { this.pendingCode = code; this.dom.showFallback(code); }
    } finally {
      this.settingCode = false;
    }
    if (save) this.source.save(code);
  }

  /** Shows the first code (shared, saved or original); resolves to its origin. */
  async applyInitialCode() {
    const choice = await this.source.initial(window.location.hash);
    this.showChoice(choice);
    return choice.origin;
  }

  /** After navigation: shows the code of a new share link naming this example. */
  async applySharedCode() {
    const choice = await this.source.fromShareLink(window.location.hash, { onlyNew: true });
    if (choice) this.showChoice(choice);
  }

  showChoice({ code, origin, problem }) {
    this.dataset.source = origin;
    if (problem) this.dom.setNotice(this.labels[problem], 'warn');
    if (origin === 'original') return;
    // Shown, not saved: opening a link must not overwrite the reader's own saved edit until they edit this code.
    this.setCode(code, { save: false });
    if (origin === 'saved') { this.dom.setNotice(this.labels.restored); return; }
    // Shared code never runs by itself, so even a `norun` example offers its Run button for it.
    this.dom.runButton.hidden = false;
    this.dom.clearOutput();
    this.dom.setNotice(this.labels.shared, 'warn');
    requestAnimationFrame(() => {
      this.scrollIntoView({ block: 'center' });
      this.dom.flash();
    });
  }

  /** Copies a link that opens this example with the current code; returns it (null when the code is too large). */
  async share() {
    let url;
    try {
      url = await buildShareUrl(window.location, this.exampleId, this.code);
    } catch (error) {
      if (!(error instanceof SharedCodeError)) throw error;
      this.dom.setNotice(this.labels.shareTooLarge, 'warn');
      return null;
    }
    this.lastShareUrl = url;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false;
    }
    this.dom.showShareField(url, !copied);
    this.dom.setNotice(copied ? this.labels.linkCopied : this.labels.linkReady);
    if (!copied) { this.dom.shareField.focus(); this.dom.shareField.select(); }
    this.dispatchEvent(new CustomEvent('live-example-share', { bubbles: true, composed: true, detail: { url } }));
    return url;
  }

  /** Restores the original code as an undoable edit. */
  reset() {
    if (this.isReadOnly) return;
    if (this.code === this.originalCode) { this.dom.setNotice(this.labels.resetDone); return; }
    this.setCode(this.originalCode, { save: true });
    this.source.flush();
    this.dom.undoResetButton.hidden = !this.editor;
    this.dom.setNotice(this.labels.resetDone);
  }

  // ---- running ----------------------------------------------------------------------------------------------

  viewContext() {
    return {
      labels: this.labels,
      fileBase: this.exampleId,
      host: this.shadowRoot,
      availableWidth: () => this.dom.availableWidth(), // read when a view is drawn
    };
  }

  /** Runs the current code (a run in progress for this example is replaced). Resolves to the run's status. */
  async run() {
    this.dom.clearOutput();
    this.editor?.markErrorLine(null);
    this.pendingErrorLine = null;
    this.dom.showShareField('', false);
    const finished = this.session.run(this.code, { timeoutMs: this.timeoutMs });
    this.dispatchEvent(new CustomEvent('live-example-run-start', { bubbles: true, composed: true }));
    return finished;
  }

  /** Stops this example's run (the shared worker is replaced if the run had started). */
  stop() {
    this.session.stop();
  }

  /** Mirrors the session's state in the status line, the Stop button, `data-state` and the run-end event. */
  showRunState(state, { position, apiLoaded, durationMs, shownCount }) {
    const labels = this.labels;
    this.dataset.state = state;
    this.dom.stopButton.disabled = state !== 'queued' && state !== 'running';
    if (state === 'queued') { this.dom.setStatus(labels.queued(position)); return; }
    if (state === 'running') { this.dom.setStatus(apiLoaded ? labels.running : labels.loading); return; }
    const messages = {
      ok: [shownCount ? labels.finished(durationMs) : labels.noOutput, ''],
      error: [labels.failed, 'error'],
      timeout: [labels.timedOut(this.timeoutMs), 'warn'],
      stopped: [labels.stopped, 'warn'],
      crashed: [labels.crashed, 'error'],
    };
    const [message, tone] = messages[state];
    this.dom.setStatus(message, tone);
    this.dispatchEvent(new CustomEvent('live-example-run-end', { bubbles: true, composed: true, detail: { status: state, durationMs } }));
  }

  showError(error) {
    const block = document.createElement('div');
    block.className = 'snippet-error';
    block.setAttribute('role', 'alert');
    if (error.line) {
      const where = document.createElement('span');
      where.className = 'where';
      where.textContent = this.labels.line(error.line, error.column);
      block.append(where);
      this.dataset.errorLine = String(error.line);
      this.pendingErrorLine = error.line;
      this.editor?.markErrorLine(error.line);
    } else {
      delete this.dataset.errorLine;
    }
    block.append(`${error.name}: ${error.message}`);
    this.dom.output.append(block);
  }

  leaveEditor() {
    (this.hidesRun ? this.dom.frame : this.dom.runButton).focus();
  }

  // ---- presentation -----------------------------------------------------------------------------------------

  applyLabels() {
    this.dom.applyLabels(this.labels, { exampleId: this.exampleId, isReadOnly: this.isReadOnly });
    this.editor?.setAriaLabel(this.labels.editorLabel(this.exampleId));
  }

  applyTheme() {
    const dark = resolveTheme(this) === 'dark';
    this.dom.setDark(dark);
    this.editor?.setDark(dark);
  }
}
