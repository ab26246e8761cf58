// Three ways to compute softmax, each in float32 (every operation rounded with Math.fround, as a float32 program
// would round it) or float64: naive exp(x)/Σexp(x), max-subtracted exp(x − m)/Σexp(x − m), and log-sum-exp
// (log w = x − m − log Σ exp(x − m), then w = exp(log w)). Pure functions, no DOM.

/** Rounding of each dtype: float32 rounds every intermediate to the nearest float32. */
export const ROUNDING = { float32: Math.fround, float64: (x) => x };

/** The stability lab's logits: magnitude · [1, 0.5, 0, −0.5, −1]. */
export const BASE_LOGITS = [1, 0.5, 0, -0.5, -1];

/** Logits for a magnitude in a dtype. */
export const logitsFor = (magnitude, dtype) => BASE_LOGITS.map((b) => ROUNDING[dtype](magnitude * b));

/** Every intermediate of the three methods for logits `x` in `dtype`. */
export function softmaxVariants(x, dtype) {
  const R = ROUNDING[dtype];
  const sum = (values) => values.reduce((a, b) => R(a + b), 0);
  const naiveExps = x.map((v) => R(Math.exp(v)));
  const naiveSum = sum(naiveExps);
  const m = Math.max(...x);
  const shiftedExps = x.map((v) => R(Math.exp(R(v - m))));
  const shiftedSum = sum(shiftedExps);
  const logSumExp = R(m + R(Math.log(shiftedSum)));
  const logWeights = x.map((v) => R(v - logSumExp));
  return {
    naive: { exps: naiveExps, sum: naiveSum, weights: naiveExps.map((e) => R(e / naiveSum)) },
    stable: { exps: shiftedExps, sum: shiftedSum, weights: shiftedExps.map((e) => R(e / shiftedSum)) },
    logSumExp: { logWeights, weights: logWeights.map((l) => R(Math.exp(l))) },
  };
}

/**
 * What went wrong in one method's result: `overflow` (an exp is ∞), `nan` (a weight is NaN) and `underflow` (a
 * weight is exactly 0 although every true weight of finite logits is > 0). For log-sum-exp the log-weights are
 * what it keeps, so it underflows only if one of them is not finite.
 */
export function problems(result, method) {
  const values = method === 'logSumExp' ? result.logWeights : result.weights;
  return {
    overflow: (result.exps ?? []).some((e) => e === Infinity),
    nan: values.some(Number.isNaN),
    underflow: method === 'logSumExp' ? values.some((v) => v === -Infinity) : values.some((w) => w === 0),
  };
}

/** How many entries are usable (finite and, for weights, > 0): 5 for a healthy row. */
export function usableEntries(result, method) {
  const values = method === 'logSumExp' ? result.logWeights : result.weights;
  return values.filter((v) => Number.isFinite(v) && (method === 'logSumExp' || v > 0)).length;
}

/**
 * The smallest magnitude at which `problem` first appears for `method` in `dtype`, or null if it never does on
 * `grid` (ascending): found on the grid, then narrowed by bisection between the last good and first bad point.
 */
export function firstMagnitude(grid, method, dtype, problem) {
  const fails = (magnitude) => problems(softmaxVariants(logitsFor(magnitude, dtype), dtype)[method], method)[problem];
  const index = grid.findIndex(fails);
  if (index < 0) return null;
  if (index === 0) return grid[0];
  let [good, bad] = [grid[index - 1], grid[index]];
  for (let step = 0; step < 60; step += 1) {
    const middle = (good + bad) / 2;
    if (fails(middle)) bad = middle; else good = middle;
  }
  return bad;
}

/**
 * The softmax's saturation as the width d grows (the setup of chapter 2's scaling-saturation example): for L
 * queries and keys with standard normal components, the variance of q·k, and per row the largest weight and the
 * mean |∂α_i/∂s_j| — for one row their sum is 2(1 − Σα²), so the mean is that over L² — averaged over the rows.
 * `rows` are the softmax weights [L, L] as a flat array.
 */
export function saturation(weights, L) {
  let largest = 0;
  let gradient = 0;
  for (let i = 0; i < L; i += 1) {
    const row = weights.subarray(i * L, (i + 1) * L);
    let squares = 0;
    let max = 0;
    for (const a of row) { squares += a * a; if (a > max) max = a; }
    largest += max;
    gradient += (2 * (1 - squares)) / (L * L);
  }
  return { largest: largest / L, gradient: gradient / L };
}

/** Population variance of an array. */
export function variance(values) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
}
