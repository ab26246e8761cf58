// Shared set-up for the browser tests: a static server on 127.0.0.1 and Debian's headless Chromium
// driven by playwright-core. No test tool downloads a browser of its own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifactsDir = path.join(repoRoot, 'test-results');

// The project's one static server (also used by `npm start` and scripts/measure-site.mjs): serves a folder as a
// plain static host would (no COOP/COEP headers, no rewriting) on a free port of 127.0.0.1.
import { startStaticServer } from '../../scripts/static-server.mjs';

export { startStaticServer };

/** Debian's Chromium, or CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Launches headless Chromium with the flags this sandboxed, offline machine needs. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * Opens a page that records console errors and uncaught page errors into `page.problems`,
 * so a test can assert that none happened.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.problems.push(`console.error: ${msg.text()}`); });
  page.on('pageerror', (err) => page.problems.push(`page error: ${err.message}`));
  return page;
}

/**
 * Registers node:test hooks that serve `dir` with the static server and launch Chromium before the file's tests and
 * close both after them. Returns an object whose `server` and `browser` are set once the tests run.
 */
export function serveAndLaunch(dir) {
  const site = { server: null, browser: null };
  before(async () => {
    site.server = await startStaticServer(dir);
    site.browser = await launchBrowser();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/**
 * A screenshot of the page from its top, at most `maxHeight` CSS pixels tall (AW_FULL_SCREENSHOTS=1: the whole page),
 * taken by growing the viewport rather than with Playwright's `fullPage` mode. Why both: rendering a long chapter
 * in full costs Chromium here (software rendering) about 10 s per shot, for `fullPage` and a tall viewport alike —
 * 11 s for the 56,000 px of chapter 5, more than half of the site test's time — while the first 10,000 px cost
 * about 1 s and show the header, the navigation and the opening sections, which is what a reviewer looks at first.
 * Parts sized by 100vh (the navigation column) stretch to the new height. The viewport is restored afterwards.
 */
export async function screenshotPageTop(page, file, { maxHeight = 10_000 } = {}) {
  const viewport = page.viewportSize();
  const pageHeight = await page.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
  const height = process.env.AW_FULL_SCREENSHOTS === '1' ? pageHeight : Math.min(pageHeight, maxHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  try {
    await page.evaluate(() => new Promise((resolve) => { requestAnimationFrame(() => requestAnimationFrame(resolve)); }));
    await page.screenshot({ path: file, timeout: 120_000 });
  } finally {
    await page.setViewportSize(viewport);
  }
}
