// Keeps one snippet's leftovers from reaching the next snippet in the shared worker: timers it started and globals it
// added are removed when its run ends. (Prototype tampering cannot be undone cheaply; a Stop or time-out replaces the
// whole worker, and a reload always starts clean.)

const nativeSetTimeout = globalThis.setTimeout.bind(globalThis);
const nativeSetInterval = globalThis.setInterval.bind(globalThis);
const nativeClearTimeout = globalThis.clearTimeout.bind(globalThis);
const nativeClearInterval = globalThis.clearInterval.bind(globalThis);

let activeTimers = null;

// Timers are recorded only while a run is active; the worker's own code never runs during a run.
globalThis.setTimeout = (handler, delay, ...args) => {
  const id = nativeSetTimeout(handler, delay, ...args);
  activeTimers?.add(id);
  return id;
};
globalThis.setInterval = (handler, delay, ...args) => {
  const id = nativeSetInterval(handler, delay, ...args);
  activeTimers?.add(id);
  return id;
};

/** Starts recording what a run leaves behind; returns a function that cleans it up. */
export function beginRunScope() {
  const timers = new Set();
  activeTimers = timers;
  const globalsBefore = new Set(Reflect.ownKeys(globalThis));
  return function endRunScope() {
    activeTimers = null;
    for (const id of timers) { nativeClearTimeout(id); nativeClearInterval(id); }
    for (const key of Reflect.ownKeys(globalThis)) {
      if (globalsBefore.has(key)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(globalThis, key);
      if (descriptor?.configurable) delete globalThis[key];
    }
  };
}
