// Starting a module worker from a URL that may be on another origin than the page. Browsers refuse
// `new Worker(<cross-origin URL>)`, which is where a worker stands when this package is loaded from another site (the
// workshop's script-tag embed bundle on a course page). A same-origin blob: worker whose only line imports the real
// module works instead, provided the module's host sends CORS headers (module imports need them anyway); inside it,
// `import.meta.url` is the real URL, so the worker finds its chunks and the wasm beside itself.
//
// Callers keep the literal `new Worker(new URL('…', import.meta.url), …)` that bundlers look for, with a local
// `const Worker = OriginSafeWorker;` in front, so the worker is still found and bundled.

/** `new OriginSafeWorker(url, options)`: a Worker, through a blob: bootstrap when `url` is cross-origin. */
export function OriginSafeWorker(url, options) {
  const here = globalThis.location;
  const target = new URL(url, here?.href);
  if (!here || target.origin === here.origin || target.protocol === 'blob:' || target.protocol === 'data:') {
    return new globalThis.Worker(target, options);
  }
  const bootstrap = new Blob([`import ${JSON.stringify(target.href)};`], { type: 'text/javascript' });
  return new globalThis.Worker(URL.createObjectURL(bootstrap), options);
}
