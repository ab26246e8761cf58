// The text alternative of a matrix drawing (heatmap, token lines): what a screen reader reads instead of the picture.
// A small matrix becomes a visually hidden table with row and column headers, so a screen reader's table commands
// walk it cell by cell; a large one becomes one sentence per row (its largest value and where), which is what a
// sighted reader takes from the colours. The drawing points at it with aria-describedby.
import { formatExact } from '../format-tensor.js';

/** Above this many cells a table is no longer something to listen to; rows are summarised instead. */
const MAX_TABLE_CELLS = 400;
let idCounter = 0;

const shownValue = (value, labels) => (value === -Infinity ? labels.masked : formatExact(value));

/**
 * Builds the alternative for one [rows, cols] matrix. `value(r, c)` reads a cell; `rowNames` / `colNames` name the
 * rows and columns; `caption` says what the matrix is. Returns a visually hidden element with a unique `id` (for
 * aria-describedby) holding a table or the row summaries.
 */
export function matrixTextAlternative({ caption, rows, cols, rowNames, colNames, value, labels }) {
  // A block wrapper carries the hiding: a table cannot be made narrower than its cells, so a hidden table on its own
  // would still widen the page on a phone.
  const wrapper = document.createElement('div');
  wrapper.className = 'visually-hidden';
  wrapper.id = `aw-text-alternative-${++idCounter}`;
  if (rows * cols <= MAX_TABLE_CELLS) {
    const table = document.createElement('table');
    table.createCaption().textContent = caption;
    const headRow = table.createTHead().insertRow();
    headRow.append(document.createElement('td'));
    for (let c = 0; c < cols; c += 1) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = colNames[c];
      headRow.append(th);
    }
    const body = table.createTBody();
    for (let r = 0; r < rows; r += 1) {
      const row = body.insertRow();
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = rowNames[r];
      row.append(th);
      for (let c = 0; c < cols; c += 1) row.insertCell().textContent = shownValue(value(r, c), labels);
    }
    wrapper.append(table);
    return wrapper;
  }
  const heading = document.createElement('p');
  heading.textContent = caption;
  const items = document.createElement('ul');
  for (let r = 0; r < rows; r += 1) {
    let best = 0;
    for (let c = 1; c < cols; c += 1) if (value(r, c) > value(r, best)) best = c;
    const item = document.createElement('li');
    item.textContent = labels.rowSummary(rowNames[r], colNames[best], shownValue(value(r, best), labels));
    items.append(item);
  }
  wrapper.append(heading, items);
  return wrapper;
}
