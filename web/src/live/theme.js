// Light or dark, following the page: an explicit `theme` attribute on the element wins, then `data-theme` on <html>
// (the workshop's theme switch sets it), then the system's prefers-color-scheme.

// One MediaQueryList for the page: every matchMedia() call makes a new one that the document keeps track of.
let sharedDarkQuery;
const darkQuery = () => { sharedDarkQuery ??= globalThis.matchMedia?.('(prefers-color-scheme: dark)'); return sharedDarkQuery; };

/** 'dark' or 'light' for an element. */
export function resolveTheme(element) {
  const own = element.getAttribute('theme');
  if (own === 'dark' || own === 'light') return own;
  const page = document.documentElement.getAttribute('data-theme');
  if (page === 'dark' || page === 'light') return page;
  return darkQuery()?.matches ? 'dark' : 'light';
}

/** Calls `onChange()` whenever the page theme or the system preference changes; returns an unsubscribe function. */
export function watchTheme(onChange) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
  const query = darkQuery();
  query?.addEventListener?.('change', onChange);
  return () => {
    observer.disconnect();
    query?.removeEventListener?.('change', onChange);
  };
}
