// Browser tests of the site shell over the built site (dist/; build it first with `npx vite build`):
// every chapter in every language loads cleanly with its title and formulas, navigation, language and theme
// controls work and are remembered, the phone layout fits, the keyboard can reach everything, and the folder works
// under a sub-path with no request leaving it. Screenshots of every chapter (light, dark, phone) are saved to
// test-results/screenshots/ for a person to look at.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { artifactsDir, launchBrowser, openPage, repoRoot, screenshotPageTop, startStaticServer } from './harness.mjs';

const distDir = path.join(repoRoot, 'dist');
const contentDir = path.join(repoRoot, 'web/content');
const screenshotsDir = path.join(artifactsDir, 'screenshots');
const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const LIVE_SETTLE_MS = 15_000;

if (!(await stat(path.join(distDir, 'index.html')).catch(() => null))) {
  throw new Error('dist/index.html is missing: build the site first (npx vite build)');
}
const manifest = JSON.parse(await readFile(path.join(distDir, 'chapters.json'), 'utf8'));
const pages = manifest.chapters.flatMap((chapter) =>
  manifest.languages.filter((lang) => chapter.versions[lang]).map((lang) => ({ chapter, lang, version: chapter.versions[lang] })));

let server;
let browser;

before(async () => {
  await mkdir(screenshotsDir, { recursive: true });
  server = await startStaticServer(distDir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page that also records failed requests and any request leaving `origin` (the site must be self-contained). */
async function openSitePage(options = {}) {
  const page = await openPage(browser, { viewport: DESKTOP, ...options });
  let navigationStartedAt = -Infinity;
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // Whatever is still loading when the test itself reloads or navigates the page (a font, the core's warm-up
    // fetch) is cancelled by the browser: net::ERR_ABORTED right after a new document was requested is not a fault.
    if (reason === 'net::ERR_ABORTED' && Date.now() - navigationStartedAt < 5_000) return;
    page.problems.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) page.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigationStartedAt = Date.now();
    const url = request.url();
    if (!url.startsWith(server.url) && !/^(data|blob):/.test(url) && !url.startsWith(page.allowedOrigin ?? server.url)) {
      page.problems.push(`request outside the site: ${url}`);
    }
  });
  return page;
}

const closePage = (page) => page.context().close();

/** Waits until the chapter body is in place, fonts are loaded and live examples (if any) have had their first run. */
async function waitForChapter(page) {
  await page.waitForSelector('.chapter-body:not([aria-busy])', { timeout: 10_000 });
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(async (settleMs) => {
    // Live examples run on load when marked autorun; give them time to show output before screenshots.
    const examples = [...document.querySelectorAll('live-example')];
    if (!examples.length || !window.customElements.get('live-example')) return;
    const deadline = performance.now() + settleMs;
    const busy = () => examples.some((example) => example.matches('[running], [data-state="running"], [aria-busy="true"]'));
    while (busy() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  }, LIVE_SETTLE_MS);
}

/**
 * Scrolls every live example into view once, then back to the top. CodeMirror measures an editor only when it is
 * on screen, so without this a full-page screenshot shows estimated line-number gutters for editors below the fold.
 */
async function visitLiveExamples(page) {
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    for (const example of document.querySelectorAll('live-example')) {
      example.scrollIntoView({ block: 'center' });
      await frame();
    }
    window.scrollTo(0, 0);
    await frame();
  });
}

const route = (lang, slug, section) => `#/${lang}/${slug}${section ? `/${section}` : ''}`;
const pageName = ({ lang, chapter }) => `${lang}-${chapter.slug}`;

