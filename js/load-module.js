// Loads one of the two WebAssembly builds of the core (SIMD or scalar) in Node, browsers, module Web
// Workers and bundlers.
//
// The Emscripten loaders in build/wasm/ are ES modules that never fetch or read anything here: we
// hand them `instantiateWasm` and instantiate the bytes ourselves — with fetch() for http(s) URLs and
// node:fs for file: URLs (Node's fetch cannot read files, and the loader's own Node code path does
// not work in an ES module). Only the chosen build is imported (dynamic import) and downloaded.
// Bundlers such as Vite see the literal `new URL('…wasm', import.meta.url)` below, copy the .wasm
// files as assets and rewrite the URLs.

const builds = {
  simd: {
    importLoader: () => import('../build/wasm/attention-simd.js'),
    wasmUrl: () => new URL('../build/wasm/attention-simd.wasm', import.meta.url),
  },
  scalar: {
    importLoader: () => import('../build/wasm/attention-scalar.js'),
    wasmUrl: () => new URL('../build/wasm/attention-scalar.wasm', import.meta.url),
  },
};

// Smallest modules that use a SIMD instruction / a try block (the checks of wasm-feature-detect).
const simdProbe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
const exceptionsProbe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11]);

/** Whether this engine runs WebAssembly SIMD (128-bit) code. */
export function isSimdSupported() {
  return typeof WebAssembly === 'object' && WebAssembly.validate(simdProbe);
}

function checkEngine() {
  if (typeof WebAssembly !== 'object') throw new Error('createAttention: this JavaScript engine has no WebAssembly support');
  if (!WebAssembly.validate(exceptionsProbe)) {
    throw new Error('createAttention: this engine lacks WebAssembly exception handling (needed by the core; Chrome 95+, Firefox 100+, Safari 15.2+, Node 17+)');
  }
}

async function readWasmBytes(url) {
  if (url.protocol === 'file:') {
    // A variable specifier keeps bundlers from trying to resolve a Node built-in for the browser.
    const fsModule = 'node:fs/promises';
    const { readFile } = await import(/* @vite-ignore */ fsModule);
    return readFile(url);
  }
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`createAttention: could not load ${url} (HTTP ${response.status})`);
  return response.arrayBuffer();
}

async function compileWasm(url) {
  if (url.protocol !== 'file:' && typeof WebAssembly.compileStreaming === 'function') {
    try {
      // Streaming compilation needs the server to send Content-Type: application/wasm.
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`createAttention: could not load ${url} (HTTP ${response.status})`);
      return await WebAssembly.compileStreaming(response);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('createAttention:')) throw error;
      // Wrong MIME type or a proxy in between: fall back to compiling the bytes.
    }
  }
  return WebAssembly.compile(await readWasmBytes(url));
}

// One compilation per build and page/process; every createAttention() gets its own instance.
const compiledModules = new Map();

function compiledModule(variant) {
  if (!compiledModules.has(variant)) {
    const pending = compileWasm(builds[variant].wasmUrl());
    pending.catch(() => compiledModules.delete(variant)); // let a later call retry after a network error
    compiledModules.set(variant, pending);
  }
  return compiledModules.get(variant);
}

/**
 * Instantiates a build. `simd`: true → SIMD build (an error if unsupported), false → scalar build,
 * undefined → SIMD when the engine supports it. Resolves to { raw, memory, variant }: the Embind
 * module and its WebAssembly.Memory (read results through memory.buffer, which changes when memory grows).
 */
export async function loadModule({ simd } = {}) {
  checkEngine();
  if (simd !== undefined && typeof simd !== 'boolean') {
    throw new TypeError(`createAttention: options.simd must be true, false or undefined, got ${typeof simd}`);
  }
  const simdSupported = isSimdSupported();
  if (simd === true && !simdSupported) throw new Error('createAttention: this engine does not support WebAssembly SIMD; use { simd: false }');
  const variant = simd === false || !simdSupported ? 'scalar' : 'simd';
  const [loader, wasmModule] = await Promise.all([builds[variant].importLoader(), compiledModule(variant)]);
  let memory;
  let rejectInstantiation;
  // The loader's own promise never settles when our instantiation fails, so race it with one that does.
  const instantiationFailed = new Promise((resolve, reject) => { rejectInstantiation = reject; });
  const loaderReady = loader.default({
    instantiateWasm(imports, receiveInstance) {
      WebAssembly.instantiate(wasmModule, imports).then((instance) => {
        // Export names are minified at -O3; the memory is the one export of its kind.
        memory = Object.values(instance.exports).find((value) => value instanceof WebAssembly.Memory);
        receiveInstance(instance, wasmModule);
      }, rejectInstantiation);
      return {}; // the exports arrive asynchronously, through receiveInstance
    },
  });
  const raw = await Promise.race([loaderReady, instantiationFailed]);
  return { raw, memory, variant };
}
