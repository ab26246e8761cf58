// Moving tensors across the JavaScript ↔ WebAssembly boundary: one copy each way, no leaks.
//
// A call opens a CallScope, writes each input straight into a tensor allocated inside wasm memory,
// calls the raw operation, copies the result into fresh Float32Arrays and, in `finally`, frees every
// handle it created — whether the call succeeded or threw. Views of wasm memory are created right
// before use and never kept: growing the memory detaches them.
import { formatShape, fromCoreError, rangeError } from './errors.js';
import { SHAPE_BUFFER_RANK, Tensor, describeInput, writeInput } from './tensor.js';

/** Upper limit of the wasm memory (MAXIMUM_MEMORY in cpp/bindings/CMakeLists.txt). */
export const MAX_MEMORY_BYTES = 2 ** 31;

const MiB = 2 ** 20;

/** Wraps the raw module with the helpers the feature files use. */
export function createRuntime({ raw, memory, variant }) {
  const shapeBufferAddress = raw.shapeBufferAddress();
  return {
    raw,
    memory,
    variant,
    /** A fresh uint32 view of the shape buffer [rank, extents…] (views die when memory grows). */
    shapeBuffer: () => new Uint32Array(memory.buffer, shapeBufferAddress, 1 + SHAPE_BUFFER_RANK),
    /** A fresh float32 view of `size` elements at `address`. */
    floats: (address, size) => new Float32Array(memory.buffer, address, size),
  };
}

/** Tracks the handles of one API call so they can all be freed in `finally`. */
export class CallScope {
  constructor(runtime, functionName) {
    this.runtime = runtime;
    this.functionName = functionName;
    this.tensors = [];
    this.results = [];
    this.lists = [];
  }

  /** Copies a tensor argument into wasm memory and returns its handle (0 for an absent optional one). */
  input(name, value, { optional = false } = {}) {
    return this.write(name, this.describe(name, value, { optional }));
  }

  /** Checks a tensor argument without copying it (see describeInput); null for an absent optional one. */
  describe(name, value, { optional = false } = {}) {
    if ((value === undefined || value === null) && optional) return null;
    return describeInput(this.functionName, name, value);
  }

  /** Copies a described argument into a tensor allocated in wasm memory; returns its handle (0 for null). */
  write(name, described) {
    if (described === null) return 0;
    const { runtime, functionName } = this;
    const bytes = described.size * 4;
    if (bytes > MAX_MEMORY_BYTES / 2) {
      throw rangeError(functionName, `${name} of shape ${formatShape(described.shape)} needs ${Math.ceil(bytes / MiB)} MiB, too large for WebAssembly memory (at most ${MAX_MEMORY_BYTES / MiB} MiB in all)`);
    }
    const shapeBuffer = runtime.shapeBuffer();
    shapeBuffer[0] = described.shape.length;
    shapeBuffer.set(described.shape, 1);
    const handle = runtime.raw.createTensor();
    if (handle === 0) {
      throw rangeError(functionName, `${name} of shape ${formatShape(described.shape)} (${Math.ceil(bytes / MiB)} MiB) does not fit in the remaining WebAssembly memory (${Math.round(runtime.memory.buffer.byteLength / MiB)} MiB in use, at most ${MAX_MEMORY_BYTES / MiB} MiB)`);
    }
    this.tensors.push(handle);
    const address = runtime.raw.describeTensor(handle);
    writeInput(functionName, name, described, runtime.floats(address, described.size));
    return handle;
  }

  /**
   * Calls a raw operation that returns a handle. Handle 0 means the core refused the call: the
   * bindings caught the C++ exception and kept its message, which becomes the Error thrown here.
   */
  call(operation) {
    const { raw } = this.runtime;
    const stack = raw.stackSave();
    let handle;
    try {
      handle = operation(raw);
    } catch (error) {
      // Only a trap (a bug) gets here: nothing is thrown across the boundary on purpose. A trap skips
      // the epilogues of the wasm frames, so put the shadow-stack pointer back for the next call.
      raw.stackRestore(stack);
      throw error;
    }
    if (handle === 0) throw fromCoreError(this.functionName, raw.lastErrorMessage(), raw.lastErrorIsInvalidInput());
    return handle;
  }

  /** Calls a raw operation that returns a tensor handle and copies that tensor out (into `target`, if given). */
  tensorCall(operation, target) {
    const handle = this.call(operation);
    this.tensors.push(handle);
    return this.read(handle, target);
  }

  /**
   * Calls a raw operation that returns a result handle; copies out its output and, if asked, its
   * weights — into out.output / out.weights when the caller provided them (see output-buffers.js).
   */
  resultCall(operation, { weights, out = {} }) {
    const handle = this.call(operation);
    this.results.push(handle);
    const { raw } = this.runtime;
    const result = { output: this.read(raw.resultOutput(handle), out.output) };
    if (weights) result.weights = this.read(raw.resultWeights(handle), out.weights);
    return result;
  }

  /** Calls a raw operation that returns a tensor-list handle; copies out its first `count` tensors. */
  listCall(operation, count) {
    const handle = this.call(operation);
    this.lists.push(handle);
    return Array.from({ length: count }, (_, index) => this.read(this.runtime.raw.tensorListItem(handle, index)));
  }

  /**
   * Copies a tensor out of wasm memory (the one copy out) into a Tensor that owns a fresh
   * Float32Array, or that wraps `target`, a caller-provided Float32Array of exactly its size.
   */
  read(handle, target) {
    const { runtime } = this;
    const address = runtime.raw.describeTensor(handle);
    const shapeBuffer = runtime.shapeBuffer();
    const shape = Array.from(shapeBuffer.subarray(1, 1 + shapeBuffer[0]));
    const size = shape.reduce((a, b) => a * b, 1);
    const values = runtime.floats(address, size);
    if (target === undefined) return new Tensor(shape, values.slice());
    if (target.length !== size) {
      throw rangeError(this.functionName, `an output buffer must have ${size} elements for a result of shape ${formatShape(shape)}, got Float32Array(${target.length})`);
    }
    target.set(values);
    return new Tensor(shape, target);
  }

  /** Frees every handle of the call. */
  dispose() {
    const { raw } = this.runtime;
    for (const handle of this.tensors) raw.freeTensor(handle);
    for (const handle of this.results) raw.freeResult(handle);
    for (const handle of this.lists) raw.freeTensorList(handle);
    this.tensors.length = 0;
    this.results.length = 0;
    this.lists.length = 0;
  }
}

/** Runs `body(scope)` with a CallScope that is disposed afterwards, even when body throws. */
export function withScope(runtime, functionName, body) {
  const scope = new CallScope(runtime, functionName);
  try {
    return body(scope);
  } finally {
    scope.dispose();
  }
}
