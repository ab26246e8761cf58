// The tensor type the API returns, and the rules for the tensors it accepts.
//
// Accepted input: { shape: number[], data: Float32Array | number[] | any numeric typed array }
// (a Tensor is one), nested arrays of numbers (booleans count as 1 / 0, for masks), or a typed
// array (a 1-d tensor). Every extent must be a positive integer.
import { describeValue, formatShape, rangeError, typeError } from './errors.js';

/** Highest rank of an input tensor. */
export const MAX_RANK = 8;

/** Extents the wasm module's shape buffer holds (max_rank in cpp/bindings/tensor_handles.hpp): results may exceed MAX_RANK by one. */
export const SHAPE_BUFFER_RANK = 16;

/** A dense row-major float32 tensor that owns its data (never a view of wasm memory). */
export class Tensor {
  /** Wraps `data` (used as is, not copied) with `shape`; data.length must equal the product of shape. */
  constructor(shape, data) {
    this.shape = Object.freeze(Array.from(shape));
    this.data = data;
  }

  /** Number of dimensions. */
  get rank() {
    return this.shape.length;
  }

  /** Number of elements. */
  get size() {
    return this.data.length;
  }

  /** The element at a full index, e.g. t.get(0, 2, 1); negative indices count from the end. */
  get(...index) {
    if (index.length !== this.shape.length) {
      throw new RangeError(`Tensor.get: expected ${this.shape.length} indices for shape ${formatShape(this.shape)}, got ${index.length}`);
    }
    let offset = 0;
    for (let axis = 0; axis < index.length; axis += 1) {
      const extent = this.shape[axis];
      let i = index[axis];
      if (!Number.isInteger(i) || i < -extent || i >= extent) {
        throw new RangeError(`Tensor.get: index ${describeValue(i)} is out of range for axis ${axis} of shape ${formatShape(this.shape)}`);
      }
      if (i < 0) i += extent;
      offset = offset * extent + i;
    }
    return this.data[offset];
  }

  /** The values as nested arrays of numbers, e.g. [[1, 2], [3, 4]]. */
  toArray() {
    const { shape, data } = this;
    const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
    const build = (axis, offset) => {
      const extent = shape[axis];
      if (axis === shape.length - 1) return Array.from(data.subarray(offset, offset + extent));
      const rows = new Array(extent);
      for (let i = 0; i < extent; i += 1) rows[i] = build(axis + 1, offset + i * strides[axis]);
      return rows;
    };
    return shape.length === 0 ? [] : build(0, 0);
  }

  /** JSON form: { shape, data: number[] }. */
  toJSON() {
    return { shape: [...this.shape], data: Array.from(this.data) };
  }

  get [Symbol.toStringTag]() {
    return `Tensor ${formatShape(this.shape)}`;
  }
}

function isNumericTypedArray(value) {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array);
}

function checkShape(functionName, name, shape) {
  if (!Array.isArray(shape)) {
    throw typeError(functionName, `${name}.shape must be an array of positive integers, got ${describeValue(shape)}`);
  }
  if (shape.length === 0) throw rangeError(functionName, `${name} must have at least one dimension, got shape []`);
  if (shape.length > MAX_RANK) {
    throw rangeError(functionName, `${name} has rank ${shape.length}; at most ${MAX_RANK} dimensions are supported`);
  }
  let size = 1;
  for (let axis = 0; axis < shape.length; axis += 1) {
    const extent = shape[axis];
    if (!Number.isInteger(extent) || extent <= 0) {
      throw rangeError(functionName, `${name}.shape[${axis}] must be a positive integer, got ${describeValue(extent)} (shape ${formatShape(shape.map(String))})`);
    }
    size *= extent;
  }
  return size;
}

/**
 * Checks a tensor argument and describes it without copying:
 * { shape, size, flat } for { shape, data } and typed arrays (flat: the data), or
 * { shape, size, nested } for nested arrays (validated element by element when written).
 */
export function describeInput(functionName, name, value) {
  if (isNumericTypedArray(value)) return { shape: [value.length], size: checkShape(functionName, name, [value.length]), flat: value };
  if (Array.isArray(value)) {
    const shape = [];
    let level = value;
    while (Array.isArray(level)) {
      shape.push(level.length);
      level = level[0];
    }
    if (shape.includes(0)) {
      throw rangeError(functionName, `${name} is empty (nested arrays of shape ${formatShape(shape)}); every dimension must be at least 1`);
    }
    return { shape, size: checkShape(functionName, name, shape), nested: value };
  }
  if (value !== null && typeof value === 'object' && 'shape' in value && 'data' in value) {
    const size = checkShape(functionName, name, value.shape);
    const { data } = value;
    if (!isNumericTypedArray(data) && !Array.isArray(data)) {
      throw typeError(functionName, `${name}.data must be a Float32Array or an array of numbers, got ${describeValue(data)}`);
    }
    if (data.length !== size) {
      throw rangeError(functionName, `${name}.data has ${data.length} elements but shape ${formatShape(value.shape)} needs ${size}`);
    }
    return { shape: value.shape, size, flat: data };
  }
  throw typeError(functionName, `${name} must be a tensor: { shape, data }, nested arrays of numbers or a Float32Array; got ${describeValue(value)}`);
}

function elementValue(functionName, name, path, element) {
  if (typeof element === 'number') return element;
  if (typeof element === 'boolean') return element ? 1 : 0;
  throw typeError(functionName, `${name}${path} must be a number, got ${describeValue(element)}`);
}

/** Writes a described input into `target` (a Float32Array of input.size elements): the one copy in. */
export function writeInput(functionName, name, input, target) {
  const { flat, nested, shape } = input;
  if (flat) {
    if (isNumericTypedArray(flat)) {
      target.set(flat);
    } else {
      for (let i = 0; i < flat.length; i += 1) target[i] = elementValue(functionName, name, `.data[${i}]`, flat[i]);
    }
    return;
  }
  let offset = 0;
  const walk = (level, axis, path) => {
    if (!Array.isArray(level) || level.length !== shape[axis]) {
      const actual = Array.isArray(level) ? `length ${level.length}` : describeValue(level);
      throw rangeError(functionName, `${name}${path} must be an array of length ${shape[axis]} (shape ${formatShape(shape)} inferred from the first elements), got ${actual}`);
    }
    if (axis === shape.length - 1) {
      for (let i = 0; i < level.length; i += 1) {
        const element = level[i];
        target[offset] = typeof element === 'number' ? element : elementValue(functionName, name, `${path}[${i}]`, element);
        offset += 1;
      }
      return;
    }
    for (let i = 0; i < level.length; i += 1) walk(level[i], axis + 1, `${path}[${i}]`);
  };
  walk(nested, 0, '');
}

/**
 * A Tensor from nested arrays, { shape, data }, a typed array, or (data, shape) with flat data;
 * the data is copied into a fresh Float32Array.
 */
export function tensor(value, shape) {
  const functionName = 'tensor';
  const input = describeInput(functionName, 'value', shape === undefined ? value : { shape, data: value });
  const data = new Float32Array(input.size);
  writeInput(functionName, 'value', input, data);
  return new Tensor(input.shape, data);
}
