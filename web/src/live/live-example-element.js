// <live-example>: an editable, runnable JavaScript snippet with its output, self-contained in a shadow root so any
// page can host it. Attributes: example-id, chapter, lang (zh|en), autorun, readonly, norun, timeout (ms),
// theme (light|dark, optional override). The original code is the text of a child <script type="text/plain">.
//
// Events (bubbling, composed): `live-example-run-start`, `live-example-run-end` (detail: { status, durationMs }),
// `live-example-share` (detail: { url }). Methods: run(), stop(), reset(), share(); property `code`.
import { labelsFor } from './i18n.js';
import { getSharedRunner } from './runner.js';
import { renderView } from './views/render-output.js';
import { debounce, loadEdit, saveEdit, storageKey } from './persistence.js';
import { buildShareUrl, decodeCode, readShareRequest } from './share-link.js';
import { resolveTheme, watchTheme } from './theme.js';
import { liveExampleStyleSheet } from './styles.js';

const DEFAULT_TIMEOUT_MS = 5000;
const MIN_TIMEOUT_MS = 50;
const SAVE_DELAY_MS = 400;

/** The code inside <script type="text/plain">, undoing the escapes the Markdown pipeline applies. */
function readOriginalCode(element) {
  const script = element.querySelector(':scope > script[type="text/plain"]');
  const raw = script ? script.textContent : element.textContent;
  return raw
    .replace(/<\\\/script/gi, (m) => `</${m.slice(3)}`)
    .replace(/<\\!--/g, '<!--')
    .replace(/^\n/, '')
    .replace(/\s+$/, '');
}

function button(className, icon) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  const iconSpan = document.createElement('span');
  iconSpan.className = 'icon';
  iconSpan.setAttribute('aria-hidden', 'true');
  iconSpan.textContent = icon;
  const text = document.createElement('span');
  text.className = 'text';
  element.append(iconSpan, text);
  return element;
}

/** The <live-example> custom element. */
export class LiveExampleElement extends HTMLElement {
  static get observedAttributes() { return ['lang', 'theme']; }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.shadowRoot.adoptedStyleSheets = [liveExampleStyleSheet()];
    this.built = false;
    this.editor = null;
    this.runHandle = null;
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
  get storageKey() { return storageKey({ chapter: this.chapter, lang: this.language, exampleId: this.exampleId }); }

  /** The code as currently shown (edited or not). */
  get code() { return this.editor ? this.editor.getCode() : this.pendingCode; }
  set code(value) { this.setCode(String(value), { save: true }); }
  /** The snippet as written by the author. */
  get originalCode() { return this.original; }

  // ---- lifecycle --------------------------------------------------------------------------------------------

  connectedCallback() {
    if (!this.built) this.build();
    this.subscribe();
    getSharedRunner().warmUp();
    if (!this.startedOnce) {
      this.startedOnce = true;
      this.applyInitialCode().then(() => { if (this.runsOnLoad && this.isConnected) this.run(); });
    }
  }

  disconnectedCallback() {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.saveSoon?.flush();
    // A queued run is dropped; a running one is left to finish (or hit its limit) rather than restarting the
    // worker that every other example shares. Its output has nowhere to go and is ignored.
    if (this.runHandle) {
      getSharedRunner().stop(this.runHandle.runId, { onlyIfQueued: true });
      this.runHandle = null;
    }
  }

  attributeChangedCallback(name) {
    if (!this.built) return;
    if (name === 'lang') this.applyLabels();
    if (name === 'theme') this.applyTheme();
  }

