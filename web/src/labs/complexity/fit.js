// The slope of a log–log plot: fit log(y) = a + b · log(x) by least squares. A slope b means y grows like
// x^b — 2 for the n² work of attention, 1 for memory that grows linearly with n.

/** Least-squares slope of log(y) on log(x) over points with positive x and y; null with fewer than two. */
export function logLogSlope(points) {
  const usable = points.filter(([x, y]) => x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y));
  if (usable.length < 2) return null;
  const lx = usable.map(([x]) => Math.log(x));
  const ly = usable.map(([, y]) => Math.log(y));
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < lx.length; i += 1) {
    sxx += (lx[i] - mx) ** 2;
    sxy += (lx[i] - mx) * (ly[i] - my);
  }
  return sxx === 0 ? null : sxy / sxx;
}

/**
 * The slope over the largest `count` sizes measured: at small n, fixed costs (calls, copies, messages to
 * workers) hide the growth, so the last points show the asymptotic exponent best.
 */
export function asymptoticSlope(points, count = 3) {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  return logLogSlope(sorted.slice(-count));
}
