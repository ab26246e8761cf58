// show.heatmap: a matrix [R, C] (or one head of [H, R, C]) as coloured cells with row/column labels, a legend with
// the data's true range, and the exact value on hover (or with the arrow keys after focusing the drawing).
// Cells that are −∞ (masked scores) are hatched rather than coloured: they are not part of the colour range.
import { createColourScale } from './colour-scales.js';
import { createHeadPicker } from './head-picker.js';
import { createViewFrame, pointInBody, svgPointInBody } from './view-frame.js';
import { matrixTextAlternative } from './text-alternative.js';
import { fitLabel, setNaturalSize, svgElement, svgText, textWidth, titleWidth } from './svg.js';
import { formatCompact, formatExact } from '../format-tensor.js';

const FONT = 12;
const TARGET_GRID = 420;   // px the grid aims for (less on narrow screens) before the page scales it
const MAX_LABEL = 120;     // px for the longest row/column label
let patternCounter = 0;

function describeCell(spec, labels, head, r, c, value) {
  const rowName = spec.rowLabels ? `${spec.rowLabels[r]} [${r}]` : String(r);
  const colName = spec.colLabels ? `${spec.colLabels[c]} [${c}]` : String(c);
  const headName = spec.headLabels ? `${labels.head} ${spec.headLabels[head]} · ` : '';
  const shown = value === -Infinity ? `−∞, ${labels.masked}` : formatExact(value);
  return `${headName}${labels.row} ${rowName} · ${labels.column} ${colName}: ${shown}`;
}

/** The short value printed inside a cell (the tooltip has the exact one): two decimals, or 2 significant digits. */
function cellText(v) {
  const text = Math.abs(v) < 10 ? v.toFixed(2) : formatCompact(v, 2);
  return text === '-0.00' ? '0.00' : text.replace('-', '−');
}

