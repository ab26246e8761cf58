// The main column: a chapter (header from the manifest, body from its prebuilt HTML, previous/next links),
// or a short page when a route leads nowhere.
import { formatRoute } from './router.js';
import { createScrollRegions } from './scroll-regions.js';
import { stringsFor, UI_STRINGS } from './i18n.js';
import { chapterNumber, chapterVersion, element } from './navigation.js';

/**
 * Renders the header of `chapter` in `lang` into `main` at once and returns the element the body goes into,
 * so the title is on screen while the body's chunk loads.
 */
export function renderChapterFrame(main, manifest, chapter, lang) {
  const strings = stringsFor(lang);
  const { lang: shownLang, version } = chapterVersion(chapter, lang, manifest.languages);
  const notices = [];
  if (shownLang !== lang) {
    notices.push(element('p', { className: 'notice notice-language' },
      strings.otherLanguageNotice(UI_STRINGS[shownLang]?.languageName ?? shownLang)));
  }
  if (version.status === 'outline') {
    notices.push(element('p', { className: 'notice notice-outline' },
      element('span', { className: 'status-badge' }, strings.outline), ' ', strings.outlineNotice));
  }
  const body = element('div', { className: 'chapter-body prose', 'aria-busy': 'true' },
    element('p', { className: 'loading' }, strings.loading));
  const article = element('article', {
    className: `chapter${version.status === 'outline' ? ' is-outline' : ''}`,
    lang: stringsFor(shownLang).htmlLang,
    'data-chapter': chapter.slug,
    'data-status': version.status,
  },
  element('header', { className: 'chapter-header' },
    element('p', { className: 'chapter-kicker', lang: strings.htmlLang },
      strings.part(chapter.number)),
    element('h1', { tabindex: '-1' }, version.title),
    version.summary ? element('p', { className: 'chapter-summary' }, version.summary) : null,
    ...notices),
  body,
  renderPager(manifest, chapter, lang));
  main.replaceChildren(article);
  return { article, body, shownLang, version };
}

function renderPager(manifest, chapter, lang) {
  const strings = stringsFor(lang);
  const index = manifest.chapters.indexOf(chapter);
  const link = (target, direction) => {
    if (!target) return element('span', { className: `pager-spacer pager-${direction}` });
    const { lang: shownLang, version } = chapterVersion(target, lang, manifest.languages);
    return element('a', { className: `pager-link pager-${direction}`, href: formatRoute(lang, target.slug), rel: direction },
      element('span', { className: 'pager-label' }, direction === 'prev' ? `← ${strings.previous}` : `${strings.next} →`),
      element('span', { className: 'pager-title', lang: shownLang !== lang ? stringsFor(shownLang).htmlLang : null },
        `${chapterNumber(target)} · ${version.title}`));
  };
  return element('nav', { className: 'chapter-pager', 'aria-label': strings.pager, lang: strings.htmlLang },
    link(manifest.chapters[index - 1], 'prev'), link(manifest.chapters[index + 1], 'next'));
}

let formulaRegions = null;
let codeRegions = null;

/** Puts the chapter's HTML into its body; display formulas and code blocks wider than the column become keyboard-scrollable. */
export function fillChapterBody(body, html, lang) {
  body.innerHTML = html;
  body.removeAttribute('aria-busy');
  formulaRegions?.unwatchAll(); // the previous chapter's formulas are gone
  formulaRegions = createScrollRegions(stringsFor(lang).wideFormula);
  for (const formula of body.querySelectorAll('.katex-display')) formulaRegions.watch(formula);
  codeRegions?.unwatchAll();
  codeRegions = createScrollRegions(stringsFor(lang).wideCode);
  for (const code of body.querySelectorAll('.code-block')) codeRegions.watch(code);
}

/** Replaces the body with a failure message (the header stays). */
export function showLoadFailure(body, lang) {
  body.replaceChildren(element('p', { className: 'notice notice-error', role: 'alert' }, stringsFor(lang).loadFailed));
  body.removeAttribute('aria-busy');
}

/** A page for routes that name no chapter, or for a site without chapters yet. */
export function renderMessagePage(main, manifest, lang, kind) {
  const strings = stringsFor(lang);
  const first = manifest.chapters[0];
  const [title, text] = kind === 'empty'
    ? [strings.noChaptersTitle, strings.noChaptersText]
    : [strings.notFoundTitle, strings.notFoundText];
  main.replaceChildren(element('article', { className: 'chapter message-page', lang: strings.htmlLang },
    element('header', { className: 'chapter-header' }, element('h1', { tabindex: '-1' }, title)),
    element('div', { className: 'prose' },
      element('p', {}, text),
      first ? element('p', {}, element('a', { href: formatRoute(lang, first.slug) }, strings.backToStart)) : null)));
  return title;
}
