// show.plot: a line chart of one or more series with ticked axes, a legend when there are several series, and a
// hover read-out of all series at the nearest x. Series differ by colour (Okabe–Ito palette) and by dash pattern,
// so they stay apart without colour vision too.
import { createViewFrame, pointInBody } from './view-frame.js';
import { setNaturalSize, svgElement, svgText, textWidth } from './svg.js';
import { formatCompact, formatExact } from '../format-tensor.js';

const MAX_WIDTH = 640;
const MIN_WIDTH = 300;
const PLOT_HEIGHT_RATIO = 0.45;
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];

/** "Nice" tick values covering [lo, hi] with about `count` ticks (1, 2 or 5 times a power of ten apart). */
export function niceTicks(lo, hi, count = 5) {
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return niceTicks(lo - pad, hi + pad, count);
  }
  const rough = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const first = Math.floor(lo / step) * step;
  const ticks = [];
  for (let v = first; v <= hi + step * 0.5; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1] < hi) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

/**
 * Renders a plot spec into a <figure>. Optional (for callers such as the labs, not show.plot): xTicks / yTicks
 * (tick values) and formatX / formatY (value → label text for ticks and the read-out), e.g. for a log–log plot
 * drawn from log₂ n and log₁₀ ms whose ticks read as n and ms.
 */
