// The site shell: reads the route from the URL fragment, shows the chapter (header at once, prebuilt body from
// its own chunk), keeps navigation, language and theme controls in step, and loads the live-example element for
// pages that have examples.
import 'katex/dist/katex.min.css';
import './styles/site.css';
import manifest, { loadChapterHtml } from 'virtual:aw-content';
import { parseRoute, formatRoute } from './router.js';
import { stringsFor, UI_STRINGS } from './i18n.js';
import { storedLanguage, storeLanguage } from './preferences.js';
import { applyTheme, effectiveTheme, followSystemTheme, toggleTheme } from './theme.js';
import { renderChapterList, setUpMenu } from './navigation.js';
import { fillChapterBody, renderChapterFrame, renderMessagePage, showLoadFailure } from './chapter-view.js';
import { loadLiveExamples } from './live-loader.js';
import { PROGRESS_EVENT } from './exercises/progress.js';
import { addEmbedSnippets } from './embed-snippets.js';

const ui = {
  skipLink: document.querySelector('.skip-link'),
  brand: document.querySelector('.brand'),
  brandTitle: document.querySelector('.brand-title'),
  menuButton: document.querySelector('.menu-button'),
  nav: document.querySelector('#site-nav'),
  navHeading: document.querySelector('#site-nav-heading'),
  chapterList: document.querySelector('.chapter-list'),
  backdrop: document.querySelector('.nav-backdrop'),
  languageGroup: document.querySelector('.language-switch'),
  themeButton: document.querySelector('.theme-toggle'),
  main: document.querySelector('#main'),
  footer: document.querySelector('.site-footer-text'),
};

/** What is on screen: { lang, slug, section } or a message page ({ lang, slug: null }). */
let shown = null;
let navigationCount = 0;

const chapterBySlug = (slug) => manifest.chapters.find((chapter) => chapter.slug === slug);
const preferredLanguage = () => {
  const stored = storedLanguage();
  return manifest.languages.includes(stored) ? stored : manifest.defaultLanguage;
};

function renderChrome(lang) {
  const strings = stringsFor(lang);
  document.documentElement.lang = strings.htmlLang;
  ui.skipLink.textContent = strings.skipToContent;
  ui.brandTitle.textContent = strings.siteTitle;
  ui.brand.setAttribute('href', manifest.chapters[0] ? formatRoute(lang, manifest.chapters[0].slug) : '#');
  ui.menuButton.setAttribute('aria-label', strings.menu);
  ui.navHeading.textContent = strings.chapters;
  ui.languageGroup.setAttribute('aria-label', strings.languageGroup);
  for (const button of ui.languageGroup.querySelectorAll('button')) {
    const code = button.dataset.lang;
    button.setAttribute('aria-pressed', String(code === lang));
    button.title = code === lang ? UI_STRINGS[code].languageName : strings.switchLanguageTo(UI_STRINGS[code].languageName);
  }
  renderThemeButton(lang);
  ui.footer.textContent = strings.footer;
}

function renderThemeButton(lang = shown?.lang ?? preferredLanguage()) {
  const strings = stringsFor(lang);
  const dark = effectiveTheme() === 'dark';
  const label = dark ? strings.lightTheme : strings.darkTheme;
  ui.themeButton.setAttribute('aria-label', label);
  ui.themeButton.title = label;
}

/** How long a deep-linked section is held in view while the page above it settles (fonts, live examples). */
const SECTION_SETTLE_MS = 4000;
let stopHoldingSection = () => {};

/**
 * Keeps `target` at the top while content above it changes height: live examples replace their code with an
 * editor and add output after the first scroll. Any reader input (wheel, touch, key, click) or navigation ends it.
 */
function holdSectionInView(target) {
  stopHoldingSection();
  const readerInput = ['wheel', 'touchstart', 'keydown', 'mousedown'];
  const observer = new ResizeObserver(() => target.scrollIntoView({ block: 'start' }));
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    for (const type of readerInput) window.removeEventListener(type, stop, true);
    stopHoldingSection = () => {};
  };
  const timer = setTimeout(stop, SECTION_SETTLE_MS);
  for (const type of readerInput) window.addEventListener(type, stop, { capture: true, passive: true });
  observer.observe(ui.main);
  stopHoldingSection = stop;
}

function scrollToSection(section, { focus }) {
  const target = section ? document.getElementById(section) : null;
  if (!target || !ui.main.contains(target)) return false;
  target.scrollIntoView({ block: 'start' });
  if (focus) {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  }
  return true;
}

