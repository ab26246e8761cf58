// The chapter list (sidebar on wide screens, a menu panel on phones) and the current chapter's section list.
import { formatRoute } from './router.js';
import { stringsFor } from './i18n.js';
import { chapterTally, readProgress } from './exercises/progress.js';

const PHONE_LAYOUT = window.matchMedia('(max-width: 60rem)');

/** The version of `chapter` to show for `lang`: that language's, else the first one that exists. */
export function chapterVersion(chapter, lang, languages) {
  if (chapter.versions[lang]) return { lang, version: chapter.versions[lang] };
  const other = languages.find((code) => chapter.versions[code]);
  return { lang: other, version: chapter.versions[other] };
}

/** Two-digit chapter number as in the file name. */
export const chapterNumber = (chapter) => String(chapter.number).padStart(2, '0');

/** Creates an element with attributes (true → present, false/null → absent) and children. */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'className') node.className = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/**
 * Renders the chapter list into `list` (an <ol>): every chapter in order, the current one marked with
 * aria-current and followed by its sections.
 */
export function renderChapterList(list, manifest, lang, current) {
  const strings = stringsFor(lang);
  const progress = readProgress();
  const items = manifest.chapters.map((chapter) => {
    const { lang: shownLang, version } = chapterVersion(chapter, lang, manifest.languages);
    const isCurrent = chapter.slug === current?.slug;
    const link = element('a', { href: formatRoute(lang, chapter.slug), 'aria-current': isCurrent ? 'page' : null },
      element('span', { className: 'nav-number', 'aria-hidden': 'true' }, chapterNumber(chapter)),
      element('span', { className: 'nav-title', lang: shownLang !== lang ? shownLang : null }, version.title,
        practiceBadge(chapter, version, progress, strings)),
      version.status === 'outline' ? element('span', { className: 'nav-badge' }, strings.outline) : null);
    const item = element('li', { className: isCurrent ? 'is-current' : null }, link);
    if (isCurrent && current.headings?.length) {
      const sections = current.headings.filter((heading) => heading.level === 2);
      if (sections.length) {
        item.append(element('ol', { className: 'nav-sections', 'aria-label': strings.onThisPage },
          ...sections.map((heading) => element('li', {},
            element('a', { href: formatRoute(lang, chapter.slug, heading.id), 'data-section': heading.id }, heading.text)))));
      }
    }
    if (isCurrent && version.exercises?.length) {
      // One entry per exercise of the open chapter, ✓ once passed.
      item.append(element('ol', { className: 'nav-exercises', 'aria-label': strings.exercisesLabel },
        ...version.exercises.map((exercise) => {
          const passed = Boolean(progress.exercises[`${chapter.slug}/${exercise.id}`]?.passed);
          return element('li', { 'data-passed': String(passed) },
            element('a', { href: formatRoute(lang, chapter.slug, exercise.id), 'data-exercise': exercise.id },
              element('span', { className: 'nav-check', 'aria-hidden': 'true' }, passed ? '✓' : '○'),
              element('span', {}, exercise.title),
              passed ? element('span', { className: 'visually-hidden' }, ` (${strings.passed})`) : null));
        })));
    }
    return item;
  });
  items.push(element('li', { className: 'nav-progress' },
    element('a', { href: formatRoute(lang, 'progress'), 'aria-current': current?.slug === 'progress' ? 'page' : null }, element('span', { className: 'nav-number', 'aria-hidden': 'true' }, '✓'),
      element('span', { className: 'nav-title' }, strings.progressPage))));
  list.replaceChildren(...items);
}

/** "✓" when every exercise and quiz of a chapter is done, "3/8" when some are, nothing otherwise. */
function practiceBadge(chapter, version, progress, strings) {
  const { done, total } = chapterTally(chapter.slug, version, progress);
  if (!total || !done) return null;
  const complete = done === total;
  return element('span', { className: `nav-practice${complete ? ' is-complete' : ''}`, title: strings.practiceDone(done, total) },
    element('span', { 'aria-hidden': 'true' }, complete ? '✓' : `${done}/${total}`),
    element('span', { className: 'visually-hidden' }, strings.practiceDone(done, total)));
}

/**
 * Wires the phone-width menu: the button opens the chapter panel, Escape, the backdrop or choosing a chapter
 * closes it and returns focus to the button. On wide screens the panel is always shown and the button hidden.
 */
export function setUpMenu({ button, panel, backdrop }) {
  const isOpen = () => button.getAttribute('aria-expanded') === 'true';
  const setOpen = (open, { restoreFocus = false } = {}) => {
    button.setAttribute('aria-expanded', String(open));
    document.documentElement.classList.toggle('nav-open', open);
    if (open) {
      (panel.querySelector('[aria-current="page"]') ?? panel.querySelector('a'))?.focus();
    } else if (restoreFocus) {
      button.focus();
    }
  };
  button.addEventListener('click', () => setOpen(!isOpen()));
  backdrop.addEventListener('click', () => setOpen(false, { restoreFocus: true }));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isOpen()) {
      event.preventDefault();
      setOpen(false, { restoreFocus: true });
    }
  });
  panel.addEventListener('click', (event) => {
    if (event.target.closest('a') && PHONE_LAYOUT.matches) setOpen(false);
  });
  // Leaving phone width with the menu open must not leave the page locked behind a backdrop.
  PHONE_LAYOUT.addEventListener('change', () => { if (!PHONE_LAYOUT.matches) setOpen(false); });
  return { close: () => setOpen(false) };
}
