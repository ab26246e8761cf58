// Accessibility checked by a machine: axe-core (npm) on every chapter of the built site (dist/), in both languages,
// light and dark theme, at phone (375 px) and desktop width, after every live example has run (so heatmaps, token lines and
// plots are on the page). No serious or critical violation may remain. axe reaches into the examples' open shadow
// roots by itself. Besides axe: every heatmap and token drawing must have a text alternative a screen reader reaches
// (aria-describedby pointing at a table or a per-row summary in the reading order).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { formatRoute } from '../../web/src/router.js';
import { openPage, repoRoot, serveAndLaunch } from './harness.mjs';

const distDir = path.resolve(process.env.AW_DIST_DIR ?? path.join(repoRoot, 'dist'));
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const manifest = JSON.parse(await readFile(path.join(distDir, 'chapters.json'), 'utf8'));
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 740 } };
const BLOCKING = new Set(['serious', 'critical']);

const site = serveAndLaunch(distDir);

/**
 * Runs axe on the page; returns the serious and critical violations as readable lines. Which rules run where:
 *   'all'                every rule on the whole page
 *   'contrast'           colour contrast only, on the whole page
 *   'layout'             every rule but colour contrast on the whole page, and colour contrast outside <main>
 *   'contrast-shell'     colour contrast outside <main> only (the header and navigation)
 */
