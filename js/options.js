// Checking the options objects and number arguments of the API functions.
import { describeValue, rangeError, typeError } from './errors.js';

/**
 * Returns `options` (or {} when undefined) after checking it is a plain object whose keys are all in
 * `allowed`, so that a misspelt option is an error rather than silently ignored.
 */
export function checkOptions(functionName, options, allowed, { required = false } = {}) {
  if (options === undefined && !required) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options) || ArrayBuffer.isView(options)) {
    const what = required ? `an options object { ${allowed.join(', ')} }` : `an options object or undefined`;
    throw typeError(functionName, `expected ${what}, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw typeError(functionName, `unknown option '${key}' (expected one of: ${allowed.join(', ')})`);
    }
  }
  return options;
}

/** Throws unless options[name] is present. */
export function requireOption(functionName, options, name, what) {
  if (options[name] === undefined) throw typeError(functionName, `options.${name} is required (${what})`);
  return options[name];
}

/**
 * A number argument: `fallback` when undefined; otherwise a finite number, an integer if `integer`,
 * ≥ `min` if given, and representable as a float32 if `float32` (the core computes in float32).
 */
export function numberArgument(functionName, name, value, { fallback, integer = false, min, float32 = false } = {}) {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number') throw typeError(functionName, `${name} must be a finite number, got ${describeValue(value)}`);
  // A number of the wrong value (NaN, ±Infinity) is a RangeError, as for a tensor holding one.
  if (!Number.isFinite(value)) throw rangeError(functionName, `${name} must be a finite number, got ${describeValue(value)}`);
  if (float32 && !Number.isFinite(Math.fround(value))) {
    throw rangeError(functionName, `${name} must fit in a float32 (|x| < 3.4e38), got ${value}`);
  }
  if (integer && !Number.isInteger(value)) throw rangeError(functionName, `${name} must be an integer, got ${value}`);
  if (min !== undefined && value < min) throw rangeError(functionName, `${name} must be at least ${min}, got ${value}`);
  if (integer && value > 2 ** 31 - 1) throw rangeError(functionName, `${name} is too large: ${value}`);
  return value;
}

/** A positive integer size (extent, count). */
export function sizeArgument(functionName, name, value, options = {}) {
  return numberArgument(functionName, name, value, { integer: true, min: 1, ...options });
}

/** A boolean option, `fallback` when undefined. */
export function booleanArgument(functionName, name, value, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw typeError(functionName, `${name} must be true or false, got ${describeValue(value)}`);
  return value;
}

/** options.scale as the raw layer wants it: NaN means "the default 1/√d". */
export function scaleOption(functionName, options) {
  return options.scale === undefined ? NaN : numberArgument(functionName, 'options.scale', options.scale, { float32: true });
}

/** Whether options.mask is additive: options.maskKind is 'boolean' (default) or 'additive'. */
export function additiveMaskOption(functionName, options) {
  const kind = options.maskKind ?? 'boolean';
  if (kind !== 'boolean' && kind !== 'additive') {
    throw typeError(functionName, `options.maskKind must be 'boolean' or 'additive', got ${describeValue(kind)}`);
  }
  if (options.maskKind !== undefined && options.mask === undefined) {
    throw typeError(functionName, 'options.maskKind was given without options.mask');
  }
  return kind === 'additive';
}