  build() {
    this.built = true;
    this.original = readOriginalCode(this);
    this.pendingCode = this.original;
    const root = this.shadowRoot;
    const frame = document.createElement('div');
    frame.className = 'frame';
    frame.setAttribute('role', 'group');
    frame.tabIndex = -1;

    const toolbar = document.createElement('div');
    toolbar.className = 'toolbar';
    const tag = document.createElement('span');
    tag.className = 'tag';
    this.runButton = button('run', '▶');
    this.stopButton = button('stop', '■');
    this.resetButton = button('reset', '↺');
    this.shareButton = button('share', '⤴');
    this.runButton.hidden = this.hidesRun;
    this.resetButton.hidden = this.isReadOnly;
    this.shareButton.hidden = this.isReadOnly;
    this.stopButton.disabled = true;
    toolbar.append(tag, this.runButton, this.stopButton, this.resetButton, this.shareButton);

    const editorHost = document.createElement('div');
    editorHost.className = 'editor';
    const fallback = document.createElement('pre');
    fallback.className = 'code-fallback';
    fallback.textContent = this.pendingCode;
    editorHost.append(fallback);

    const statusRow = document.createElement('div');
    statusRow.className = 'status-row empty';
    const status = document.createElement('span');
    status.className = 'status';
    status.setAttribute('role', 'status');
    this.undoResetButton = document.createElement('button');
    this.undoResetButton.type = 'button';
    this.undoResetButton.className = 'undo-reset';
    this.undoResetButton.hidden = true;
    this.shareField = document.createElement('input');
    this.shareField.className = 'share-field';
    this.shareField.readOnly = true;
    this.shareField.hidden = true;
    const notice = document.createElement('span');
    notice.className = 'notice';
    notice.setAttribute('aria-live', 'polite');
    statusRow.append(notice, this.undoResetButton, status, this.shareField);

    const output = document.createElement('div');
    output.className = 'output';
    output.setAttribute('role', 'log');
    output.setAttribute('aria-live', 'polite');

    frame.append(toolbar, editorHost, statusRow, output);
    root.append(frame);
    Object.assign(this, { frame, tag, editorHost, fallback, statusRow, status, notice, output });

    this.runButton.addEventListener('click', () => this.run());
    this.stopButton.addEventListener('click', () => this.stop());
    this.resetButton.addEventListener('click', () => this.reset());
    this.shareButton.addEventListener('click', () => { this.share(); });
    this.undoResetButton.addEventListener('click', () => {
      this.undoResetButton.hidden = true;
      this.editor?.undo(); // an ordinary edit again: handleEdit saves the restored code
      this.setNotice('');
      this.editor?.focus();
    });
    this.saveSoon = debounce((code) => saveEdit(this.storageKey, code, this.original), SAVE_DELAY_MS);

    this.applyLabels();
    this.applyTheme();
    this.loadEditor();
  }

  subscribe() {
    this.unsubscribers.push(watchTheme(() => this.applyTheme()));
    const onHashChange = () => { this.applySharedCode({ fromNavigation: true }); };
    window.addEventListener('hashchange', onHashChange);
    this.unsubscribers.push(() => window.removeEventListener('hashchange', onHashChange));
    const onPageHide = () => this.saveSoon.flush();
    window.addEventListener('pagehide', onPageHide);
    this.unsubscribers.push(() => window.removeEventListener('pagehide', onPageHide));
  }

  async loadEditor() {
    try {
      const { createEditor } = await import('./editor.js');
      if (this.editor) return;
      this.editor = createEditor({
        parent: this.editorHost,
        root: this.shadowRoot,
        doc: this.pendingCode,
        readOnly: this.isReadOnly,
        dark: this.frame.classList.contains('dark'),
        ariaLabel: this.labels.editorLabel(this.exampleId),
        onChange: (code) => this.handleEdit(code),
        onRun: () => this.run(),
        onEscape: () => this.leaveEditor(),
      });
      this.fallback.remove();
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
    if (!this.undoResetButton.hidden) { this.undoResetButton.hidden = true; this.setNotice(''); }
    if (!this.isReadOnly) this.saveSoon(code);
  }

  setCode(code, { save }) {
    this.settingCode = true;
    try {
      if (this.editor) this.editor.replaceCode(code);
      else { this.pendingCode = code; this.fallback.textContent = code; }
    } finally {
      this.settingCode = false;
    }
    if (save && !this.isReadOnly) this.saveSoon(code);
  }

  async applyInitialCode() {
    if (this.isReadOnly) return;
    if (await this.applySharedCode({ fromNavigation: false })) return;
    const saved = loadEdit(this.storageKey);
    if (saved !== null && saved !== this.original) {
      this.setCode(saved, { save: false });
      this.setNotice(this.labels.restored);
    }
  }

  /** Shows the code from a share link in the fragment if it names this example. Returns true when it did. */
  async applySharedCode({ fromNavigation }) {
    if (this.isReadOnly) return false;
    const request = readShareRequest(window.location.hash);
    if (!request || request.exampleId !== this.exampleId) return false;
    if (fromNavigation && request.encodedCode === this.appliedShare) return false;
    this.appliedShare = request.encodedCode;
    let code;
    try {
      code = await decodeCode(request.encodedCode);
    } catch {
      this.setNotice(this.labels.sharedBroken, 'warn');
      return false;
    }
    // Shown, not saved: opening a link must not overwrite the reader's own saved edit until they edit this code.
    this.setCode(code, { save: false });
    this.setNotice(this.labels.shared);
    requestAnimationFrame(() => {
      this.scrollIntoView({ block: 'center' });
      this.frame.classList.remove('flash');
      void this.frame.offsetWidth; // restart the highlight animation
      this.frame.classList.add('flash');
    });
    return true;
  }

  /** Copies a link that opens this example with the current code; also returns it. */
  async share() {
    const url = await buildShareUrl(window.location, this.exampleId, this.code);
    this.lastShareUrl = url;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false;
    }
    this.shareField.value = url;
    this.shareField.hidden = copied;
    this.setNotice(copied ? this.labels.linkCopied : this.labels.linkReady);
    if (!copied) { this.shareField.focus(); this.shareField.select(); }
    this.dispatchEvent(new CustomEvent('live-example-share', { bubbles: true, composed: true, detail: { url } }));
    return url;
  }