async function blockingViolations(page, scope = 'all') {
  const violations = await page.evaluate(async (scope) => {
    const options = { resultTypes: ['violations'] };
    const contrastOnly = { ...options, runOnly: ['color-contrast'] };
    const outsideMain = { exclude: [['main']] };
    const run = (context, runOptions) => () => window.axe.run(context, runOptions);
    const runs = {
      all: [run(document, options)],
      contrast: [run(document, contrastOnly)],
      layout: [run(document, { ...options, rules: { 'color-contrast': { enabled: false } } }), run(outsideMain, contrastOnly)],
      'contrast-shell': [run(outsideMain, contrastOnly)],
    }[scope];
    const results = [];
    for (const start of runs) results.push(await start()); // one at a time: axe refuses to run twice at once
    return results.flatMap((result) => result.violations).map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 3).map((node) => JSON.stringify(node.target)),
    }));
  }, scope);
  return violations.filter((v) => BLOCKING.has(v.impact))
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.targets.join(', ')}`);
}

/** Runs every example on the page that has not run on load (those are awaited), so every drawing is there. */
function runAllExamples(page) {
  return page.evaluate(async () => {
    const examples = [...document.querySelectorAll('live-example')];
    if (examples.length) await customElements.whenDefined('live-example');
    const finished = (e) => ['ok', 'error', 'timeout', 'stopped', 'crashed'].includes(e.dataset.state);
    const onLoad = (e) => e.hasAttribute('autorun') || e.hasAttribute('norun');
    while (!examples.filter(onLoad).every(finished)) await new Promise((resolve) => { setTimeout(resolve, 50); });
    for (const example of examples) {
      if (!finished(example) && (example.dataset.expectedStatus ?? 'ok') === 'ok') await example.run();
    }
    return examples.length;
  });
}

/** Every heatmap / token drawing and whether its aria-describedby names an element with text, in the same root. */
function drawingAlternatives(page) {
  return page.evaluate(() => [...document.querySelectorAll('live-example')].flatMap((example) =>
    [...example.shadowRoot.querySelectorAll('svg.heatmap, svg.tokens')].map((svg) => {
      const target = svg.getAttribute('aria-describedby') && example.shadowRoot.getElementById(svg.getAttribute('aria-describedby'));
      return {
        example: example.getAttribute('example-id'),
        kind: svg.getAttribute('class'),
        text: target ? target.textContent.trim().slice(0, 60) : null,
        hiddenFromReaders: target ? target.closest('[aria-hidden="true"]') !== null || getComputedStyle(target).display === 'none' : null,
      };
    })));
}

const pages = manifest.chapters.flatMap((chapter) =>
  manifest.languages.filter((lang) => chapter.versions[lang]).map((lang) => ({ lang, chapter })));

describe('axe-core on every chapter: desktop and phone width, light and dark theme, examples run', () => {
  for (const { lang, chapter } of pages) {
    test(`${lang}/${chapter.slug}: no serious or critical violation`, async () => {
      // One page per chapter, checked four ways (loading it and running its examples four times would cost
      // minutes), each with the rules that can differ there — the width changes the layout, the theme only the
      // colours, and colour contrast is most of axe's time (measured: 2.8 s of 3.5 s on chapter 2):
      //   desktop light   every rule
      //   desktop dark    colour contrast (the dark theme's colours)
      //   phone dark      every other rule (the phone layout: menu button, panel, sideways scrolling), and
      //                   colour contrast outside <main> (the header and navigation change with the width)
      //   phone light     colour contrast outside <main>
      // The chapter's own colours do not depend on the width, so contrast inside <main> is checked at one width.
      const page = await openPage(site.browser, { viewport: VIEWPORTS.desktop, colorScheme: 'light' });
      try {
        await page.goto(site.server.url + formatRoute(lang, chapter.slug));
        await page.waitForSelector('.chapter-body:not([aria-busy])');
        await runAllExamples(page);
        await page.addScriptTag({ path: axePath });
        const found = {};
        const theme = () => page.getAttribute('html', 'data-theme');
        found['desktop light'] = await blockingViolations(page, 'all');
        await page.click('.theme-toggle');
        assert.equal(await theme(), 'dark');
        found['desktop dark'] = await blockingViolations(page, 'contrast');
        await page.setViewportSize(VIEWPORTS.phone);
        // Two frames: layout, then the resize observers that make overflowing output focusable.
        await page.evaluate(() => new Promise((resolve) => { requestAnimationFrame(() => requestAnimationFrame(resolve)); }));
        found['phone dark'] = await blockingViolations(page, 'layout');
        await page.click('.theme-toggle');
        assert.equal(await theme(), 'light');
        found['phone light'] = await blockingViolations(page, 'contrast-shell');
        assert.deepEqual(found, { 'desktop light': [], 'desktop dark': [], 'phone dark': [], 'phone light': [] });
        for (const drawing of await drawingAlternatives(page)) {
          assert.ok(drawing.text, `${drawing.example}: ${drawing.kind} has a text alternative (${JSON.stringify(drawing)})`);
          assert.equal(drawing.hiddenFromReaders, false, `${drawing.example}: its text alternative is not hidden from screen readers`);
        }
        assert.deepEqual(page.problems, []);
      } finally {
        await page.context().close();
      }
    });
  }
});

test('the check fails a page with real violations (low contrast in main and in the header, an unnamed button)', async () => {
  const page = await openPage(site.browser, { viewport: VIEWPORTS.phone });
  try {
    await page.goto(site.server.url + formatRoute('en', manifest.chapters[0].slug));
    await page.waitForSelector('.chapter-body:not([aria-busy])');
    await page.addScriptTag({ path: axePath });
    await page.evaluate(() => {
      const faint = (text) => Object.assign(document.createElement('p'), { textContent: text, style: 'color:#777;background:#888' });
      document.querySelector('main').append(faint('faint text in main'), document.createElement('button'));
      document.querySelector('header')?.append(faint('faint text in the header'));
    });
    const full = (await blockingViolations(page, 'all')).join('\n');
    assert.match(full, /serious color-contrast/);
    assert.match(full, /critical button-name/);
    const contrast = await blockingViolations(page, 'contrast');
    assert.equal(contrast.length, 1, contrast.join('\n'));
    assert.match(contrast[0], /serious color-contrast/, 'contrast alone finds the faint text');
    const layout = (await blockingViolations(page, 'layout')).join('\n');
    assert.match(layout, /critical button-name/, 'every other rule still covers main');
    assert.match(layout, /serious color-contrast/, 'contrast outside main (the faint header text) is checked');
    const shell = await blockingViolations(page, 'contrast-shell');
    assert.equal(shell.length, 1, shell.join('\n'));
    assert.match(shell[0], /serious color-contrast.*header/, 'the faint header text, and not the faint text in main');
  } finally {
    await page.context().close();
  }
});

test('the text alternative of a drawing: a table for a small matrix, row summaries for a large one', async () => {
  const page = await openPage(site.browser, { viewport: VIEWPORTS.desktop });
  try {
    const first = manifest.chapters.find((chapter) => chapter.versions.en?.liveExamples?.length) ?? manifest.chapters[0];
    await page.goto(site.server.url + formatRoute('en', first.slug));
    await page.waitForSelector('.chapter-body:not([aria-busy])');
    await page.evaluate(() => customElements.whenDefined('live-example'));
    const code = [
      "show.heatmap([[0.1, 0.9], [-Infinity, 1]], { rowLabels: ['a', 'b'], colLabels: ['x', 'y'], title: 'small' });",
      "show.tokens([[0.25, 0.75], [1, 0]], ['I', 'am']);",
      'const big = []; for (let r = 0; r < 30; r += 1) big.push(Array.from({ length: 30 }, (_, c) => (c === (r * 7) % 30 ? 5 : 0)));',
      "show.heatmap(big, { title: 'big' });",
    ].join('\n');
    const alternatives = await page.evaluate(async (code) => {
      const element = document.createElement('live-example');
      element.setAttribute('example-id', 'text-alternatives');
      element.setAttribute('lang', 'en');
      const script = document.createElement('script');
      script.type = 'text/plain';
      script.textContent = code;
      element.append(script);
      document.querySelector('main').append(element);
      await element.run();
      return [...element.shadowRoot.querySelectorAll('svg.heatmap, svg.tokens')].map((svg) => {
        const target = element.shadowRoot.getElementById(svg.getAttribute('aria-describedby'));
        return {
          tag: target.querySelector('table') ? 'table' : 'summaries',
          caption: target.querySelector('caption, p')?.textContent,
          rows: [...target.querySelectorAll('tr, li')].map((row) => [...row.children].map((cell) => cell.textContent).join('|') || row.textContent),
        };
      });
    }, code);
    assert.deepEqual(alternatives[0], {
      tag: 'table', caption: 'small — Heatmap values: rows by columns', rows: ['|x|y', 'a|0.1|0.9', 'b|masked (−∞)|1'],
    });
    assert.deepEqual(alternatives[1].rows, ['|I|am', 'I|0.25|0.75', 'am|1|0']);
    assert.equal(alternatives[2].tag, 'summaries', '900 cells are summarised, not tabulated');
    assert.equal(alternatives[2].rows.length, 30);
    assert.equal(alternatives[2].rows[3], 'Row 3: largest value 5, in column 21.');
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});
