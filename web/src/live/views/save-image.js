// Save SVG / Save PNG for every view. The on-screen SVG takes its colours and fonts from the example's stylesheet
// (so it follows light/dark); a saved file must stand alone, so the computed styles are written onto a copy,
// with a background in the current theme's colour.

const STYLED_PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-opacity', 'stroke-width', 'stroke-dasharray', 'opacity',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'visibility',
];

/** A standalone copy of an SVG element with computed styles inlined and a background rectangle. */
export function standaloneSvg(svg, background) {
  const copy = svg.cloneNode(true);
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((original, i) => {
    const computed = getComputedStyle(original);
    const target = copies[i];
    if (computed.display === 'none') { target.remove(); return; }
    const declarations = STYLED_PROPERTIES.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
    target.setAttribute('style', declarations);
    target.removeAttribute('class');
    target.removeAttribute('tabindex');
  });
  const [, , width, height] = (svg.getAttribute('viewBox') ?? '0 0 300 150').split(/\s+/).map(Number);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.style.removeProperty?.('min-width');
  const backdrop = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  for (const [k, v] of Object.entries({ x: 0, y: 0, width, height, fill: background })) backdrop.setAttribute(k, String(v));
  copy.insertBefore(backdrop, copy.firstChild);
  return { markup: new XMLSerializer().serializeToString(copy), width, height };
}

function download(blob, fileName, host) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  host.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Downloads the view as an .svg file. */
export function saveSvg(svg, fileName, background, host) {
  const { markup } = standaloneSvg(svg, background);
  download(new Blob([markup], { type: 'image/svg+xml' }), `${fileName}.svg`, host);
}

/** Downloads the view as a .png at twice its natural size (sharp on high-density screens and in slides). */
export async function savePng(svg, fileName, background, host) {
  const { markup, width, height } = standaloneSvg(svg, background);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise((resolve) => { canvas.toBlob(resolve, 'image/png'); });
    if (blob) download(blob, `${fileName}.png`, host);
  } finally {
    URL.revokeObjectURL(url);
  }
}