async function show(route, { initial }) {
  const navigation = ++navigationCount;
  stopHoldingSection();
  const lang = route.lang;
  renderChrome(lang);
  const chapter = chapterBySlug(route.slug);

  if (!chapter && route.slug === 'progress') {
    // The progress page of exercises and quizzes (web/src/exercises/progress-page.js).
    shown = { lang, slug: 'progress' };
    renderChapterList(ui.chapterList, manifest, lang, { slug: 'progress' });
    const { renderProgressPage } = await import('./exercises/progress-page.js');
    if (navigation !== navigationCount) return;
    document.title = `${renderProgressPage(ui.main, manifest, lang)} · ${stringsFor(lang).siteTitle}`;
    if (!initial) {
      window.scrollTo(0, 0);
      ui.main.querySelector('h1')?.focus({ preventScroll: true });
    }
    return;
  }

  if (!chapter) {
    shown = { lang, slug: null };
    renderChapterList(ui.chapterList, manifest, lang, null);
    const title = renderMessagePage(ui.main, manifest, lang, manifest.chapters.length ? 'not-found' : 'empty');
    document.title = `${title} · ${stringsFor(lang).siteTitle}`;
    return;
  }

  const previous = shown;
  shown = { lang, slug: chapter.slug, section: route.section };
  if (previous && previous.lang === lang && previous.slug === chapter.slug) {
    // Same chapter: never re-render (that would reset the live examples). A new section scrolls there; dropping
    // the section (the chapter's own link) goes to the top; a change after "?" (a share link) does nothing here.
    if (route.section && route.section !== previous.section) scrollToSection(route.section, { focus: true });
    else if (!route.section && previous.section) window.scrollTo(0, 0);
    return;
  }

  const { body, version, shownLang } = renderChapterFrame(ui.main, manifest, chapter, lang);
  renderChapterList(ui.chapterList, manifest, lang, { slug: chapter.slug, headings: version.headings });
  document.title = `${version.title} · ${stringsFor(lang).siteTitle}`;
  const liveReady = version.liveExamples.length ? loadLiveExamples() : null; // in parallel with the body
  // <workshop-exercise> and <workshop-quiz> (web/src/exercises/), only for chapters that have them
  if (version.exercises?.length || version.quizzes?.length) {
    import('./exercises/index.js').catch((error) => console.error('Attention Workshop: exercises could not be loaded.', error));
  }
  if (version.labs?.length) loadLabs();
  if (!initial) {
    window.scrollTo(0, 0);
    ui.main.querySelector('h1')?.focus({ preventScroll: true });
  }

  let html;
  try {
    html = await loadChapterHtml(shownLang, chapter.slug);
  } catch (error) {
    if (navigation !== navigationCount) return;
    console.error(`Attention Workshop: chapter ${shownLang}/${chapter.slug} could not be loaded.`, error);
    showLoadFailure(body, lang);
    return;
  }
  if (navigation !== navigationCount) return; // the reader has moved on meanwhile
  fillChapterBody(body, html, shownLang);
  addEmbedSnippets(body, html, { chapter: chapter.slug, lang: shownLang });
  if (route.section && scrollToSection(route.section, { focus: !initial })) {
    holdSectionInView(document.getElementById(route.section));
  }
  if (liveReady && !(await liveReady) && navigation === navigationCount) {
    body.classList.add('live-unavailable');
    body.dataset.liveNotice = stringsFor(lang).liveUnavailable;
  }
}

/** Loads the <workshop-lab> element (each lab's own module loads when its element appears). */
function loadLabs() {
  import('./labs/index.js').catch((error) => console.error('Attention Workshop: the labs could not be loaded.', error));
}

/** Reads the fragment and shows what it names; fills in a missing language or chapter. */
function route({ initial = false } = {}) {
  const parsed = parseRoute(window.location.hash);
  const firstChapter = manifest.chapters[0]?.slug;
  if (!parsed || !parsed.lang) {
    const lang = preferredLanguage();
    // An empty fragment becomes the first chapter's address; any other fragment is left for whoever wrote it.
    if (!window.location.hash || window.location.hash === '#' || parsed) {
      if (firstChapter) history.replaceState(history.state, '', formatRoute(lang, firstChapter));
    }
    return show({ lang, slug: firstChapter }, { initial });
  }
  if (!manifest.languages.includes(parsed.lang)) return show({ lang: preferredLanguage(), slug: null }, { initial });
  if (!parsed.chapter) {
    if (firstChapter) history.replaceState(history.state, '', formatRoute(parsed.lang, firstChapter));
    return show({ lang: parsed.lang, slug: firstChapter }, { initial });
  }
  return show({ lang: parsed.lang, slug: parsed.chapter, section: parsed.section }, { initial });
}

function switchLanguage(lang) {
  storeLanguage(lang);
  if (shown?.lang === lang) return;
  // Section ids come from heading text, which differs between languages, so the switch keeps the chapter only.
  const slug = shown?.slug ?? manifest.chapters[0]?.slug;
  if (slug) window.location.hash = formatRoute(lang, slug);
  else show({ lang, slug: null }, { initial: false });
}

function setUp() {
  applyTheme();
  const menu = setUpMenu({ button: ui.menuButton, panel: ui.nav, backdrop: ui.backdrop });
  ui.themeButton.addEventListener('click', () => { toggleTheme(); renderThemeButton(); });
  followSystemTheme(() => renderThemeButton());
  ui.languageGroup.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-lang]');
    if (button) switchLanguage(button.dataset.lang);
  });
  ui.skipLink.addEventListener('click', (event) => {
    // The fragment is the route, so the skip link moves focus itself instead of changing it.
    event.preventDefault();
    menu.close();
    (ui.main.querySelector('h1') ?? ui.main).focus();
  });
  // A link to the section already in the address causes no hashchange; scroll to it anyway.
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="#/"]');
    if (link && link.getAttribute('href') === window.location.hash && shown?.section) {
      scrollToSection(shown.section, { focus: true });
    }
  });
  window.addEventListener('hashchange', () => route());
  // ✓ marks in the navigation follow progress made on this page and in other tabs.
  const redrawNavigation = () => {
    if (!shown) return;
    const chapter = chapterBySlug(shown.slug);
    const version = chapter && chapter.versions[shown.lang];
    renderChapterList(ui.chapterList, manifest, shown.lang, chapter ? { slug: chapter.slug, headings: version?.headings } : { slug: shown.slug });
  };
  window.addEventListener(PROGRESS_EVENT, redrawNavigation);
  window.addEventListener('storage', (event) => { if (event.key?.startsWith('attention-workshop:progress')) redrawNavigation(); });
  route({ initial: true });
}

setUp();
