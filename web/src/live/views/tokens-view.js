// show.tokens: BertViz-style token lines. Query tokens on the left, key tokens on the right, one line per pair with
// opacity equal to the attention weight. Hovering (or focusing, or tapping) a token keeps only its lines, shades the
// tokens on the other side by weight and writes the weights next to them.
import { createHeadPicker } from './head-picker.js';
import { createViewFrame } from './view-frame.js';
import { matrixTextAlternative } from './text-alternative.js';
import { fitLabel, setNaturalSize, svgElement, svgText, textWidth, titleWidth } from './svg.js';
import { formatCompact, formatExact } from '../format-tensor.js';

const FONT = 13;
const ROW = 24;
const GAP = 170;          // horizontal room for the lines
const MAX_TOKEN = 130;    // px for the longest token
const WEIGHT_ROOM = 44;   // px right of the key column for the weight read-out

/** Renders a tokens spec into a <figure>. */
export function renderTokens(spec, context) {
  const { labels } = context;
  const heads = spec.shape.length === 3 ? spec.shape[0] : 1;
  const [queries, keys] = spec.shape.slice(-2);
  const frame = createViewFrame({ kind: 'tokens', label: spec.title ?? undefined, context });
  // Weights are probabilities (≤ 1); anything larger is scaled so the strongest line is opaque.
  let maxWeight = 0;
  for (const v of spec.data) if (v > maxWeight) maxWeight = v;
  const opacityScale = maxWeight > 1 ? 1 / maxWeight : 1;

  const leftWidth = Math.min(MAX_TOKEN, Math.max(...spec.queryTokens.map((t) => textWidth(t, FONT)))) + 16;
  const rightWidth = Math.min(MAX_TOKEN, Math.max(...spec.keyTokens.map((t) => textWidth(t, FONT)))) + 16;
  const titleHeight = spec.title ? 26 : 4;
  const top = titleHeight + 22;
  const x0 = WEIGHT_ROOM;
  const lineStart = x0 + leftWidth + 4;
  const lineEnd = lineStart + GAP;
  const rightX = lineEnd + 4;
  const width = Math.max(Math.ceil(rightX + rightWidth + WEIGHT_ROOM), titleWidth(spec.title));
  const height = top + Math.max(queries, keys) * ROW + 8;
  const rowY = (i) => top + i * ROW + ROW / 2;
  let head = 0;

  function draw() {
    const base = head * queries * keys;
    const weight = (q, k) => spec.data[base + q * keys + k];
    const svg = svgElement('svg', { class: 'tokens', role: 'img', tabindex: 0, 'aria-label': labels.tokensLabel(queries, keys) });
    setNaturalSize(svg, width, height, 0.7);
    if (spec.title) svg.append(svgText(spec.title, { x: 0, y: 17, class: 'view-title-text' }));
    svg.append(svgText(labels.query, { x: x0 + leftWidth - 8, y: top - 8, 'text-anchor': 'end', class: 'column-caption' }));
    svg.append(svgText(labels.key, { x: rightX + 8, y: top - 8, class: 'column-caption' }));

    const lineGroup = svgElement('g', { class: 'token-lines' });
    const lines = [];
    for (let q = 0; q < queries; q += 1) {
      for (let k = 0; k < keys; k += 1) {
        const w = weight(q, k);
        if (w <= 0) continue;
        const line = svgElement('line', {
          x1: lineStart, y1: rowY(q), x2: lineEnd, y2: rowY(k), class: 'token-line',
        });
        line.style.setProperty('--w', (w * opacityScale).toFixed(4));
        lines.push({ line, q, k, w });
        lineGroup.append(line);
      }
    }
    svg.append(lineGroup);

    const makeToken = (text, index, side) => {
      const y = rowY(index);
      const group = svgElement('g', { class: `token token-${side}`, 'data-side': side, 'data-index': index });
      const chipX = side === 'q' ? x0 : rightX;
      const chipWidth = side === 'q' ? leftWidth : rightWidth;
      group.append(svgElement('rect', { x: chipX, y: y - ROW / 2 + 2, width: chipWidth, height: ROW - 4, rx: 4, class: 'token-chip' }));
      group.append(svgText(fitLabel(text, MAX_TOKEN, FONT), side === 'q'
        ? { x: chipX + chipWidth - 8, y: y + 4.5, 'text-anchor': 'end', class: 'token-text' }
        : { x: chipX + 8, y: y + 4.5, class: 'token-text' }));
      group.append(svgText('', side === 'q'
        ? { x: chipX - 6, y: y + 4, 'text-anchor': 'end', class: 'token-weight' }
        : { x: chipX + chipWidth + 6, y: y + 4, class: 'token-weight' }));
      const tooltipText = document.createElementNS('http://www.w3.org/2000/svg', 'title');
      tooltipText.textContent = `${side === 'q' ? labels.query : labels.key} [${index}]: ${text}`;
      group.append(tooltipText);
      return group;
    };
    const queryGroups = spec.queryTokens.map((t, i) => makeToken(t, i, 'q'));
    const keyGroups = spec.keyTokens.map((t, i) => makeToken(t, i, 'k'));
    svg.append(...queryGroups, ...keyGroups);

    let pinned = null;
    let focusIndex = null; // keyboard position { side, index }
    const clear = () => {
      svg.classList.remove('focused');
      for (const { line } of lines) line.classList.remove('active');
      for (const g of [...queryGroups, ...keyGroups]) {
        g.classList.remove('active', 'source');
        g.querySelector('.token-chip').style.removeProperty('fill-opacity');
        g.querySelector('.token-weight').textContent = '';
      }
    };
    const focusToken = (side, index) => {
      clear();
      svg.classList.add('focused');
      const source = side === 'q' ? queryGroups[index] : keyGroups[index];
      source.classList.add('source');
      const others = side === 'q' ? keyGroups : queryGroups;
      for (const { line, q, k } of lines) if ((side === 'q' ? q : k) === index) line.classList.add('active');
      const parts = [];
      others.forEach((group, j) => {
        const w = side === 'q' ? weight(index, j) : weight(j, index);
        group.classList.add('active');
        group.querySelector('.token-chip').style.setProperty('fill-opacity', String(Math.min(1, w * opacityScale)));
        group.querySelector('.token-weight').textContent = formatCompact(w, 2);
        parts.push(`${(side === 'q' ? spec.keyTokens : spec.queryTokens)[j]} ${formatExact(w)}`);
      });
      const name = side === 'q' ? spec.queryTokens[index] : spec.keyTokens[index];
      const headName = spec.headLabels ? `${labels.head} ${spec.headLabels[head]} · ` : '';
      frame.announce(`${headName}${side === 'q' ? labels.query : labels.key} ${name}: ${parts.join(', ')}`);
    };
    const tokenOf = (event) => event.target.closest?.('g.token');
    svg.addEventListener('pointerover', (event) => {
      const group = tokenOf(event);
      if (group && pinned === null) focusToken(group.dataset.side, Number(group.dataset.index));
    });
    svg.addEventListener('pointerleave', () => { if (pinned === null && focusIndex === null) clear(); });
    svg.addEventListener('click', (event) => {
      // Tap to pin on touch screens (no hover there); tap the same token or empty space to unpin.
      const group = tokenOf(event);
      const key = group ? `${group.dataset.side}${group.dataset.index}` : null;
      if (!group || pinned === key) { pinned = null; clear(); return; }
      pinned = key;
      focusToken(group.dataset.side, Number(group.dataset.index));
    });
    svg.addEventListener('focus', () => { focusIndex ??= { side: 'q', index: 0 }; focusToken(focusIndex.side, focusIndex.index); });
    svg.addEventListener('blur', () => { focusIndex = null; if (pinned === null) clear(); });
    svg.addEventListener('keydown', (event) => {
      if (!focusIndex) return;
      let { side, index } = focusIndex;
      if (event.key === 'ArrowUp') index -= 1;
      else if (event.key === 'ArrowDown') index += 1;
      else if (event.key === 'ArrowLeft') side = 'q';
      else if (event.key === 'ArrowRight') side = 'k';
      else return;
      event.preventDefault();
      const count = side === 'q' ? queries : keys;
      focusIndex = { side, index: Math.max(0, Math.min(count - 1, index)) };
      focusToken(focusIndex.side, focusIndex.index);
    });
    frame.setSvg(svg);
    frame.setTextAlternative(matrixTextAlternative({
      caption: [spec.title, labels.tokensTable(spec.headLabels ? spec.headLabels[head] : null)].filter(Boolean).join(' — '),
      rows: queries, cols: keys, rowNames: spec.queryTokens, colNames: spec.keyTokens, value: weight, labels,
    }));
  }

  if (heads > 1) frame.controls.append(createHeadPicker(spec.headLabels, (index) => { head = index; draw(); }, labels));
  draw();
  return frame.figure;
}