/** Renders a heatmap spec into a <figure>. */
export function renderHeatmap(spec, context) {
  const { labels } = context;
  const heads = spec.shape.length === 3 ? spec.shape[0] : 1;
  const [rows, cols] = spec.shape.slice(-2);
  const perHead = rows * cols;
  // One colour range for all heads, so colours can be compared across the head picker.
  const scale = createColourScale(spec.data, spec.diverging);
  const frame = createViewFrame({
    kind: 'heatmap',
    label: spec.title ?? undefined,
    context,
  });
  let head = 0;
  let cursor = null; // keyboard position { r, c }

  const rowNames = spec.rowLabels ?? Array.from({ length: rows }, (_, i) => String(i));
  const colNames = spec.colLabels ?? Array.from({ length: cols }, (_, i) => String(i));
  const grid = Math.min(TARGET_GRID, Math.max(200, (context.availableWidth?.() ?? TARGET_GRID) - 160));
  const cell = Math.max(6, Math.min(44, Math.floor(grid / Math.max(rows, cols))));
  // Small cells cannot each carry a label: label every `labelStep`-th row and column (the tooltip names every cell).
  const labelStep = Math.ceil(13 / cell);
  const labelled = (i, count) => i % labelStep === 0 || (labelStep > 1 && i === count - 1 && (count - 1) % labelStep >= labelStep / 2);
  const rowLabelWidth = Math.min(MAX_LABEL, Math.max(...rowNames.map((n) => textWidth(n, FONT))));
  const colLabelWidth = Math.min(MAX_LABEL, Math.max(...colNames.map((n) => textWidth(n, FONT))));
  const rotateColumns = colLabelWidth > cell * labelStep - 4;
  const titleHeight = spec.title ? 26 : 4;
  const colLabelHeight = rotateColumns ? Math.ceil(colLabelWidth * Math.sin(Math.PI / 4)) + 10 : 18;
  const left = Math.ceil(rowLabelWidth) + 10 + (rotateColumns ? 0 : 0);
  const top = titleHeight + colLabelHeight;
  const gridWidth = cols * cell;
  const gridHeight = rows * cell;
  const legendX = left + gridWidth + 18;
  const legendBarHeight = Math.max(90, Math.min(gridHeight, 220));
  const hasMasked = spec.data.some((v) => v === -Infinity);
  const legendLabels = [formatCompact(scale.domain[1], 3), formatCompact(scale.domain[0], 3),
    `min ${formatCompact(scale.min, 4)}`, `max ${formatCompact(scale.max, 4)}`, hasMasked ? labels.masked : ''];
  const legendWidth = 16 + 8 + 1.15 * Math.max(...legendLabels.map((t) => textWidth(t, 11)));
  // Rotated column labels lean left; keep the first ones inside the drawing.
  const extraLeft = rotateColumns ? Math.max(0, colLabelWidth * Math.cos(Math.PI / 4) - left + 4) : 0;
  const width = Math.max(Math.ceil(extraLeft + legendX + legendWidth + 4), titleWidth(spec.title));
  const legendBottom = top + legendBarHeight + (hasMasked ? 62 : 42);
  const height = Math.ceil(Math.max(top + gridHeight + 8, legendBottom));
  const showValues = cell >= 30 && perHead <= 144;
  const patternId = `aw-masked-${++patternCounter}`;

  function draw() {
    const svg = svgElement('svg', { class: 'heatmap', role: 'img', tabindex: 0,
      'aria-label': labels.heatmapLabel(rows, cols, formatCompact(scale.min, 4), formatCompact(scale.max, 4)) });
    setNaturalSize(svg, width, height);
    const root = svgElement('g', { transform: `translate(${extraLeft},0)` });
    svg.append(root);
    const defs = svgElement('defs', {}, [
      svgElement('pattern', { id: patternId, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, [
        svgElement('rect', { width: 6, height: 6, class: 'masked-bg' }),
        svgElement('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'masked-line', 'stroke-width': 2 }),
      ]),
    ]);
    svg.prepend(defs);
    if (spec.title) root.append(svgText(spec.title, { x: 0, y: 17, class: 'view-title-text' }));

    const base = head * perHead;
    const grid = svgElement('g', { class: 'cells', transform: `translate(${left},${top})`, 'shape-rendering': 'crispEdges' });
    for (let r = 0; r < rows; r += 1) {
      for (let c = 0; c < cols; c += 1) {
        const v = spec.data[base + r * cols + c];
        const masked = v === -Infinity;
        grid.append(svgElement('rect', {
          x: c * cell, y: r * cell, width: cell, height: cell,
          fill: masked ? `url(#${patternId})` : scale.colour(v),
          'data-r': r, 'data-c': c, class: 'cell',
        }));
        if (showValues) {
          const label = svgText(masked ? '−∞' : cellText(v), {
            x: c * cell + cell / 2, y: r * cell + cell / 2 + 4, 'text-anchor': 'middle',
            class: masked ? 'cell-value masked-value' : 'cell-value',
          });
          // Inline style: the stylesheet's `svg text { fill }` would override a fill attribute.
          if (!masked) label.style.fill = scale.textColour(v);
          grid.append(label);
        }
      }
    }
    root.append(grid);
    const outline = svgElement('rect', { class: 'cell-outline', width: cell, height: cell, visibility: 'hidden' });
    grid.append(outline);

    const rowGroup = svgElement('g', { class: 'axis-labels' });
    rowNames.forEach((name, r) => {
      if (!labelled(r, rows)) return;
      rowGroup.append(svgText(fitLabel(name, MAX_LABEL, FONT), {
        x: left - 6, y: top + r * cell + cell / 2 + 4, 'text-anchor': 'end',
      }));
    });
    colNames.forEach((name, c) => {
      if (!labelled(c, cols)) return;
      const x = left + c * cell + cell / 2;
      const y = top - 6;
      rowGroup.append(svgText(fitLabel(name, MAX_LABEL, FONT), rotateColumns
        ? { x, y, 'text-anchor': 'start', transform: `rotate(-45 ${x} ${y})` }
        : { x, y, 'text-anchor': 'middle' }));
    });
    root.append(rowGroup);

    // Legend: a gradient bar over the colour domain, then the true min and max written out.
    const gradientId = `${patternId}-legend`;
    const stops = scale.stops(11).map((colour, i) => svgElement('stop', { offset: `${i * 10}%`, 'stop-color': colour }));
    defs.append(svgElement('linearGradient', { id: gradientId, x1: 0, y1: 1, x2: 0, y2: 0 }, stops));
    const legend = svgElement('g', { class: 'legend', transform: `translate(${legendX},${top})` });
    legend.append(svgElement('rect', { width: 14, height: legendBarHeight, fill: `url(#${gradientId})`, class: 'legend-bar' }));
    legend.append(svgText(legendLabels[0], { x: 20, y: 9 }));
    legend.append(svgText(legendLabels[1], { x: 20, y: legendBarHeight }));
    if (scale.diverging) legend.append(svgText('0', { x: 20, y: legendBarHeight / 2 + 4 }));
    // Marks on the bar where the data's true min and max fall.
    const markY = (v) => legendBarHeight * (1 - (scale.domain[1] === scale.domain[0] ? 0.5 : (v - scale.domain[0]) / (scale.domain[1] - scale.domain[0])));
    for (const v of [scale.min, scale.max]) {
      legend.append(svgElement('line', { x1: -4, x2: 0, y1: markY(v), y2: markY(v), class: 'legend-mark' }));
    }
    legend.append(svgText(legendLabels[2], { x: 0, y: legendBarHeight + 18, class: 'legend-range' }));
    legend.append(svgText(legendLabels[3], { x: 0, y: legendBarHeight + 34, class: 'legend-range' }));
    if (hasMasked) {
      legend.append(svgElement('rect', { x: 0, y: legendBarHeight + 44, width: 12, height: 12, fill: `url(#${patternId})` }));
      legend.append(svgText(labels.masked, { x: 16, y: legendBarHeight + 54, class: 'legend-range' }));
    }
    root.append(legend);

    const valueAt = (r, c) => spec.data[base + r * cols + c];
    const showCell = (r, c, point, announce) => {
      outline.setAttribute('x', String(c * cell));
      outline.setAttribute('y', String(r * cell));
      outline.setAttribute('visibility', 'visible');
      const text = describeCell(spec, labels, head, r, c, valueAt(r, c));
      frame.showTooltip(text, point.x, point.y);
      if (announce) frame.announce(text);
    };
    const hide = () => { outline.setAttribute('visibility', 'hidden'); frame.hideTooltip(); };
    svg.addEventListener('pointermove', (event) => {
      const target = event.target.closest?.('rect.cell');
      if (!target) { if (!cursor) hide(); return; }
      showCell(Number(target.dataset.r), Number(target.dataset.c), pointInBody(frame.body, event), false);
    });
    svg.addEventListener('pointerleave', () => { if (!cursor) hide(); });
    const showCursor = () => {
      const p = svgPointInBody(frame.body, svg, extraLeft + left + (cursor.c + 0.5) * cell, top + cursor.r * cell);
      showCell(cursor.r, cursor.c, p, true);
    };
    svg.addEventListener('focus', () => { cursor ??= { r: 0, c: 0 }; showCursor(); });
    svg.addEventListener('blur', () => { cursor = null; hide(); });
    svg.addEventListener('keydown', (event) => {
      const move = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[event.key];
      if (!move || !cursor) return;
      event.preventDefault();
      cursor = { r: Math.min(rows - 1, Math.max(0, cursor.r + move[0])), c: Math.min(cols - 1, Math.max(0, cursor.c + move[1])) };
      showCursor();
    });
    frame.setSvg(svg);
    frame.setTextAlternative(matrixTextAlternative({
      caption: [spec.title, labels.heatmapTable(spec.headLabels ? spec.headLabels[head] : null)].filter(Boolean).join(' — '),
      rows, cols, rowNames, colNames, value: valueAt, labels,
    }));
  }

  if (heads > 1) {
    frame.controls.append(createHeadPicker(spec.headLabels, (index) => { head = index; cursor = null; frame.hideTooltip(); draw(); }, labels));
  }
  draw();
  return frame.figure;
}
