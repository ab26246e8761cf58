// The labs' own styles, added to the shadow root after the live example's sheet (web/src/live/styles.js), whose
// .frame colours (light and .dark) and view styles (heatmap, plot) the labs reuse.
export const labCss = String.raw`
:host { display: block; margin: 1.5rem 0; max-width: 100%; min-width: 0; }
.frame.lab { padding: 0; }
.lab-header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; padding: 8px 12px; background: var(--panel); border-bottom: 1px solid var(--border); }
.lab-title { margin: 0; font-size: 15px; font-weight: 600; }
.lab-kind { font-size: 12px; color: var(--muted); }
.lab-body { padding: 10px 12px; display: flex; flex-direction: column; gap: 12px; min-width: 0; }
.lab-status { font-size: 13px; color: var(--muted); padding: 10px 12px; margin: 0; }
.lab-status.is-error { color: var(--error); background: var(--error-bg); }
.lab-status.is-warn { color: var(--warn); background: var(--warn-bg); }
.lab-intro { margin: 0; font-size: 14px; color: var(--muted); }
.controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
.controls fieldset { border: 1px solid var(--border); border-radius: 6px; padding: 4px 8px 8px; margin: 0; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; min-width: 0; }
.controls legend { font-size: 12px; color: var(--muted); padding: 0 4px; }
.slider { display: flex; align-items: center; gap: 8px; font-size: 14px; flex-wrap: wrap; }
.slider input[type=range] { width: 160px; max-width: 50vw; accent-color: var(--accent); }
.slider-value { font: 13px var(--font-mono); min-width: 4.5em; }
label.inline { display: inline-flex; align-items: center; gap: 6px; font-size: 14px; }
input[type=number], select { font: inherit; font-size: 14px; color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 4px; padding: 2px 4px; }
input[type=number] { width: 3.5em; }
input:focus-visible, select:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
button[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
.views { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; min-width: 0; }
.views > * { flex: 1 1 260px; min-width: 0; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table.numbers { border-collapse: collapse; font: 13px/1.4 var(--font-mono); }
table.numbers th, table.numbers td { border: 1px solid var(--border); padding: 3px 6px; text-align: right; white-space: nowrap; }
table.numbers th { font-family: var(--font-sans); font-weight: 600; background: var(--panel); }
table.numbers th[scope=row], table.numbers thead th:first-child { text-align: left; }
.table-wrap:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
table.numbers caption { font-family: var(--font-sans); text-align: left; padding-bottom: 4px; caption-side: top; }
table.numbers .bad { color: var(--error); font-weight: 600; }
table.numbers .warn { color: var(--warn); }
table.numbers .current { background: var(--accent-soft); }
table.numbers .masked { color: var(--muted); }
.lab-subtitle { margin: 8px 0 0; font-size: 15px; }
table.numbers tr.current th, table.numbers tr.current td { background: var(--accent-soft); }
.findings ul { margin: 4px 0 0; padding-left: 1.2em; }
.note { font-size: 13px; color: var(--muted); margin: 0; }
.summary { font-size: 14px; margin: 0; }
pre.code { margin: 0; padding: 8px; font: 12px/1.45 var(--font-mono); background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; overflow: auto; max-height: 16em; white-space: pre; }
@media (max-width: 480px) {
  .lab-body { padding: 8px; }
  .slider input[type=range] { width: 130px; }
}
`;

let sheet = null;
/** One constructable stylesheet shared by every lab's shadow root. */
export function labStyleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(labCss + maskGridCss);
  }
  return sheet;
}

// The mask composer's grid of toggle buttons.
export const maskGridCss = String.raw`
.mask-grid { display: grid; grid-template-columns: 2.2em repeat(var(--cols), minmax(28px, 40px)); gap: 3px; width: max-content; max-width: 100%; touch-action: none; user-select: none; }
.mask-row { display: contents; }
.mask-head, .mask-corner { font: 12px var(--font-mono); color: var(--muted); display: flex; align-items: center; justify-content: center; }
.mask-grid [role=gridcell] { display: flex; }
.mask-cell { flex: 1 1 auto; min-width: 0; min-height: 32px; padding: 0; font: 13px var(--font-mono); border-radius: 4px; background: var(--masked-bg); color: var(--muted); }
.mask-cell[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
`;
