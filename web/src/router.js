// Hash routes: #/<lang>/<chapter>[/<section>]. The page itself is always index.html, so the site works from any
// folder of any static host. Everything from the first "?" or "&" on belongs to the page's components (for
// example a live example's share link) and is ignored here; the shell never rewrites a hash that names a chapter.

/** Parses a location hash; returns { lang, chapter, section } (missing parts undefined) or null when it is no route. */
export function parseRoute(hash) {
  const match = /^#\/([^/?&]*)(?:\/([^/?&]*))?(?:\/([^?&]*))?/.exec(hash);
  if (!match) return null;
  const [, lang, chapter, section] = match;
  return {
    lang: lang || undefined,
    chapter: chapter || undefined,
    section: section ? safeDecode(section) : undefined,
  };
}

/** The hash for a chapter (and optionally a section in it). */
export function formatRoute(lang, chapter, section) {
  return `#/${lang}/${chapter}${section ? `/${encodeURIComponent(section)}` : ''}`;
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
