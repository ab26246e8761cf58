// Styles of <workshop-exercise>'s shadow root, on top of the live example's (same colours, toolbar and buttons).
export const exerciseCss = String.raw`
.toolbar button.run { background: var(--bg); color: var(--fg); border-color: var(--border); }
.toolbar button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
.passed-badge { font-size: 13px; color: #1a7f37; font-weight: 600; }
.frame.dark .passed-badge { color: #3fb950; }
.status-row { display: flex; flex-wrap: wrap; gap: 4px 12px; padding: 4px 10px; font-size: 13px; color: var(--muted); border-top: 1px solid var(--border); min-height: 1.5em; }
.status.is-error { color: var(--error); }
.results { padding: 8px 12px; border-top: 1px solid var(--border); }
.results .summary { margin: 0 0 6px; font-weight: 600; }
.results .summary.is-pass { color: #1a7f37; }
.frame.dark .results .summary.is-pass { color: #3fb950; }
.results .summary.is-fail { color: var(--error); }
.cases { list-style: none; margin: 0; padding: 0; }
.case { padding: 2px 0; }
.case .mark { display: inline-block; width: 1.4em; font-weight: 700; }
.case.pass .mark { color: #1a7f37; }
.frame.dark .case.pass .mark { color: #3fb950; }
.case.fail .mark { color: var(--error); }
.case summary { cursor: pointer; }
.case summary:focus-visible, button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.case-message { margin: 4px 0 6px 1.4em; padding: 6px 8px; background: var(--error-bg); border-radius: 6px; white-space: pre-wrap; word-break: break-word; font: 13px/1.45 var(--font-mono); }
.hints, .solution { padding: 8px 12px; border-top: 1px solid var(--border); background: var(--panel); }
.panel-heading { margin: 0 0 6px; font-size: 14px; }
::slotted(.exercise-hint) { margin: 4px 0; padding: 6px 10px; border-left: 3px solid var(--accent); background: var(--bg); }
.solution .ask { margin: 0 0 8px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0; }
.solution-code, .diff-lines { margin: 0; padding: 8px; background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; overflow: auto; font: 13px/1.5 var(--font-mono); }
.diff-lines .added { background: rgba(46, 160, 67, 0.18); display: block; }
.diff-lines .removed { background: var(--error-line); display: block; }
.diff-lines .same { display: block; }
.snippet-error { color: var(--error); background: var(--error-bg); padding: 6px 8px; border-radius: 6px; white-space: pre-wrap; }
`;

let sheet = null;
export function exerciseStyleSheet() {
  if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(exerciseCss); }
  return sheet;
}
