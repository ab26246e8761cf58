// Browser tests of the labs (web/src/labs/) on the built site (dist/): each lab is driven like a learner — clicks,
// drags, keys, sliders — and the numbers it shows are checked against the attention core run here in Node (the
// same wasm build the page runs). Screenshots of every lab (zh/en, light/dark, 375 px) go to test-results/labs/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createAttention } from 'attention-workshop';
import { artifactsDir, launchBrowser, openPage, repoRoot, startStaticServer } from './harness.mjs';

const distDir = path.join(repoRoot, 'dist');
const shotsDir = path.join(artifactsDir, 'labs');
const CHAPTER = '02-core-principles';

if (!(await stat(path.join(distDir, 'index.html')).catch(() => null))) {
  throw new Error('dist/index.html is missing: build the site first (npx vite build)');
}

let server;
let browser;
let attn;

before(async () => {
  await mkdir(shotsDir, { recursive: true });
  [server, browser, attn] = await Promise.all([startStaticServer(distDir), launchBrowser(), createAttention()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a chapter and waits until every lab on it is ready; returns the page. */
async function openChapter({ lang = 'en', chapter = CHAPTER, theme = 'light', viewport = { width: 1100, height: 900 }, ...options } = {}) {
  const page = await openPage(browser, { viewport, colorScheme: theme, ...options });
  await page.goto(`${server.url}#/${lang}/${chapter}`);
  await page.waitForFunction(() => {
    const labs = [...document.querySelectorAll('workshop-lab')];
    return labs.length > 0 && labs.every((lab) => lab.dataset.state === 'ready' || lab.dataset.state === 'error');
  }, null, { timeout: 30_000 });
  const failed = await page.$$eval('workshop-lab[data-state="error"]', (labs) => labs.map((lab) => lab.shadowRoot.textContent));
  assert.deepEqual(failed, [], 'no lab failed to load');
  return page;
}

/** A locator inside the lab of `kind` (Playwright's CSS locators pierce open shadow roots). */
const inLab = (page, kind, selector) => page.locator(`workshop-lab[kind="${kind}"]`).locator(selector);

const closeEnough = (actual, expected, tolerance, what) => {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected} (tolerance ${tolerance})`);
};

describe('mask composer', () => {
  const maskOf = (page) => inLab(page, 'mask-composer', 'button.mask-cell').evaluateAll((cells) => {
    const rows = [];
    for (const cell of cells) (rows[Number(cell.dataset.i)] ??= [])[Number(cell.dataset.j)] = cell.getAttribute('aria-pressed') === 'true' ? 1 : 0;
    return rows;
  });
  /** The weights the core gives for the lab's seeded inputs (seed 1, d = 8) and `mask`. */
  const coreWeights = (mask) => {
    const [lq, lk] = [mask.length, mask[0].length];
    const q = attn.random.normal([lq, 8], { seed: 1 });
    const k = attn.random.normal([lk, 8], { seed: 2 });
    const v = attn.random.normal([lk, 8], { seed: 3 });
    return attn.scaledDotProductAttention(q, k, v, { mask }).weights;
  };
  /** The numbers printed in the weights heatmap, row by row. */
  const shownWeights = async (page, lk) => {
    const texts = await inLab(page, 'mask-composer', '.view-slot:nth-child(2) text.cell-value').allTextContents();
    return Array.from({ length: texts.length / lk }, (_, i) => texts.slice(i * lk, (i + 1) * lk).map(Number));
  };
  const assertShownMatchesCore = async (page) => {
    const mask = await maskOf(page);
    const expected = coreWeights(mask).toArray();
    const shown = await shownWeights(page, mask[0].length);
    assert.equal(shown.length, mask.length);
    shown.forEach((row, i) => row.forEach((w, j) => closeEnough(w, expected[i][j], 0.005 + 1e-9, `weight [${i}][${j}]`)));
    return mask;
  };

  test('starts causal (4 × 6, aligned bottom-right as the core does) and shows the core\'s weights', async () => {
    const page = await openChapter();
    try {
      const mask = await assertShownMatchesCore(page);
      assert.deepEqual(mask, Array.from({ length: 4 }, (_, i) => Array.from({ length: 6 }, (_, j) => (j <= i + 2 ? 1 : 0))));
      assert.deepEqual(page.problems, []);
    } finally { await page.context().close(); }
  });

  test('click toggles a cell, a drag hides a whole row, and that row shows the core\'s zeros beside NaN', async () => {
    const page = await openChapter();
    try {
      const cell = (i, j) => inLab(page, 'mask-composer', `button.mask-cell[data-i="${i}"][data-j="${j}"]`);
      await cell(0, 5).click();
      assert.equal(await cell(0, 5).getAttribute('aria-pressed'), 'true');
      await assertShownMatchesCore(page);

      // Drag along row 2, which starts with keys 0–4 visible: pressing on a visible cell paints "hidden".
      const from = await cell(2, 0).boundingBox();
      const to = await cell(2, 5).boundingBox();
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
      await page.mouse.up();
      const mask = await assertShownMatchesCore(page);
      assert.deepEqual(mask[2], [0, 0, 0, 0, 0, 0], 'the dragged row is hidden');
      assert.deepEqual(mask[1], [1, 1, 1, 1, 0, 0], 'the other rows are untouched');

      const core = await inLab(page, 'mask-composer', 'tr[data-row="2"][data-source="core"] td').allTextContents();
      const plain = await inLab(page, 'mask-composer', 'tr[data-row="2"][data-source="plain"] td').allTextContents();
      assert.deepEqual(core, ['0', '0', '0', '0', '0', '0']);
      assert.deepEqual(plain, ['NaN', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN']);
      assert.deepEqual(Array.from(coreWeights(mask).data.slice(12, 18)), [0, 0, 0, 0, 0, 0]);
      assert.deepEqual(page.problems, []);
    } finally { await page.context().close(); }
  });

  test('the grid works from the keyboard: one tab stop, arrow keys move, Space toggles', async () => {
    const page = await openChapter();
    try {
      const tabStops = await inLab(page, 'mask-composer', 'button.mask-cell[tabindex="0"]').count();
      assert.equal(tabStops, 1, 'a roving tab stop');
      await inLab(page, 'mask-composer', 'button.mask-cell[data-i="0"][data-j="0"]').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      const focused = () => page.evaluate(() => {
        const active = document.querySelector('workshop-lab[kind="mask-composer"]').shadowRoot.activeElement;
        return `${active.dataset.i},${active.dataset.j},${active.getAttribute('aria-pressed')}`;
      });
      assert.equal(await focused(), '1,3,true');
      await page.keyboard.press('Space');
      assert.equal(await focused(), '1,3,false');
      await page.keyboard.press('End');
      assert.equal(await focused(), '1,5,false');
      const mask = await assertShownMatchesCore(page);
      assert.deepEqual(mask[1], [1, 1, 1, 0, 0, 0]);
    } finally { await page.context().close(); }
  });

  test('presets: padding, sliding window and causal with Lq < Lk come from the core\'s masks', async () => {
    const page = await openChapter();
    try {
      const lab = (selector) => inLab(page, 'mask-composer', selector);
      await lab('input[type=number] >> nth=2').fill('2');
      await lab('input[type=number] >> nth=2').press('Enter');
      await lab('button[data-preset="padding"]').click();
      assert.deepEqual(await maskOf(page), Array.from({ length: 4 }, () => [1, 1, 0, 0, 0, 0]));
      await assertShownMatchesCore(page);

      await lab('input[type=number] >> nth=1').fill('4'); // Lk = 4, a square grid
      await lab('input[type=number] >> nth=1').press('Enter');
      await lab('button[data-preset="window"]').click();
      assert.deepEqual(await maskOf(page), attn.masks.slidingWindow(4, 2).toArray().map((row) => row.map(Number)));
      await assertShownMatchesCore(page);

      // From a square grid, "Causal, Lq < Lk" adds keys (Lk = Lq + 3) and applies the core's causal mask.
      await lab('button[data-preset="causal"] >> nth=1').click();
      const mask = await assertShownMatchesCore(page);
      assert.deepEqual(mask, attn.masks.causal(4, 7).toArray().map((row) => row.map(Number)));
      assert.deepEqual(mask[0], [1, 1, 1, 1, 0, 0, 0], 'query 0 sees keys up to 0 + (7 − 4)');
      assert.deepEqual(page.problems, []);
    } finally { await page.context().close(); }
  });

  test('"Copy as code" gives an attn call that, run as a live example, reproduces the weights exactly', async () => {
    const page = await openChapter({ permissions: ['clipboard-read', 'clipboard-write'] });
    try {
      const cell = (i, j) => inLab(page, 'mask-composer', `button.mask-cell[data-i="${i}"][data-j="${j}"]`);
      await cell(3, 0).click();
      await cell(0, 4).click();
      await inLab(page, 'mask-composer', 'button.copy-code').click();
      await inLab(page, 'mask-composer', 'p[role=status]').filter({ hasText: 'copied' }).waitFor();
      const code = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(code, await inLab(page, 'mask-composer', 'pre.code').textContent());
      assert.match(code, /attn\.scaledDotProductAttention\(q, k, v, \{ mask \}\)/);

      // Run the copied code in a real <live-example>, printing the weights at full precision.
      const printed = await page.evaluate(async (snippet) => {
        const example = document.createElement('live-example');
        example.setAttribute('example-id', 'copied-mask');
        example.setAttribute('lang', 'en');
        example.setAttribute('autorun', '');
        const script = document.createElement('script');
        script.type = 'text/plain';
        script.textContent = `${snippet}\nconsole.log('weights = ' + JSON.stringify(Array.from(weights.data)));`;
        example.append(script);
        const finished = new Promise((resolve) => example.addEventListener('live-example-run-end', resolve, { once: true }));
        document.querySelector('.chapter-body').append(example);
        await finished;
        const texts = [...example.shadowRoot.querySelectorAll('.output pre')].map((pre) => pre.textContent);
        return texts.find((text) => text.startsWith('weights = ')).slice('weights = '.length);
      }, code);
      const mask = await maskOf(page);
      assert.deepEqual(JSON.parse(printed), Array.from(coreWeights(mask).data));
      assert.deepEqual(page.problems, []);
    } finally { await page.context().close(); }
  });
});
