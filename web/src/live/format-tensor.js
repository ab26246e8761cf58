// Text printing of tensors, in the spirit of NumPy and PyTorch: one number format for the whole tensor (so columns
// line up), values rounded, and long dimensions elided with "…" around the first and last few entries.

const EDGE_ITEMS = 3;            // entries kept at each end of an elided dimension
const SUMMARY_THRESHOLD = 300;   // tensors with more elements than this get elided
const MAX_ROW_ITEMS = 16;        // a row wider than this is elided even in a small tensor (it would not fit)
const FIXED_DECIMALS = 4;

/** Chooses one formatter for all finite values of a tensor: integers, fixed 4 decimals, or scientific. */
export function chooseNumberFormat(values) {
  let maxAbs = 0;
  let minAbsNonZero = Infinity;
  let allIntegers = true;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const a = Math.abs(v);
    if (a > maxAbs) maxAbs = a;
    if (a > 0 && a < minAbsNonZero) minAbsNonZero = a;
    if (!Number.isInteger(v)) allIntegers = false;
  }
  const special = (v) => {
    if (Number.isNaN(v)) return 'nan';
    if (v === Infinity) return 'inf';
    if (v === -Infinity) return '-inf';
    return null;
  };
  if (allIntegers && maxAbs < 1e9) return (v) => special(v) ?? String(Object.is(v, -0) ? 0 : v);
  const scientific = maxAbs >= 1e5 || (minAbsNonZero < 1e-4 && maxAbs / minAbsNonZero > 1e3) || maxAbs < 1e-4;
  if (scientific) return (v) => special(v) ?? (v === 0 ? '0' : v.toExponential(FIXED_DECIMALS - 1));
  // -0.00004 rounds to "-0.0000"; printing it as 0.0000 avoids a confusing sign.
  return (v) => special(v) ?? (Math.abs(v) < 0.5 * 10 ** -FIXED_DECIMALS ? (0).toFixed(FIXED_DECIMALS) : v.toFixed(FIXED_DECIMALS));
}

/** Indices shown along a dimension of `size`: all, or the edges with a null marking the elision. */
function visibleIndices(size, elide) {
  if (!elide || size <= 2 * EDGE_ITEMS + 1) return Array.from({ length: size }, (_, i) => i);
  return [
    ...Array.from({ length: EDGE_ITEMS }, (_, i) => i),
    null,
    ...Array.from({ length: EDGE_ITEMS }, (_, i) => size - EDGE_ITEMS + i),
  ];
}

/** Formats a tensor's values (shape, flat row-major data) as aligned text. */
export function formatTensor(shape, data) {
  if (shape.length === 0) return chooseNumberFormat(data)(data[0]);
  const size = shape.reduce((a, b) => a * b, 1);
  if (size === 0) return '[]';
  const summarise = size > SUMMARY_THRESHOLD;
  const visible = shape.map((n, axis) => visibleIndices(n, summarise || (axis === shape.length - 1 && n > MAX_ROW_ITEMS)));

  // Format only what is shown, so the column width is not set by hidden values.
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  const shownValues = [];
  const collect = (axis, offset) => {
    for (const i of visible[axis]) {
      if (i === null) continue;
      if (axis === shape.length - 1) shownValues.push(data[offset + i]);
      else collect(axis + 1, offset + i * strides[axis]);
    }
  };
  collect(0, 0);
  const format = chooseNumberFormat(shownValues);
  const width = shownValues.reduce((w, v) => Math.max(w, format(v).length), 1);
  const cell = (v) => format(v).padStart(width);
  const ellipsisCell = '…';

  const render = (axis, offset, indent) => {
    if (axis === shape.length - 1) {
      return `[${visible[axis].map((i) => (i === null ? ellipsisCell : cell(data[offset + i]))).join(' ')}]`;
    }
    const blankLines = '\n'.repeat(Math.max(1, shape.length - axis - 1));
    const parts = visible[axis].map((i) => (i === null ? `${' '.repeat(indent + 1)}…` : render(axis + 1, offset + i * strides[axis], indent + 1)));
    return `[${parts.map((part, k) => (k === 0 ? part : ' '.repeat(indent + 1) + part.trimStart())).join(blankLines)}]`;
  };
  return render(0, 0, 0);
}

/** Formats a number for labels and legends with `digits` significant digits, trimming trailing zeros. */
export function formatCompact(value, digits = 3) {
  if (Number.isNaN(value)) return 'NaN';
  if (value === -Infinity) return '−∞';
  if (value === Infinity) return '∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, 'e').replace('-', '−');
  return String(Number(value.toPrecision(digits))).replace('-', '−');
}

/** The exact value of a float32 entry as people read it: the shortest decimal that round-trips to that float32. */
export function formatExact(value) {
  if (!Number.isFinite(value)) return formatCompact(value);
  // Values from plain arrays are doubles, not float32: print them as JavaScript does.
  if (Math.fround(value) !== value) return String(value).replace('-', '−');
  for (let digits = 1; digits <= 9; digits += 1) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === Math.fround(value)) return String(Number(text)).replace('-', '−');
  }
  return String(value).replace('-', '−');
}