  /** Restores the original code as an undoable edit. */
  reset() {
    if (this.isReadOnly) return;
    if (this.code === this.original) { this.setNotice(this.labels.resetDone); return; }
    this.setCode(this.original, { save: true });
    this.saveSoon.flush();
    this.undoResetButton.hidden = !this.editor;
    this.setNotice(this.labels.resetDone);
  }

  // ---- running ----------------------------------------------------------------------------------------------

  /** Runs the current code (a run in progress for this example is replaced). Resolves to the run's status. */
  async run() {
    if (this.runHandle) this.runHandle.stop();
    const runner = getSharedRunner();
    this.output.replaceChildren();
    this.editor?.markErrorLine(null);
    this.pendingErrorLine = null;
    this.shownCount = 0;
    this.shareField.hidden = true;
    const frame = this.frame;
    const context = {
      labels: this.labels,
      fileBase: this.exampleId,
      host: this.shadowRoot,
      // Width for drawings: the example's inner width minus the output's padding (read when a view is drawn).
      availableWidth: () => Math.max(0, (frame.clientWidth || 640) - 26),
    };
    const handle = runner.run(this.code, {
      timeoutMs: this.timeoutMs,
      onStart: () => { if (this.runHandle === handle) { this.setState('running'); this.setStatus(this.labels.running); } },
      onOutput: (view) => {
        if (this.runHandle !== handle) return;
        this.shownCount += 1;
        this.output.append(renderView(view, context));
      },
      onError: (error) => { if (this.runHandle === handle) this.showError(error); },
    });
    this.runHandle = handle;
    this.stopButton.disabled = false;
    if (handle.position > 0) { this.setState('queued'); this.setStatus(this.labels.queued(handle.position)); }
    else { this.setState('running'); this.setStatus(runner.apiInfo ? this.labels.running : this.labels.loading); }
    this.dispatchEvent(new CustomEvent('live-example-run-start', { bubbles: true, composed: true }));

    const { status, durationMs } = await handle.finished;
    if (this.runHandle !== handle) return status;
    this.runHandle = null;
    this.stopButton.disabled = true;
    const labels = this.labels;
    const messages = {
      ok: [this.shownCount ? labels.finished(durationMs) : labels.noOutput, ''],
      error: [labels.failed, 'error'],
      timeout: [labels.timedOut(this.timeoutMs), 'warn'],
      stopped: [labels.stopped, 'warn'],
      crashed: [labels.crashed, 'error'],
    };
    const [message, tone] = messages[status];
    this.setStatus(message, tone);
    this.setState(status);
    this.dispatchEvent(new CustomEvent('live-example-run-end', { bubbles: true, composed: true, detail: { status, durationMs } }));
    return status;
  }

  /** Stops this example's run (the shared worker is replaced if the run had started). */
  stop() {
    this.runHandle?.stop();
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
    this.output.append(block);
  }

  leaveEditor() {
    const target = this.hidesRun ? this.frame : this.runButton;
    target.focus();
  }

  // ---- presentation -----------------------------------------------------------------------------------------

  setState(state) { this.dataset.state = state; }

  /** The run's state ("Running…", "Finished in 3 ms."). */
  setStatus(text, tone = '') {
    this.status.textContent = text;
    this.status.classList.toggle('is-error', tone === 'error');
    this.status.classList.toggle('is-warn', tone === 'warn');
    this.updateStatusRow();
  }

  /** Where the code came from or what just happened to it (restored, shared, reset, link copied). */
  setNotice(text, tone = '') {
    this.notice.textContent = text;
    this.notice.classList.toggle('is-warn', tone === 'warn');
    this.updateStatusRow();
  }

  updateStatusRow() {
    const empty = !this.status.textContent && !this.notice.textContent && this.undoResetButton.hidden && this.shareField.hidden;
    this.statusRow.classList.toggle('empty', empty);
  }

  applyLabels() {
    const labels = this.labels;
    const setButton = (element, text, title) => {
      element.querySelector('.text').textContent = text;
      if (title) element.title = title;
    };
    setButton(this.runButton, labels.run, labels.runTitle);
    setButton(this.stopButton, labels.stop);
    setButton(this.resetButton, labels.reset, labels.resetTitle);
    setButton(this.shareButton, labels.share, labels.shareTitle);
    this.undoResetButton.textContent = labels.undoReset;
    this.tag.textContent = `${this.exampleId} · JavaScript${this.isReadOnly ? ` · ${labels.readOnly}` : ''}`;
    this.frame.setAttribute('aria-label', labels.exampleLabel(this.exampleId));
    this.output.setAttribute('aria-label', labels.outputLabel(this.exampleId));
    this.editor?.setAriaLabel(labels.editorLabel(this.exampleId));
  }

  applyTheme() {
    const dark = resolveTheme(this) === 'dark';
    this.frame.classList.toggle('dark', dark);
    this.editor?.setDark(dark);
  }
}
