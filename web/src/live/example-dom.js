// The DOM of a live example: toolbar (Run, Stop, Reset, Share), the editor's host, a status row (where the code came
// from, the run's state, the share link) and the output area. It knows nothing about running or storage, so other
// elements (an exercise, a lab) can build the same frame and drive it with their own logic.
import { createScrollRegions } from '../scroll-regions.js';

function toolbarButton(className, icon) {
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

/** The frame of one example inside `root` (a shadow root); its parts are public fields. */
export class ExampleDom {
  /**
   * @param {ShadowRoot} root
   * @param {{ code: string, hidesRun?: boolean, isReadOnly?: boolean }} options
   */
  constructor(root, { code, hidesRun = false, isReadOnly = false }) {
    this.frame = document.createElement('div');
    this.frame.className = 'frame';
    this.frame.setAttribute('role', 'group');
    this.frame.tabIndex = -1;

    const toolbar = document.createElement('div');
    toolbar.className = 'toolbar';
    this.tag = document.createElement('span');
    this.tag.className = 'tag';
    this.runButton = toolbarButton('run', '▶');
    this.stopButton = toolbarButton('stop', '■');
    this.resetButton = toolbarButton('reset', '↺');
    this.shareButton = toolbarButton('share', '⤴');
    this.runButton.hidden = hidesRun;
    this.resetButton.hidden = isReadOnly;
    this.shareButton.hidden = isReadOnly;
    this.stopButton.disabled = true;
    toolbar.append(this.tag, this.runButton, this.stopButton, this.resetButton, this.shareButton);

    this.editorHost = document.createElement('div');
    this.editorHost.className = 'editor';
    // Plain text until (and whenever) the CodeMirror editor is not there: the code stays readable.
    this.fallback = document.createElement('pre');
    this.fallback.className = 'code-fallback';
    this.fallback.textContent = code;
    this.editorHost.append(this.fallback);

    this.statusRow = document.createElement('div');
    this.statusRow.className = 'status-row empty';
    this.status = document.createElement('span');
    this.status.className = 'status';
    this.status.setAttribute('role', 'status');
    this.undoResetButton = document.createElement('button');
    this.undoResetButton.type = 'button';
    this.undoResetButton.className = 'undo-reset';
    this.undoResetButton.hidden = true;
    this.shareField = document.createElement('input');
    this.shareField.className = 'share-field';
    this.shareField.readOnly = true;
    this.shareField.hidden = true;
    this.notice = document.createElement('span');
    this.notice.className = 'notice';
    this.notice.setAttribute('aria-live', 'polite');
    this.statusRow.append(this.notice, this.undoResetButton, this.status, this.shareField);

    this.output = document.createElement('div');
    this.output.className = 'output';
    this.output.setAttribute('role', 'log');
    this.output.setAttribute('aria-live', 'polite');

    this.frame.append(toolbar, this.editorHost, this.statusRow, this.output);
    root.append(this.frame);

    // Output that scrolls sideways (a wide tensor, a drawing at phone width) is keyboard-reachable while it overflows.
    this.scrollRegions = createScrollRegions('');
  }

  /** Empties the output area (and stops watching what was in it). */
  clearOutput() {
    this.scrollRegions.unwatchAll();
    this.output.replaceChildren();
  }

  /** Watches the parts of a new output block that can scroll sideways (printed text, drawings). */
  watchScrollables(block) {
    const parts = block.matches?.('pre, .view-body') ? [block] : [];
    parts.push(...block.querySelectorAll('pre, .view-body'));
    for (const part of parts) this.scrollRegions.watch(part);
  }

  /** Shows the code as plain text (no editor, or before it loads). */
  showFallback(code) {
    this.fallback.textContent = code;
    if (!this.fallback.isConnected) this.editorHost.prepend(this.fallback);
  }

  hideFallback() { this.fallback.remove(); }

  /** The run's state ("Running…", "Finished in 3 ms."); tone '' | 'warn' | 'error'. */
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

  showShareField(url, visible) {
    this.shareField.value = url;
    this.shareField.hidden = !visible;
    this.updateStatusRow();
  }

  updateStatusRow() {
    const empty = !this.status.textContent && !this.notice.textContent && this.undoResetButton.hidden && this.shareField.hidden;
    this.statusRow.classList.toggle('empty', empty);
  }

  /** Writes every visible text and accessible name in the language of `labels` (see i18n.js). */
  applyLabels(labels, { exampleId, isReadOnly }) {
    const setButton = (element, text, title) => {
      element.querySelector('.text').textContent = text;
      if (title) element.title = title;
    };
    setButton(this.runButton, labels.run, labels.runTitle);
    setButton(this.stopButton, labels.stop);
    setButton(this.resetButton, labels.reset, labels.resetTitle);
    setButton(this.shareButton, labels.share, labels.shareTitle);
    this.undoResetButton.textContent = labels.undoReset;
    this.tag.textContent = `${exampleId} · JavaScript${isReadOnly ? ` · ${labels.readOnly}` : ''}`;
    this.frame.setAttribute('aria-label', labels.exampleLabel(exampleId));
    this.output.setAttribute('aria-label', labels.outputLabel(exampleId));
    this.scrollRegions.setLabel(labels.scrollableOutput);
  }

  /** Briefly highlights the frame (e.g. when a share link brought the reader here). */
  flash() {
    this.frame.classList.remove('flash');
    void this.frame.offsetWidth; // restart the highlight animation
    this.frame.classList.add('flash');
  }

  /** Whether the frame is drawn dark. */
  setDark(dark) { this.frame.classList.toggle('dark', dark); }
  get isDark() { return this.frame.classList.contains('dark'); }

  /** Width available to drawings: the frame's inner width minus the output's padding. */
  availableWidth() { return Math.max(0, (this.frame.clientWidth || 640) - 26); }
}