export function renderPlot(spec, context) {
  const { labels } = context;
  const frame = createViewFrame({ kind: 'plot', label: spec.title ?? undefined, context });
  // Drawn at the width available (text stays legible on a phone) within sensible bounds.
  const WIDTH = Math.round(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, context.availableWidth?.() ?? MAX_WIDTH)));
  const length = spec.series[0].values.length;
  const xs = spec.x ?? Array.from({ length }, (_, i) => i);
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const s of spec.series) for (const v of s.values) if (v !== null) { yMin = Math.min(yMin, v); yMax = Math.max(yMax, v); }
  if (yMin === Infinity) { yMin = 0; yMax = 1; }
  const xTicks = spec.xTicks ?? niceTicks(Math.min(...xs), Math.max(...xs), 6);
  const yTicks = spec.yTicks ?? niceTicks(yMin, yMax, 5);
  const xTickText = spec.formatX ?? ((t) => formatCompact(t, 3));
  const yTickText = spec.formatY ?? ((t) => formatCompact(t, 3));
  const [x0, x1] = [xTicks[0], xTicks[xTicks.length - 1]];
  const [y0, y1] = [yTicks[0], yTicks[yTicks.length - 1]];

  const PLOT_HEIGHT = Math.round(Math.max(170, Math.min(260, WIDTH * PLOT_HEIGHT_RATIO)));
  const yTickWidth = Math.max(...yTicks.map((t) => textWidth(yTickText(t), 11)));
  const left = Math.ceil(yTickWidth) + (spec.yLabel ? 30 : 14);
  const top = spec.title ? 30 : 12;
  const right = 16;
  const plotWidth = WIDTH - left - right;
  // Legend rows under the x axis: as many entries per row as fit.
  const entries = spec.series.length > 1 ? spec.series.map((s) => 34 + textWidth(s.name, 12) + 14) : [];
  const legendRows = [];
  for (const w of entries) {
    const row = legendRows[legendRows.length - 1];
    if (row && row.width + w <= plotWidth) { row.items += 1; row.width += w; } else legendRows.push({ items: 1, width: w });
  }
  const bottomAxis = 24 + (spec.xLabel ? 22 : 0);
  const height = top + PLOT_HEIGHT + bottomAxis + legendRows.length * 20 + 8;
  const sx = (v) => left + ((v - x0) / (x1 - x0)) * plotWidth;
  const sy = (v) => top + PLOT_HEIGHT - ((v - y0) / (y1 - y0)) * PLOT_HEIGHT;

  const svg = svgElement('svg', { class: 'plot', role: 'img', 'aria-label': labels.plotLabel(spec.series.length, length) });
  setNaturalSize(svg, WIDTH, height, 0.6);
  if (spec.title) svg.append(svgText(spec.title, { x: 0, y: 18, class: 'view-title-text' }));

  const axes = svgElement('g', { class: 'axes' });
  for (const t of yTicks) {
    axes.append(svgElement('line', { x1: left, x2: left + plotWidth, y1: sy(t), y2: sy(t), class: 'grid-line' }));
    axes.append(svgText(yTickText(t), { x: left - 6, y: sy(t) + 4, 'text-anchor': 'end', class: 'tick-label' }));
  }
  for (const t of xTicks) {
    axes.append(svgElement('line', { x1: sx(t), x2: sx(t), y1: top + PLOT_HEIGHT, y2: top + PLOT_HEIGHT + 5, class: 'axis-line' }));
    axes.append(svgText(xTickText(t), { x: sx(t), y: top + PLOT_HEIGHT + 18, 'text-anchor': 'middle', class: 'tick-label' }));
  }
  axes.append(svgElement('line', { x1: left, x2: left + plotWidth, y1: top + PLOT_HEIGHT, y2: top + PLOT_HEIGHT, class: 'axis-line' }));
  axes.append(svgElement('line', { x1: left, x2: left, y1: top, y2: top + PLOT_HEIGHT, class: 'axis-line' }));
  if (spec.xLabel) {
    axes.append(svgText(spec.xLabel, { x: left + plotWidth / 2, y: top + PLOT_HEIGHT + 40, 'text-anchor': 'middle', class: 'axis-title' }));
  }
  if (spec.yLabel) {
    const y = top + PLOT_HEIGHT / 2;
    axes.append(svgText(spec.yLabel, { x: 12, y, 'text-anchor': 'middle', transform: `rotate(-90 12 ${y})`, class: 'axis-title' }));
  }
  svg.append(axes);

  spec.series.forEach((series, i) => {
    // Gaps (null: NaN or ±∞ in the data) break the line instead of being drawn as zero.
    let d = '';
    let pen = false;
    series.values.forEach((v, j) => {
      if (v === null) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${sx(xs[j]).toFixed(2)},${sy(v).toFixed(2)}`;
      pen = true;
    });
    svg.append(svgElement('path', { d, class: `series series-${i % 8}`, 'stroke-dasharray': DASHES[i % DASHES.length] || null }));
    if (length <= 24) {
      series.values.forEach((v, j) => {
        if (v !== null) svg.append(svgElement('circle', { cx: sx(xs[j]), cy: sy(v), r: 2.5, class: `series-point series-${i % 8}` }));
      });
    }
  });

  let entryIndex = 0;
  legendRows.forEach((row, r) => {
    let x = left;
    const y = top + PLOT_HEIGHT + bottomAxis + r * 20 + 12;
    for (let k = 0; k < row.items; k += 1, entryIndex += 1) {
      const s = spec.series[entryIndex];
      svg.append(svgElement('line', { x1: x, x2: x + 26, y1: y - 4, y2: y - 4, class: `series series-${entryIndex % 8}`, 'stroke-dasharray': DASHES[entryIndex % DASHES.length] || null }));
      svg.append(svgText(s.name, { x: x + 32, y, class: 'legend-text' }));
      x += entries[entryIndex];
    }
  });

  const guide = svgElement('line', { y1: top, y2: top + PLOT_HEIGHT, class: 'hover-guide', visibility: 'hidden' });
  svg.append(guide);
  svg.addEventListener('pointermove', (event) => {
    const box = svg.getBoundingClientRect();
    const xInView = ((event.clientX - box.left) / box.width) * WIDTH;
    if (xInView < left || xInView > left + plotWidth) { guide.setAttribute('visibility', 'hidden'); frame.hideTooltip(); return; }
    const xValue = x0 + ((xInView - left) / plotWidth) * (x1 - x0);
    let nearest = 0;
    xs.forEach((v, j) => { if (Math.abs(v - xValue) < Math.abs(xs[nearest] - xValue)) nearest = j; });
    guide.setAttribute('x1', String(sx(xs[nearest])));
    guide.setAttribute('x2', String(sx(xs[nearest])));
    guide.setAttribute('visibility', 'visible');
    const yText = spec.formatY ?? formatExact;
    const lines = spec.series.map((s) => `${s.name}: ${s.values[nearest] === null ? '—' : yText(s.values[nearest])}`);
    const point = pointInBody(frame.body, event);
    frame.showTooltip(`x = ${(spec.formatX ?? formatExact)(xs[nearest])}\n${lines.join('\n')}`, point.x, point.y);
  });
  svg.addEventListener('pointerleave', () => { guide.setAttribute('visibility', 'hidden'); frame.hideTooltip(); });
  frame.setSvg(svg);
  return frame.figure;
}
