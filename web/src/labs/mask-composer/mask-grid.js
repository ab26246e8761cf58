// The mask as an ARIA grid of toggle buttons: one roving tab stop, arrow keys (Home/End, Ctrl+Home/End) move,
// Space/Enter toggle, and a pointer can paint: pressing on a cell flips it and dragging gives the cells passed over
// the same value, so a whole row or band is one gesture.
import { h } from '../lab-kit.js';

/** Creates the grid; `onChange(mask)` gets a fresh Uint8Array (row-major, 1 = may attend) after every edit. */
export function createMaskGrid({ label, cellLabel, onChange }) {
  const element = h('div', { class: 'mask-grid', role: 'grid', 'aria-label': label });
  let lq = 0;
  let lk = 0;
  let mask = new Uint8Array(0);
  let focus = { i: 0, j: 0 };
  let paint = null; // the value being painted while a pointer is down

  const button = (i, j) => element.querySelector(`button[data-i="${i}"][data-j="${j}"]`);

  function setCell(i, j, value) {
    const index = i * lk + j;
    if (mask[index] === value) return false;
    mask[index] = value;
    const cell = button(i, j);
    cell.setAttribute('aria-pressed', String(Boolean(value)));
    cell.setAttribute('aria-label', cellLabel(i, j, value));
    cell.textContent = String(value);
    return true;
  }

  function moveFocus(i, j) {
    button(focus.i, focus.j)?.setAttribute('tabindex', '-1');
    focus = { i: Math.max(0, Math.min(lq - 1, i)), j: Math.max(0, Math.min(lk - 1, j)) };
    const next = button(focus.i, focus.j);
    next.setAttribute('tabindex', '0');
    next.focus();
  }

  element.addEventListener('keydown', (event) => {
    const cell = event.target.closest('button[data-i]');
    if (!cell) return;
    const { i, j } = focus;
    const moves = {
      ArrowUp: [i - 1, j], ArrowDown: [i + 1, j], ArrowLeft: [i, j - 1], ArrowRight: [i, j + 1],
      Home: event.ctrlKey ? [0, 0] : [i, 0], End: event.ctrlKey ? [lq - 1, lk - 1] : [i, lk - 1],
    };
    if (!moves[event.key]) return;
    event.preventDefault();
    moveFocus(...moves[event.key]);
  });

  // Keyboard activation (Enter/Space) arrives as a click with detail 0; pointer clicks were handled on pointerdown.
  element.addEventListener('click', (event) => {
    const cell = event.target.closest('button[data-i]');
    if (!cell || event.detail !== 0) return;
    const i = Number(cell.dataset.i); const j = Number(cell.dataset.j);
    setCell(i, j, mask[i * lk + j] ? 0 : 1);
    onChange(mask.slice());
  });

  element.addEventListener('pointerdown', (event) => {
    const cell = event.target.closest('button[data-i]');
    if (!cell || event.button !== 0) return;
    event.preventDefault(); // no text selection while painting
    const i = Number(cell.dataset.i); const j = Number(cell.dataset.j);
    paint = mask[i * lk + j] ? 0 : 1;
    element.setPointerCapture(event.pointerId); // keep receiving moves outside the grid; hit-test them ourselves
    setCell(i, j, paint);
    button(focus.i, focus.j)?.setAttribute('tabindex', '-1');
    focus = { i, j };
    cell.setAttribute('tabindex', '0');
    cell.focus({ preventScroll: true });
    onChange(mask.slice());
  });
  element.addEventListener('pointermove', (event) => {
    if (paint === null) return;
    const under = element.getRootNode().elementsFromPoint?.(event.clientX, event.clientY) ?? [];
    const cell = under.find((node) => node.matches?.('button[data-i]') && element.contains(node));
    if (cell && setCell(Number(cell.dataset.i), Number(cell.dataset.j), paint)) onChange(mask.slice());
  });
  const endPaint = () => { paint = null; };
  element.addEventListener('pointerup', endPaint);
  element.addEventListener('pointercancel', endPaint);
  element.addEventListener('lostpointercapture', endPaint);

  return {
    element,
    /** Rebuilds the grid for lq × lk cells with `values` (1 = may attend). */
    render(rows, cols, values) {
      const hadFocus = element.contains(element.getRootNode().activeElement);
      lq = rows; lk = cols; mask = Uint8Array.from(values);
      focus = { i: Math.min(focus.i, lq - 1), j: Math.min(focus.j, lk - 1) };
      const header = h('div', { role: 'row', class: 'mask-row' }, h('span', { role: 'columnheader', class: 'mask-corner' }, ''),
        ...Array.from({ length: lk }, (_, j) => h('span', { role: 'columnheader', class: 'mask-head' }, `k${j}`)));
      const rowsHtml = Array.from({ length: lq }, (_, i) => h('div', { role: 'row', class: 'mask-row' },
        h('span', { role: 'rowheader', class: 'mask-head' }, `q${i}`),
        ...Array.from({ length: lk }, (_, j) => {
          const on = mask[i * lk + j];
          return h('span', { role: 'gridcell' }, h('button', {
            type: 'button', class: 'mask-cell', 'data-i': i, 'data-j': j, 'aria-pressed': String(Boolean(on)),
            'aria-label': cellLabel(i, j, on), tabindex: i === focus.i && j === focus.j ? '0' : '-1',
          }, String(on)));
        })));
      element.style.setProperty('--cols', String(lk));
      element.replaceChildren(header, ...rowsHtml);
      if (hadFocus) button(focus.i, focus.j)?.focus();
    },
  };
}