describe('content', () => {
  test('the manifest has a page for every Markdown chapter in web/content', async () => {
    for (const lang of manifest.languages) {
      const files = (await readdir(path.join(contentDir, lang)).catch(() => []))
        .filter((name) => /^\d{2}-[a-z0-9-]+\.md$/.test(name)).map((name) => name.slice(0, -3)).sort();
      const listed = manifest.chapters.filter((chapter) => chapter.versions[lang]).map((chapter) => chapter.slug).sort();
      assert.deepEqual(listed, files, `chapters listed for ${lang}`);
    }
  });

  test('chapters are listed in the order of their numbers', () => {
    const numbers = manifest.chapters.map((chapter) => chapter.number);
    assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b));
  });
});

describe('every chapter page', () => {
  for (const item of pages) {
    const { chapter, lang, version } = item;
    test(`${lang}/${chapter.slug} loads with no console errors, shows its title${version.hasMath ? ' and its formulas' : ''}`, async () => {
      const page = await openSitePage({ colorScheme: 'light' });
      try {
        await page.goto(server.url + route(lang, chapter.slug));
        await waitForChapter(page);
        assert.equal((await page.locator('main h1').textContent()).trim(), version.title);
        assert.match(await page.title(), new RegExp(version.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
        assert.equal(await page.getAttribute('html', 'lang'), lang === 'zh' ? 'zh-CN' : 'en');
        assert.equal(await page.locator('#site-nav a[aria-current="page"]').count(), 1);
        assert.equal(await page.locator('live-example').count(), version.liveExamples.length, 'live examples on the page');
        if (version.hasMath) {
          assert.ok(await page.locator('.chapter-body .katex').count() > 0, 'KaTeX output present');
          assert.equal(await page.locator('.chapter-body .katex-error').count(), 0, 'no KaTeX errors');
          // Formulas must be typeset in KaTeX's own fonts, which ship with the site.
          assert.ok(await page.evaluate(() => document.fonts.check('16px KaTeX_Main')), 'KaTeX_Main font loaded');
        }
        if (version.status === 'outline') {
          assert.equal(await page.locator('.chapter-header .notice-outline').count(), 1, 'outline notice shown');
        }
        await visitLiveExamples(page);
        await screenshotPageTop(page, path.join(screenshotsDir, `${pageName(item)}-light.png`));
        await page.click('.theme-toggle');
        assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
        await visitLiveExamples(page);
        await screenshotPageTop(page, path.join(screenshotsDir, `${pageName(item)}-dark.png`));
        assert.deepEqual(page.problems, []);
      } finally {
        await closePage(page);
      }
    });

    test(`${lang}/${chapter.slug} fits a phone screen without sideways scrolling`, async () => {
      const page = await openSitePage({ viewport: PHONE, colorScheme: 'light', isMobile: true, hasTouch: true });
      try {
        await page.goto(server.url + route(lang, chapter.slug));
        await waitForChapter(page);
        const overflow = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          const wide = [...document.querySelectorAll('main *')].filter((element) => {
            const box = element.getBoundingClientRect();
            if (box.width === 0 || box.right <= width + 1) return false;
            // inside a box that scrolls on its own (code, tables, wide formulas) is fine
            for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
              if (/(auto|scroll|hidden)/.test(getComputedStyle(parent).overflowX)) return false;
            }
            return true;
          }).slice(0, 5).map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
          return { scrollWidth: document.documentElement.scrollWidth, width, wide };
        });
        assert.ok(overflow.scrollWidth <= overflow.width, `page is ${overflow.scrollWidth}px wide on a ${overflow.width}px screen: ${overflow.wide.join(', ')}`);
        assert.deepEqual(overflow.wide, []);
        await visitLiveExamples(page);
        await screenshotPageTop(page, path.join(screenshotsDir, `${pageName(item)}-phone.png`));
        assert.deepEqual(page.problems, []);
      } finally {
        await closePage(page);
      }
    });
  }
});

