// The stylesheet of <live-example>'s shadow root. Colours are custom properties with a light and a dark set; a host
// page can tune the accent, radius and fonts through --live-* properties on the element.

export const liveExampleCss = String.raw`
:host {
  display: block;
  max-width: 100%;
  min-width: 0;
  margin: 1.25rem 0;
  --font-mono: var(--live-font-mono, ui-monospace, "SFMono-Regular", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace);
  --font-sans: var(--live-font-sans, system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif);
  --radius: var(--live-radius, 8px);
  /* Phones must not "boost" the code's font: the editor's gutter would no longer line up with its lines. */
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
:host([hidden]) { display: none; }

.frame {
  --bg: #ffffff; --panel: #f6f8fa; --code-bg: #fbfcfd; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0;
  --accent: var(--live-accent, #0969da); --accent-fg: #ffffff; --accent-soft: rgba(9, 105, 218, 0.12);
  --error: #cf222e; --error-bg: #ffebe9; --error-line: rgba(207, 34, 46, 0.12); --warn: #9a6700; --warn-bg: #fff8c5;
  --active-line: rgba(9, 105, 218, 0.06); --selection: rgba(9, 105, 218, 0.22); --bracket-match: rgba(9, 105, 218, 0.14);
  --tok-keyword: #cf222e; --tok-string: #0a3069; --tok-number: #0550ae; --tok-comment: #59636e; --tok-function: #8250df;
  --tok-property: #0550ae; --tok-definition: #953800; --tok-type: #953800;
  --view-bg: #ffffff; --grid: #e3e8ee; --line-colour: #0969da; --masked-bg: #eef1f4; --masked-line: #9aa4ae;
  --series-0: #0072b2; --series-1: #d55e00; --series-2: #009e73; --series-3: #cc79a7; --series-4: #e69f00;
  --series-5: #56b4e9; --series-6: #666666; --series-7: #8c6d31;
  color-scheme: light;
  font-family: var(--font-sans);
  font-size: 15px;
  line-height: 1.5;
  color: var(--fg);
  background: var(--bg);
  border: 1px solid var(--border);
  border-radius: var(--radius);
  overflow: hidden;
  max-width: 100%;
}
.frame.dark {
  --bg: #0d1117; --panel: #161b22; --code-bg: #0f141a; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d;
  --accent: var(--live-accent, #4493f8); --accent-fg: #0d1117; --accent-soft: rgba(68, 147, 248, 0.18);
  --error: #ff7b72; --error-bg: rgba(248, 81, 73, 0.12); --error-line: rgba(248, 81, 73, 0.18); --warn: #d29922; --warn-bg: rgba(187, 128, 9, 0.15);
  --active-line: rgba(110, 118, 129, 0.12); --selection: rgba(68, 147, 248, 0.35); --bracket-match: rgba(68, 147, 248, 0.25);
  --tok-keyword: #ff7b72; --tok-string: #a5d6ff; --tok-number: #79c0ff; --tok-comment: #9198a1; --tok-function: #d2a8ff;
  --tok-property: #79c0ff; --tok-definition: #ffa657; --tok-type: #ffa657;
  --view-bg: #0d1117; --grid: #262c36; --line-colour: #58a6ff; --masked-bg: #1c2128; --masked-line: #545d68;
  --series-0: #56b4e9; --series-1: #e69f00; --series-2: #3fbf8f; --series-3: #cc79a7; --series-4: #f0e442;
  --series-5: #ff8c5a; --series-6: #b0b8c1; --series-7: #d2a8ff;
  color-scheme: dark;
}

.toolbar {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 6px;
  padding: 6px 8px;
  background: var(--panel);
  border-bottom: 1px solid var(--border);
}
.toolbar .tag {
  font: 12px var(--font-mono);
  color: var(--muted);
  margin-right: auto;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  min-width: 0;
  flex: 1 1 8em;
}
button {
  font: inherit;
  font-size: 14px;
  line-height: 1.2;
  color: var(--fg);
  background: var(--bg);
  border: 1px solid var(--border);
  border-radius: 6px;
  padding: 5px 12px;
  min-height: 32px;
  cursor: pointer;
}
button:hover:not(:disabled) { border-color: var(--accent); }
button:disabled { opacity: 0.45; cursor: default; }
button:focus-visible, .view svg:focus-visible, select:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
button.run { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); font-weight: 600; }
button.run:hover:not(:disabled) { filter: brightness(1.08); }
button .icon { display: inline-block; margin-right: 5px; font-size: 0.85em; }
button[hidden] { display: none; }

.editor { position: relative; min-height: 2.5em; background: var(--code-bg); }
.editor .cm-editor { max-height: 32em; }
.code-fallback {
  margin: 0;
  padding: 8px 12px 8px 44px;
  font: 14px/1.55 var(--font-mono);
  white-space: pre;
  overflow: auto;
  max-height: 32em;
  color: var(--fg);
  background: var(--code-bg);
}

.status-row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 0 10px; border-top: 1px solid var(--border); background: var(--panel); min-height: 0; }
.status-row:empty, .status-row.empty { display: none; }
.status { font-size: 13px; color: var(--muted); padding: 5px 0; flex: 1 1 10em; }
.notice { font-size: 13px; color: var(--fg); padding: 5px 0; flex: 0 1 auto; }
.notice:empty, .status:empty { display: none; }
.notice.is-warn { color: var(--warn); }
.status.is-error { color: var(--error); }
.status.is-warn { color: var(--warn); }
.status-row button { font-size: 13px; padding: 2px 10px; min-height: 28px; }
.share-field { flex: 1 1 100%; font: 12px var(--font-mono); padding: 4px 6px; margin-bottom: 6px; color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 4px; min-width: 0; }

.output { padding: 8px 12px; border-top: 1px solid var(--border); display: flex; flex-direction: column; gap: 10px; min-width: 0; }
.output:empty { display: none; }
.output pre { margin: 0; font: 13px/1.5 var(--font-mono); white-space: pre; overflow-x: auto; max-width: 100%; }
.out-text { white-space: pre-wrap !important; overflow-wrap: anywhere; }
.out-warn { color: var(--warn); background: var(--warn-bg); padding: 2px 6px; border-radius: 4px; }
.out-error, .out-info { padding: 2px 6px; border-radius: 4px; }
.out-error { color: var(--error); background: var(--error-bg); }
.out-notice { color: var(--muted); font-style: italic; }
.out-header { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; font-size: 13px; margin-bottom: 2px; }
.out-label { font-weight: 600; font-size: 13px; }
.out-shape { font: 12px var(--font-mono); color: var(--muted); }
.out-record { display: flex; flex-direction: column; gap: 8px; border-left: 3px solid var(--border); padding-left: 10px; }
.out-labelled { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
.snippet-error {
  color: var(--error);
  background: var(--error-bg);
  border-radius: 6px;
  padding: 8px 10px;
  font: 13px/1.5 var(--font-mono);
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}
.snippet-error .where { font-family: var(--font-sans); font-weight: 600; display: block; margin-bottom: 2px; }

.view { margin: 0; min-width: 0; --view-bg: inherit; }
.view-caption { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 6px; margin-bottom: 4px; }
.view-controls { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; min-width: 0; }
.view-actions { display: flex; gap: 6px; margin-left: auto; }
.view-save { font-size: 12px; padding: 2px 8px; min-height: 26px; color: var(--muted); }
.view-body { position: relative; overflow-x: auto; overflow-y: hidden; max-width: 100%; padding: 2px; }
.view-body svg { display: block; max-width: 100%; height: auto; font-family: var(--font-sans); }
.view-tooltip {
  position: absolute; z-index: 2; pointer-events: none; max-width: 280px; white-space: pre-line;
  background: var(--fg); color: var(--bg); font-size: 12px; line-height: 1.4; padding: 4px 8px; border-radius: 4px;
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.25);
}
.head-picker { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; }
.head-picker-caption { font-size: 12px; color: var(--muted); margin-right: 2px; }
.head-picker-group { display: flex; flex-wrap: wrap; gap: 3px; }
.head-picker button { font-size: 12px; min-height: 26px; min-width: 30px; padding: 2px 8px; }
.head-picker button[aria-checked="true"] { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
.head-picker select { font: inherit; font-size: 13px; color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 4px; }

svg text { fill: var(--fg); font-size: 12px; }
svg .view-title-text { font-size: 14px; font-weight: 600; }
svg .axis-labels text, svg .legend text, svg .tick-label, svg .column-caption { fill: var(--muted); }
svg .legend .legend-range { font-size: 11px; }
svg .legend text { font-size: 11px; }
svg .cell-value { font-size: 11px; pointer-events: none; }
svg .masked-value { fill: var(--muted); }
svg .masked-bg { fill: var(--masked-bg); }
svg .masked-line { stroke: var(--masked-line); }
svg .legend-bar { stroke: var(--border); stroke-width: 1; }
svg .legend-mark { stroke: var(--fg); stroke-width: 2; }
svg .cell-outline { fill: none; stroke: var(--fg); stroke-width: 2; pointer-events: none; }
svg .column-caption { font-size: 11px; text-transform: uppercase; letter-spacing: 0.06em; }
svg .token-line { stroke: var(--line-colour); stroke-width: 2; stroke-opacity: var(--w); transition: stroke-opacity 120ms; }
svg.focused .token-line { stroke-opacity: 0.03; }
svg.focused .token-line.active { stroke-opacity: max(var(--w), 0.06); }
svg .token { cursor: pointer; }
svg .token-chip { fill: var(--accent); fill-opacity: 0; }
svg .token.source .token-chip { fill-opacity: 0.25; stroke: var(--accent); stroke-width: 1.5; }
svg .token-text { font-size: 13px; font-family: var(--font-mono); }
svg .token-weight { font-size: 11px; fill: var(--muted); font-family: var(--font-mono); }
svg .grid-line { stroke: var(--grid); stroke-width: 1; }
svg .axis-line { stroke: var(--muted); stroke-width: 1; }
svg .axis-title { fill: var(--muted); font-size: 12px; }
svg .legend-text { font-size: 12px; }
svg path.series, svg line.series { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
svg .series-point { stroke: none; }
${Array.from({ length: 8 }, (_, i) => `svg .series-${i} { stroke: var(--series-${i}); } svg circle.series-${i} { fill: var(--series-${i}); }`).join('\n')}
svg .hover-guide { stroke: var(--muted); stroke-dasharray: 3 3; pointer-events: none; }

.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
}
.flash { animation: flash 1.6s ease-out; }
@keyframes flash { from { box-shadow: 0 0 0 4px var(--accent); } to { box-shadow: 0 0 0 0 transparent; } }

@media (max-width: 480px) {
  .frame { font-size: 14px; }
  button { padding: 5px 10px; }
  .toolbar .tag { flex-basis: 100%; }
  .output { padding: 8px; }
}
@media (prefers-reduced-motion: reduce) {
  .flash { animation: none; }
  svg .token-line { transition: none; }
}
`;

let sharedSheet = null;
/** One constructable stylesheet shared by every live example's shadow root. */
export function liveExampleStyleSheet() {
  if (!sharedSheet) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(liveExampleCss);
  }
  return sharedSheet;
}
