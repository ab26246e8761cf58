// Colour scales for heatmaps. Sequential: viridis (perceptually uniform, readable with every common colour-vision
// deficiency and in greyscale) for weights. Diverging: ColorBrewer RdBu (colour-blind safe), negative blue, zero
// near-white, positive red, for signed scores. Both are sampled at 11 stops and interpolated linearly in sRGB.

const VIRIDIS = ['#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c', '#22a884', '#44bf70', '#7ad151', '#bddf26', '#fde725'];
const RD_BU_REVERSED = ['#053061', '#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7', '#fddbc7', '#f4a582', '#d6604d', '#b2182b', '#67001f'];

const parse = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const VIRIDIS_RGB = VIRIDIS.map(parse);
const RD_BU_RGB = RD_BU_REVERSED.map(parse);

function sample(stops, t) {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const position = clamped * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(position));
  const f = position - i;
  return stops[i].map((c, k) => Math.round(c + (stops[i + 1][k] - c) * f));
}

const toHex = (rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** Relative luminance (WCAG) of an sRGB triple, 0…1. */
function luminance([r, g, b]) {
  const channel = (c) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/**
 * A colour scale over the finite values of `data`. Sequential scales span [min, max]; diverging ones are centred
 * on zero and span [−m, m] with m = max |value|, so equal colours mean equal magnitudes on both sides.
 * Returns { colour(v), textColour(v), domain: [lo, hi], min, max, stops(n) }.
 */
export function createColourScale(data, diverging) {
  let min = Infinity;
  let max = -Infinity;
  for (const v of data) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) { min = 0; max = 0; }
  const stops = diverging ? RD_BU_RGB : VIRIDIS_RGB;
  let lo = min;
  let hi = max;
  if (diverging) { const m = Math.max(Math.abs(min), Math.abs(max)) || 1; lo = -m; hi = m; }
  const span = hi - lo;
  // A constant matrix gets the middle colour rather than a division by zero.
  const position = (v) => (span > 0 ? (v - lo) / span : 0.5);
  const rgb = (v) => sample(stops, position(v));
  return {
    min,
    max,
    domain: [lo, hi],
    diverging,
    colour: (v) => toHex(rgb(v)),
    textColour: (v) => (luminance(rgb(v)) > 0.36 ? '#111111' : '#ffffff'),
    /** `n` evenly spaced colours from the low to the high end (for the legend gradient). */
    stops: (n) => Array.from({ length: n }, (_, i) => toHex(sample(stops, i / (n - 1)))),
  };
}