describe('language', () => {
  const [first, second] = manifest.chapters;
  const both = manifest.chapters.find((chapter) => manifest.languages.every((lang) => chapter.versions[lang])) ?? first;

  test('a first visit is in Chinese', async () => {
    const page = await openSitePage();
    try {
      await page.goto(server.url);
      await waitForChapter(page);
      assert.equal(new URL(page.url()).hash, route('zh', first.slug));
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await page.getAttribute('.language-switch [data-lang="zh"]', 'aria-pressed'), 'true');
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });

  test('switching to English keeps the chapter, and the choice is remembered after a reload and on a new visit', async () => {
    const chapter = second?.versions.en && second?.versions.zh ? second : both;
    const page = await openSitePage();
    try {
      await page.goto(server.url + route('zh', chapter.slug));
      await waitForChapter(page);
      await page.click('.language-switch [data-lang="en"]');
      await page.waitForFunction((hash) => location.hash === hash, route('en', chapter.slug));
      await waitForChapter(page);
      assert.equal((await page.locator('main h1').textContent()).trim(), chapter.versions.en.title);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal((await page.locator('.brand-title').textContent()).trim(), 'Attention Workshop');

      await page.reload();
      await waitForChapter(page);
      assert.equal((await page.locator('main h1').textContent()).trim(), chapter.versions.en.title);

      await page.goto(server.url); // no route: the remembered language decides
      await waitForChapter(page);
      assert.equal(new URL(page.url()).hash, route('en', first.slug));

      await page.click('.language-switch [data-lang="zh"]');
      await page.waitForFunction((hash) => location.hash === hash, route('zh', first.slug));
      await waitForChapter(page);
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });

  test('a chapter missing in one language shows the other with a notice', async (t) => {
    const partial = manifest.chapters.find((chapter) => manifest.languages.some((lang) => !chapter.versions[lang]));
    if (!partial) { t.skip('every chapter exists in every language'); return; }
    const missing = manifest.languages.find((lang) => !partial.versions[lang]);
    const page = await openSitePage();
    try {
      await page.goto(server.url + route(missing, partial.slug));
      await waitForChapter(page);
      assert.equal(await page.locator('.notice-language').count(), 1);
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });
});

describe('theme', () => {
  test('follows the system theme, and the toggle is remembered after a reload', async () => {
    const page = await openSitePage({ colorScheme: 'dark' });
    try {
      await page.goto(server.url);
      await waitForChapter(page);
      assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
      const darkBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.click('.theme-toggle');
      assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
      assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), darkBackground);
      await page.reload();
      await waitForChapter(page);
      assert.equal(await page.getAttribute('html', 'data-theme'), 'light', 'explicit choice beats the system theme');
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });

  for (const theme of ['light', 'dark']) {
    test(`text in the ${theme} theme has at least WCAG AA contrast`, async () => {
      const page = await openSitePage({ colorScheme: theme });
      try {
        const outline = manifest.chapters.find((chapter) => chapter.versions.en?.status === 'outline');
        await page.goto(server.url + route('en', (outline ?? manifest.chapters[0]).slug));
        await waitForChapter(page);
        const pairs = await page.evaluate(() => {
          const parse = (color) => color.match(/[\d.]+/g).slice(0, 4).map(Number);
          const luminance = ([r, g, b]) => {
            const channel = (v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
            return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
          };
          // The first opaque background behind an element.
          const background = (element) => {
            for (let node = element; node; node = node.parentElement) {
              const color = parse(getComputedStyle(node).backgroundColor);
              if (color[3] === undefined || color[3] > 0.5) return color;
            }
            return parse(getComputedStyle(document.body).backgroundColor);
          };
          const ratio = (element) => {
            const a = luminance(parse(getComputedStyle(element).color));
            const b = luminance(background(element));
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          };
          const selectors = ['.chapter-body p', '.chapter-summary', '.chapter-kicker', '.nav-number', '.nav-sections a',
            '#site-nav a[aria-current="page"]', '.nav-badge', '.notice', '.pager-label', '.site-footer-text',
            '.language-switch button[aria-pressed="false"]', '.chapter-body a', '.chapter-body code', '.tok-comment',
            '.tok-keyword', '.tok-string', '.tok-number'];
          return selectors.map((selector) => {
            const element = document.querySelector(selector);
            return element ? [selector, Math.round(ratio(element) * 100) / 100] : null;
          }).filter(Boolean);
        });
        assert.ok(pairs.length >= 8, `measured ${pairs.length} kinds of text`);
        const low = pairs.filter(([, ratio]) => ratio < 4.5);
        assert.deepEqual(low, [], `contrast below 4.5:1: ${JSON.stringify(low)}`);
      } finally {
        await closePage(page);
      }
    });
  }
});

describe('navigation and keyboard', () => {
  const first = manifest.chapters[0];

  test('the skip link is the first tab stop and moves focus to the chapter', async () => {
    const page = await openSitePage();
    try {
      await page.goto(server.url);
      await waitForChapter(page);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
      const box = await page.locator('.skip-link').boundingBox();
      assert.ok(box.y >= 0, 'skip link is on screen when focused');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.closest('main') !== null), true);
      assert.equal(new URL(page.url()).hash, route('zh', first.slug), 'the route is unchanged');
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });

  test('keyboard focus is visible on links and buttons', async () => {
    const page = await openSitePage();
    try {
      await page.goto(server.url);
      await waitForChapter(page);
      for (let i = 0; i < 6; i += 1) {
        await page.keyboard.press('Tab');
        const outline = await page.evaluate(() => {
          const style = getComputedStyle(document.activeElement);
          return { tag: document.activeElement.tagName, style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
        });
        assert.ok(outline.style !== 'none' && outline.width >= 2, `focus ring on ${outline.tag}: ${JSON.stringify(outline)}`);
      }
    } finally {
      await closePage(page);
    }
  });

  test('the chapter list is usable with the keyboard and moves focus to the new chapter title', async (t) => {
    if (manifest.chapters.length < 2) { t.skip('needs two chapters'); return; }
    const target = manifest.chapters[1];
    const page = await openSitePage();
    try {
      await page.goto(server.url + route('en', first.slug));
      await waitForChapter(page);
      await page.locator(`#site-nav a[href="${route('en', target.slug)}"]`).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((hash) => location.hash === hash, route('en', target.slug));
      await waitForChapter(page);
      assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
      assert.equal(await page.getAttribute(`#site-nav a[href="${route('en', target.slug)}"]`, 'aria-current'), 'page');
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });

  test('a section link scrolls to its heading, also when opened directly', async (t) => {
    const chapter = manifest.chapters.find((c) => (c.versions.en?.headings.length ?? 0) >= 3);
    if (!chapter) { t.skip('needs a chapter with three sections'); return; }
    const sections = chapter.versions.en.headings.filter((h) => h.level === 2);
    const heading = sections[Math.floor(sections.length / 2)]; // one that can scroll to the top of the window
    const page = await openSitePage();
    try {
      await page.goto(server.url + route('en', chapter.slug, heading.id));
      await waitForChapter(page);
      await page.waitForFunction((id) => Math.abs(document.getElementById(id).getBoundingClientRect().top) < 200, heading.id);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.click(`.nav-sections a[data-section="${heading.id}"]`);
      await page.waitForFunction((id) => Math.abs(document.getElementById(id).getBoundingClientRect().top) < 200, heading.id);
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });

  test('pager links go to the previous and next chapter', async (t) => {
    if (manifest.chapters.length < 2) { t.skip('needs two chapters'); return; }
    const page = await openSitePage();
    try {
      await page.goto(server.url + route('en', first.slug));
      await waitForChapter(page);
      assert.equal(await page.locator('.chapter-pager a.pager-prev').count(), 0);
      await page.click('.chapter-pager .pager-next');
      await page.waitForFunction((hash) => location.hash === hash, route('en', manifest.chapters[1].slug));
      // The router renders on hashchange, after the hash is set: wait for the new chapter's article, not the old body.
      await page.waitForSelector(`article.chapter[data-chapter="${manifest.chapters[1].slug}"]`);
      await waitForChapter(page);
      assert.equal(await page.locator('.chapter-pager a.pager-prev').count(), 1);
    } finally {
      await closePage(page);
    }
  });

  test('an unknown chapter shows a not-found page that leads back to the first chapter', async () => {
    const page = await openSitePage();
    try {
      await page.goto(server.url + route('en', '99-no-such-chapter'));
      await page.waitForSelector('.message-page h1');
      await page.click('.message-page a');
      await page.waitForFunction((hash) => location.hash === hash, route('en', first.slug));
      await waitForChapter(page);
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });

  test('at phone width the chapter list is a menu: the button opens it, Escape closes it and returns focus', async () => {
    const page = await openSitePage({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      await page.goto(server.url);
      await waitForChapter(page);
      assert.equal(await page.isVisible('.menu-button'), true);
      assert.equal(await page.isVisible('#site-nav'), false, 'closed menu is hidden');
      await page.click('.menu-button');
      assert.equal(await page.getAttribute('.menu-button', 'aria-expanded'), 'true');
      await page.waitForFunction(() => getComputedStyle(document.querySelector('#site-nav')).visibility === 'visible');
      const navBox = await page.locator('#site-nav').boundingBox();
      assert.ok(navBox.height > PHONE.height * 0.8, 'menu panel runs to the bottom of the screen');
      assert.equal(await page.evaluate(() => document.activeElement.closest('#site-nav') !== null), true, 'focus moved into the menu');
      await page.keyboard.press('Escape');
      assert.equal(await page.getAttribute('.menu-button', 'aria-expanded'), 'false');
      assert.equal(await page.evaluate(() => document.activeElement.classList.contains('menu-button')), true);

      if (manifest.chapters.length > 1) {
        await page.click('.menu-button');
        await page.click(`#site-nav a[href="${route('zh', manifest.chapters[1].slug)}"]`);
        await page.waitForFunction((hash) => location.hash === hash, route('zh', manifest.chapters[1].slug));
        assert.equal(await page.getAttribute('.menu-button', 'aria-expanded'), 'false', 'choosing a chapter closes the menu');
      }
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });
});

describe('hosting', () => {
  test('the built folder works under a sub-path of a plain static host, with no request leaving it', async () => {
    const hostRoot = await mkdtemp(path.join(os.tmpdir(), 'aw-subpath-'));
    const subServer = await (async () => {
      await cp(distDir, path.join(hostRoot, 'courses', 'attention'), { recursive: true });
      return startStaticServer(hostRoot);
    })();
    const page = await openSitePage();
    page.allowedOrigin = `${subServer.url}courses/attention/`;
    const requested = [];
    page.on('request', (request) => requested.push(request.url()));
    try {
      await page.goto(`${subServer.url}courses/attention/`);
      await waitForChapter(page);
      assert.match(new URL(page.url()).hash, /^#\/zh\//);
      const mathChapter = manifest.chapters.find((chapter) => chapter.versions.en?.hasMath);
      if (mathChapter) {
        // a fresh visit straight to a deep link (leave only once the first page is idle, so nothing is cut off)
        await page.waitForLoadState('networkidle');
        await page.goto('about:blank');
        await page.goto(`${subServer.url}courses/attention/${route('en', mathChapter.slug)}`);
        await waitForChapter(page);
        assert.ok(await page.locator('.katex').count() > 0);
        assert.ok(await page.evaluate(() => document.fonts.check('16px KaTeX_Main')), 'KaTeX fonts load from the sub-path');
      }
      await page.waitForLoadState('networkidle');
      const outside = requested.filter((url) => !url.startsWith(page.allowedOrigin) && !/^(data|blob):/.test(url));
      assert.deepEqual(outside, []);
      assert.deepEqual(page.problems.filter((problem) => !problem.startsWith('request outside the site')), []);
    } finally {
      await closePage(page);
      await subServer.close();
      await rm(hostRoot, { recursive: true, force: true });
    }
  });
});
