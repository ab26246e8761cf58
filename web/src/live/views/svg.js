// Small helpers for building SVG and measuring label text without a layout pass.

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes (null/undefined values are skipped). */
export function svgElement(name, attributes = {}, children = []) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) element.setAttribute(key, String(value));
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/** An SVG <text> element. */
export function svgText(content, attributes = {}) {
  const text = svgElement('text', attributes);
  text.textContent = content;
  return text;
}

/**
 * Approximate rendered width of `text` at `fontSize` px in the UI sans-serif font: wide (CJK) characters count as
 * a full em, others as ~0.6 em. Good enough to reserve room for labels; avoids measuring in a hidden layout.
 */
/** Width a view needs so its title (14px, semibold, as styled by .view-title-text) is not clipped. */
export function titleWidth(title) {
  return title ? Math.ceil(1.08 * textWidth(title, 14)) + 4 : 0;
}

export function textWidth(text, fontSize = 12) {
  let width = 0;
  for (const char of String(text)) {
    const code = char.codePointAt(0);
    width += code > 0x2e80 ? 1 : (/[il.,:;'|!]/.test(char) ? 0.3 : (/[mwMW@]/.test(char) ? 0.85 : 0.6));
  }
  return width * fontSize;
}

/** Cuts a label to at most `maxWidth` px (by the estimate above), ending it with "…". */
export function fitLabel(text, maxWidth, fontSize = 12) {
  const label = String(text);
  if (textWidth(label, fontSize) <= maxWidth) return label;
  let cut = label;
  while (cut.length > 1 && textWidth(`${cut}…`, fontSize) > maxWidth) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Makes a freshly built SVG scale down to its container (never wider than the page) but no smaller than
 * `minScale` of its natural size; below that the view scrolls inside the example instead.
 */
export function setNaturalSize(svg, width, height, minScale = 0.55) {
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.style.minWidth = `${Math.round(width * minScale)}px`;
}
