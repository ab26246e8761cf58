// The frame every graphical view sits in: a caption row with the controls (head picker) on the left and the
// Save SVG / Save PNG buttons on the right, then the drawing (it shrinks to the example's width down to a minimum
// scale, then scrolls inside the example — never the page), a tooltip, and a polite live line for keyboard users.
import { saveSvg, savePng } from './save-image.js';

/**
 * Creates a view frame. `context` = { labels, fileBase, host } where host is the element's shadow root (for
 * download links). Returns { figure, body, controls, setSvg(svg), setTextAlternative(node), showTooltip, hideTooltip,
 * announce }.
 */
export function createViewFrame({ kind, label, context }) {
  const { labels, fileBase, host } = context;
  const figure = document.createElement('figure');
  figure.className = `view view-${kind}`;
  if (label) figure.setAttribute('aria-label', label);
  const caption = document.createElement('figcaption');
  caption.className = 'view-caption';
  const controls = document.createElement('div');
  controls.className = 'view-controls';
  const actions = document.createElement('div');
  actions.className = 'view-actions';
  const body = document.createElement('div');
  body.className = 'view-body';
  const tooltip = document.createElement('div');
  tooltip.className = 'view-tooltip';
  tooltip.hidden = true;
  tooltip.setAttribute('aria-hidden', 'true'); // keyboard users get the same facts through the live line below
  const live = document.createElement('div');
  live.className = 'visually-hidden';
  live.setAttribute('aria-live', 'polite');
  body.append(tooltip);

  let svg = null;
  let textAlternative = null;
  const background = () => getComputedStyle(figure).getPropertyValue('--view-bg').trim() || '#ffffff';
  const addButton = (text, format, save) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'view-save';
    button.textContent = text;
    // The visible text ("Save SVG") is the accessible name; the title adds what it does as a description. An
    // aria-label that differs from the visible text would break voice control ("click Save SVG").
    button.title = labels.saveTitle(format);
    button.addEventListener('click', () => {
      if (svg) Promise.resolve(save(svg, `${fileBase}-${kind}`, background(), host)).catch(() => {});
    });
    actions.append(button);
  };
  addButton(labels.saveSvg, 'SVG', saveSvg);
  addButton(labels.savePng, 'PNG', savePng);
  caption.append(controls, actions);
  figure.append(caption, body, live);

  return {
    figure,
    body,
    controls,
    /** Puts a (new) drawing in the frame, replacing the previous one. */
    setSvg(next) {
      if (svg) svg.replaceWith(next);
      else body.insertBefore(next, tooltip);
      svg = next;
    },
    /**
     * Puts the drawing's text alternative (text-alternative.js) after it, replacing the previous one, and points the
     * drawing at it with aria-describedby. It is visually hidden but in the reading order.
     */
    setTextAlternative(node) {
      if (textAlternative) textAlternative.replaceWith(node);
      else figure.insertBefore(node, live);
      textAlternative = node;
      svg?.setAttribute('aria-describedby', node.id);
    },
    /** Shows the tooltip near (x, y) in the body's coordinates. */
    showTooltip(text, x, y) {
      tooltip.textContent = text;
      tooltip.hidden = false;
      const maxLeft = body.scrollLeft + body.clientWidth - tooltip.offsetWidth - 4;
      tooltip.style.left = `${Math.max(body.scrollLeft + 4, Math.min(x + 14, maxLeft))}px`;
      const above = y - tooltip.offsetHeight - 12;
      tooltip.style.top = `${above >= 0 ? above : y + 18}px`;
    },
    hideTooltip() { tooltip.hidden = true; },
    /** Says `text` to screen readers (used when the keyboard moves through a drawing). */
    announce(text) { live.textContent = text; },
  };
}

/** Converts a pointer event to coordinates inside a frame body (the tooltip's positioning parent). */
export function pointInBody(body, event) {
  const box = body.getBoundingClientRect();
  return { x: event.clientX - box.left + body.scrollLeft, y: event.clientY - box.top + body.scrollTop };
}

/** Coordinates inside the frame body of a point given in the SVG's own (viewBox) units. */
export function svgPointInBody(body, svg, x, y) {
  const box = svg.getBoundingClientRect();
  const bodyBox = body.getBoundingClientRect();
  const [, , width, height] = svg.getAttribute('viewBox').split(/\s+/).map(Number);
  return {
    x: box.left - bodyBox.left + body.scrollLeft + (x / width) * box.width,
    y: box.top - bodyBox.top + body.scrollTop + (y / height) * box.height,
  };
}
