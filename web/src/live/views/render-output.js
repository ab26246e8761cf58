// Turns one view spec from the worker into DOM for the output area.
import { formatTensor } from '../format-tensor.js';
import { renderHeatmap } from './heatmap-view.js';
import { renderTokens } from './tokens-view.js';
import { renderPlot } from './plot-view.js';

function textBlock(className, text) {
  const pre = document.createElement('pre');
  pre.className = className;
  pre.textContent = text;
  return pre;
}

function renderTensor(spec) {
  const block = document.createElement('div');
  block.className = 'out-tensor';
  const header = document.createElement('div');
  header.className = 'out-header';
  if (spec.label) {
    const label = document.createElement('span');
    label.className = 'out-label';
    label.textContent = spec.label;
    header.append(label);
  }
  const shape = document.createElement('span');
  shape.className = 'out-shape';
  shape.textContent = `${spec.dtype === 'array' ? 'array' : 'tensor'} [${spec.shape.join(', ')}]`;
  header.append(shape);
  // The worker sends the printed text; a spec built elsewhere may still carry the values instead.
  block.append(header, textBlock('out-values', spec.text ?? formatTensor(spec.shape, spec.data)));
  return block;
}

function renderText(spec) {
  if (!spec.label) return textBlock(`out-text${spec.level && spec.level !== 'log' ? ` out-${spec.level}` : ''}`, spec.text);
  const block = document.createElement('div');
  block.className = 'out-labelled';
  const label = document.createElement('span');
  label.className = 'out-label';
  label.textContent = spec.label;
  block.append(label, textBlock('out-text', spec.text));
  return block;
}

function renderRecord(spec, context) {
  const block = document.createElement('div');
  block.className = 'out-record';
  if (spec.label) {
    const label = document.createElement('div');
    label.className = 'out-label';
    label.textContent = spec.label;
    block.append(label);
  }
  for (const { key, value } of spec.entries) {
    const labelled = value.kind === 'tensor' || value.kind === 'text' ? { ...value, label: key } : value;
    block.append(renderView(labelled, context));
  }
  return block;
}

/** Renders a view spec; `context` = { labels, fileBase, host }. */
export function renderView(spec, context) {
  switch (spec.kind) {
    case 'tensor': return renderTensor(spec);
    case 'text': return renderText(spec);
    case 'record': return renderRecord(spec, context);
    case 'heatmap': return renderHeatmap(spec, context);
    case 'tokens': return renderTokens(spec, context);
    case 'plot': return renderPlot(spec, context);
    case 'notice': {
      const limit = /^output-truncated:(\d+)$/.exec(spec.text)?.[1];
      return textBlock('out-notice', limit ? context.labels.truncated(Number(limit)) : spec.text);
    }
    default: return textBlock('out-text', JSON.stringify(spec));
  }
}
