// The speed explorer (lab kind "complexity", chapter 7) in the built site, driven like a learner: run it
// from the keyboard at small n, read the table (the plots' text alternative), the slopes and the agreement
// note, copy the results, stop a long run halfway and run again. Screenshots in both languages, light and
// dark, and at 375 px go to test-results/screenshots/complexity-*.png. Needs dist/ (npx vite build).
// Takes about 40 s. No timing is asserted (this machine is shared); scratch memory is deterministic.
import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { artifactsDir, launchBrowser, openPage, repoRoot, startStaticServer } from './harness.mjs';

const distDir = path.join(repoRoot, 'dist');
const screenshotsDir = path.join(artifactsDir, 'screenshots');
if (!(await stat(path.join(distDir, 'index.html')).catch(() => null))) {
  throw new Error('dist/index.html is missing: build the site first (npx vite build)');
}

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

/** Opens chapter 7 in `lang` and waits for the explorer to be ready; returns { page, lab }. */
async function openExplorer(lang, options = {}) {
  const page = await openPage(browser, { viewport: { width: 1100, height: 900 }, ...options });
  await page.goto(`${server.url}#/${lang}/07-strengths-and-weaknesses`);
  const lab = page.locator('workshop-lab[kind="complexity"]');
  await lab.scrollIntoViewIfNeeded({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('workshop-lab[kind="complexity"]')?.dataset.state === 'ready', null, { timeout: 30_000 });
  return { page, lab };
}

/** Runs the explorer up to `largest` with the keyboard and waits until it has finished. */
async function runTo(page, lab, largest) {
  await lab.locator('select[name="largest"]').selectOption(String(largest));
  await lab.locator('.run-button').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => {
    const root = document.querySelector('workshop-lab[kind="complexity"]').shadowRoot;
    return !root.querySelector('.run-button').disabled;
  }, null, { timeout: 120_000 });
}

test('a learner runs the explorer, reads the numbers, copies them, and stops a long run', async () => {
  const { page, lab } = await openExplorer('en');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  assert.equal(await page.evaluate(() => crossOriginIsolated), false, 'served without COOP/COEP');
  await runTo(page, lab, 512);
  assert.match(await lab.locator('.lab-progress').textContent(), /^Done in [\d.]+ s\.$/);

  // The table: one row per n, one column per engine, every cell "ms, GFLOP/s, memory" (or "—" for the pool's memory).
  const header = await lab.locator('table.results thead th').allTextContents();
  assert.deepEqual(header, ['n', 'plain JavaScript', 'wasm scalar', 'SIMD naive', 'SIMD tiled', 'worker pool (tiled)']);
  const rows = await lab.locator('table.results tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
  assert.deepEqual(rows.map((row) => row[0]), ['64', '128', '256', '512']);
  for (const row of rows) {
    for (const cell of row.slice(1, 5)) assert.match(cell, /^[\d.]+ ms[\d.]+ GFLOP\/s[\d.]+ (KiB|MiB)$/, `cell ${cell}`);
    assert.match(row[5], /^[\d.]+ ms[\d.]+ GFLOP\/s—$/);
  }
  // Extra memory is counted, not timed: plain JavaScript's n × n matrix has slope 2 exactly; the core's naive
  // scratch approaches n² (packed panels of size n·d blur it at small n); tiled scratch stops growing.
  const slopeOf = async (engine) => lab.locator(`.slope-list li[data-engine="${engine}"]`).textContent();
  const memorySlope = (line) => Number(/memory ([\d.]+)/.exec(line)[1]);
  assert.equal(memorySlope(await slopeOf('js')), 2);
  const naive = memorySlope(await slopeOf('naive'));
  const tiled = memorySlope(await slopeOf('tiled'));
  assert.ok(naive > 1.2 && tiled < 0.7 && naive - tiled > 0.6, `memory slopes: naive ${naive}, tiled ${tiled}`);
  assert.match(await slopeOf('pool'), /^worker pool \(tiled\): time [\d.−-]+$/);
  const agreement = await lab.locator('.agreement').textContent();
  assert.ok(Number(/at most ([\d.e+−-]+)/.exec(agreement)[1].replace('−', '-')) < 1e-4, agreement);
  assert.match(await lab.locator('.environment').textContent(), /^Worker pool: \d+ workers, .*cross-origin isolated: no/);
  assert.equal(await lab.locator('figure.view-plot').count(), 3, 'time, memory and GFLOP/s plots');
  const unlabelled = await lab.evaluate((element) => [...element.shadowRoot.querySelectorAll('svg')].filter((svg) => !svg.closest('svg[role="img"][aria-label]')).length);
  assert.equal(unlabelled, 0, 'every drawing is a labelled image (the table below gives its numbers)');

  // Copy results: tab-separated, one line per n.
  await lab.locator('.copy-button').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const lines = copied.trim().split('\n');
  assert.match(lines[0], /^# Attention Workshop speed explorer: 4 heads, d = 64/);
  assert.equal(lines[2], 'n\tjs\tscalar\tnaive\ttiled\tpool');
  assert.deepEqual(lines.slice(3, 7).map((line) => line.split('\t')[0]), ['64', '128', '256', '512']);
  assert.match(lines.at(-1), /^slope \(memory\)\t/);

  // Stop during a long run: the numbers so far stay, and a new run works.
  await lab.locator('select[name="largest"]').selectOption('4096');
  await lab.locator('.run-button').click();
  await page.waitForFunction(() => document.querySelector('workshop-lab[kind="complexity"]').shadowRoot.querySelectorAll('table.results tbody tr').length >= 2, null, { timeout: 60_000 });
  await lab.locator('.stop-button').click();
  assert.equal(await lab.locator('.lab-progress').textContent(), 'Stopped. The numbers measured so far stay below.');
  assert.equal(await lab.locator('.run-button').isEnabled(), true);
  assert.ok(await lab.locator('table.results tbody tr').count() >= 2);
  // Only the SIMD naive engine this time, chosen from the keyboard (Space toggles a checkbox).
  for (const engine of ['js', 'scalar', 'tiled', 'pool']) {
    await lab.locator(`input[value="${engine}"]`).focus();
    await page.keyboard.press('Space');
  }
  await runTo(page, lab, 256);
  assert.deepEqual(await lab.locator('table.results thead th').allTextContents(), ['n', 'SIMD naive']);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

for (const [lang, colorScheme, viewport] of [['en', 'light', null], ['zh', 'dark', null], ['zh', 'light', { width: 375, height: 800 }], ['en', 'dark', { width: 375, height: 800 }]]) {
  const label = `${lang}-${colorScheme}${viewport ? '-phone' : ''}`;
  test(`screenshot after a run: ${label}`, async () => {
    const { page, lab } = await openExplorer(lang, { colorScheme, ...(viewport ? { viewport } : {}) });
    await runTo(page, lab, 256);
    if (viewport) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page does not scroll sideways at 375 px (overflow ${overflow}px)`);
    }
    await lab.screenshot({ path: path.join(screenshotsDir, `complexity-${label}.png`) });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}
