// Per-example storage of the user's edits in localStorage. The key names chapter, language and example id, because
// the zh and en versions of an example are different snippets (comments, labels) and must not overwrite each other.
// Storage can be missing or full (private windows, quotas); then edits simply are not kept, and nothing breaks.

const PREFIX = 'attention-workshop:live-example:v1';

/** The storage key for one example. */
export function storageKey({ chapter, lang, exampleId }) {
  return `${PREFIX}:${chapter || '-'}:${lang || '-'}:${exampleId}`;
}

/** The saved code for an example, or null. */
export function loadEdit(key) {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Saves `code`; saving the original removes the entry, so untouched examples leave nothing behind. */
export function saveEdit(key, code, original) {
  try {
    if (code === original) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, code);
    return true;
  } catch {
    return false;
  }
}

/** Calls `fn` once typing pauses for `delayMs`; `flush()` runs a pending call now (e.g. on page hide). */
export function debounce(fn, delayMs) {
  let timer = null;
  let pendingArgs = null;
  const debounced = (...args) => {
    pendingArgs = args;
    clearTimeout(timer);
    timer = setTimeout(() => { timer = null; const a = pendingArgs; pendingArgs = null; fn(...a); }, delayMs);
  };
  debounced.flush = () => {
    if (timer === null) return;
    clearTimeout(timer);
    timer = null;
    const a = pendingArgs;
    pendingArgs = null;
    fn(...a);
  };
  return debounced;
}
