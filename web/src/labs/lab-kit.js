// What every lab shares: the attention core (one instance per page), a small DOM builder, number formatting that
// shows NaN and ±Infinity as such, labelled sliders, and the context the view toolkit (web/src/live/views/) needs.
import { createAttention } from 'attention-workshop';
import { labelsFor } from '../live/i18n.js';

let attention = null;

/**
 * The attention core on the main thread, created once and shared by all labs of the page. Labs call it
 * synchronously on every input event: their problems are tiny (≤ 16 × 16 scores), a call takes microseconds,
 * and a worker's message round trip would only add latency to dragging a slider.
 */
export function getAttention() {
  attention ??= createAttention().catch((error) => { attention = null; throw error; });
  return attention;
}

/** 'zh' or 'en' for a language tag. */
export const languageOf = (tag) => (String(tag ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en');

/**
 * Creates an element: h('button', { class: 'x', onclick: f, 'aria-pressed': 'true' }, 'text', child…).
 * Attributes whose value is null, undefined or false are left out; on* functions become listeners.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'class') element.className = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

/**
 * A number for people: NaN, Infinity and −Infinity spelled out (they are what some labs are about), a true minus
 * sign, `digits` significant digits, and exponent notation for very large or very small magnitudes.
 */
export function formatNumber(value, digits = 4) {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  if (value === 0) return '0'; // and −0: the sign of a zero weight says nothing here
  const magnitude = Math.abs(value);
  const text = magnitude >= 1e5 || magnitude < 1e-4 ? value.toExponential(digits - 1) : String(Number(value.toPrecision(digits)));
  return text.replace('-', '−');
}

let sliderCount = 0;

/** A labelled range input with its value printed beside it; `format` turns the value into that text. */
export function slider({ label, min, max, step, value, format = String, onInput, name }) {
  const id = `lab-slider-${++sliderCount}`;
  const output = h('output', { for: id, class: 'slider-value' }, format(value));
  const input = h('input', { type: 'range', id, min, max, step, value, name, 'aria-valuetext': format(value) });
  input.addEventListener('input', () => {
    const v = Number(input.value);
    output.textContent = format(v);
    input.setAttribute('aria-valuetext', format(v));
    onInput(v);
  });
  const row = h('div', { class: 'slider' }, h('label', { for: id }, label), input, output);
  return { row, input };
}

/** The context web/src/live/views/ renderers expect, for a lab in `container` (inside shadow root `host`). */
export function viewContext({ lang, host, fileBase, container }) {
  return {
    labels: labelsFor(lang),
    fileBase,
    host,
    availableWidth: () => Math.max(0, (container.clientWidth || 640) - 8),
  };
}

/** Picks the zh or en entry of a { zh, en } table of strings. */
export const pick = (lang, table) => table[lang] ?? table.en;

