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
      // The causal start is written with the shortcut.
      await inLab(page, 'mask-composer', 'button.copy-code').click();
      await inLab(page, 'mask-composer', 'p[role=status]').filter({ hasText: 'copied' }).waitFor();
      assert.match(await page.evaluate(() => navigator.clipboard.readText()), /attn\.scaledDotProductAttention\(q, k, v, \{ causal: true \}\)/);
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

describe('one query row, step by step', () => {
  /** The core's weights and output of the lab's seeded inputs (seed 7; d = 4, dv = 3), causal or not. */
  const core = (L, causal) => {
    const q = attn.random.normal([L, 4], { seed: 7 });
    const k = attn.random.normal([L, 4], { seed: 8 });
    const v = attn.random.normal([L, 3], { seed: 9 });
    return attn.scaledDotProductAttention(q, k, v, { causal });
  };
  const column = (page, name) => inLab(page, 'query-steps', `td[data-col="${name}"]`).evaluateAll((cells) => cells.map((cell) => Number(cell.dataset.value)));

  test('stepping with buttons and arrow keys shows each step\'s numbers, formula term and kernel lines; the weights and output match the core', async () => {
    const page = await openChapter();
    try {
      const lab = (selector) => inLab(page, 'query-steps', selector);
      await lab('button[data-row="3"]').click(); // the query token "on"
      assert.equal(await lab('button[data-row="3"]').getAttribute('aria-pressed'), 'true');
      const L = await lab('button[data-row]').count();

      // Step 1: the dot products q·k_j of every key; then the keyboard: Next with Enter, ← → in the step bar.
      const dots = await column(page, 'dot');
      const q = attn.random.normal([L, 4], { seed: 7 }).toArray()[3];
      const keys = attn.random.normal([L, 4], { seed: 8 }).toArray();
      dots.forEach((value, j) => closeEnough(value, keys[j].reduce((s, kj, t) => s + kj * q[t], 0), 1e-5, `q·k_${j}`));
      await lab('button.step-next').focus();
      await page.keyboard.press('Enter');
      assert.equal(await lab('.formula').getAttribute('data-step'), 'scale');
      await lab('button[aria-current="step"]').focus();
      for (let i = 0; i < 6; i += 1) await page.keyboard.press('ArrowRight');
      assert.equal(await lab('.formula').getAttribute('data-step'), 'divide');
      assert.match(await lab('.step-label').textContent(), /Step 8 of 9/);

      // The highlighted term is the one of this step, and it is visibly marked.
      const highlight = await lab('.formula .aw-step-divide >> nth=0').evaluate((node) => getComputedStyle(node).backgroundColor);
      assert.notEqual(highlight, 'rgba(0, 0, 0, 0)');
      const other = await lab('.formula .aw-step-exp >> nth=0').evaluate((node) => getComputedStyle(node).backgroundColor);
      assert.equal(other, 'rgba(0, 0, 0, 0)');
      assert.match(await lab('figure.kernel pre').textContent(), /scale_row\(row, n, 1\.f \/ sum, row\);/);

      // Causal: keys after "on" are masked (−∞ → weight 0); the weights equal the core's row 3.
      const expected = core(L, true).weights.toArray()[3];
      const weights = await column(page, 'divide');
      weights.forEach((w, j) => closeEnough(w, expected[j], 1e-6, `w_${j}`));
      assert.deepEqual(weights.slice(4), expected.slice(4).map(() => 0));
      const masked = await column(page, 'mask');
      assert.deepEqual(masked.slice(4), masked.slice(4).map(() => -Infinity));

      await lab('button.step-next').click();
      const output = await lab('tr[data-row="output"] td').evaluateAll((cells) => cells.map((cell) => Number(cell.dataset.value)));
      core(L, true).output.toArray()[3].forEach((o, c) => closeEnough(output[c], o, 1e-5, `o[${c}]`));
      assert.equal(await lab('button.step-next').isDisabled(), true, 'the last step has no Next');

      // Without the causal mask every key gets weight; Back goes to the division again.
      await lab('input[type=checkbox]').uncheck();
      await lab('button.step-back').click();
      const unmasked = await column(page, 'divide');
      core(L, false).weights.toArray()[3].forEach((w, j) => closeEnough(unmasked[j], w, 1e-6, `unmasked w_${j}`));
      assert.ok(unmasked.every((w) => w > 0));
      assert.deepEqual(page.problems, []);
    } finally { await page.context().close(); }
  });
});

describe('score functions side by side', () => {
  const inputs = (d) => ({
    q: attn.random.normal([4, d], { seed: 11 }),
    k: attn.random.normal([6, d], { seed: 12 }),
    v: attn.random.normal([6, 1], { seed: 13 }),
  });
  const rowsOf = (t, cols = 6) => Array.from({ length: t.length / cols }, (_, i) => Array.from(t.slice(i * cols, (i + 1) * cols)));
  const stats = (page, method) => inLab(page, 'score-functions', `tr[data-method="${method}"] td`)
    .evaluateAll((cells) => cells.map((cell) => ({ entropy: Number(cell.dataset.entropy), max: Number(cell.dataset.max) })));
  const entropy = (row) => row.reduce((h, w) => (w > 0 ? h - w * Math.log(w) : h), 0);
  /** Sparsemax by bisection on the threshold τ (Σ max(z − τ, 0) = 1), independent of the lab's sort-based one. */
  const sparsemaxByBisection = (z) => {
    let [lo, hi] = [Math.min(...z) - 1, Math.max(...z)];
    for (let i = 0; i < 200; i += 1) {
      const tau = (lo + hi) / 2;
      if (z.reduce((s, x) => s + Math.max(x - tau, 0), 0) > 1) lo = tau; else hi = tau;
    }
    return z.map((x) => Math.max(x - (lo + hi) / 2, 0));
  };

  test('sliders for d, temperature and k change the weights; entropy and largest weight match the core', async () => {
    const page = await openChapter();
    try {
      const lab = (selector) => inLab(page, 'score-functions', selector);
      // d = 64 (keyboard: two steps right from 16), T = 0.5 (one step left from 1), k = 3.
      await lab('input[name="d"]').focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await lab('input[name="temperature"]').focus();
      await page.keyboard.press('ArrowLeft');
      await lab('input[name="topK"]').focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(await lab('output >> nth=0').textContent(), 'd = 64');
      assert.equal(await lab('output >> nth=1').textContent(), 'T = 0.5');
      assert.equal(await lab('output >> nth=2').textContent(), 'k = 3');

      const { q, k, v } = inputs(64);
      const check = async (method, weights, tolerance = 1e-5) => {
        const shown = await stats(page, method);
        rowsOf(weights).forEach((row, i) => {
          closeEnough(shown[i].max, Math.max(...row), tolerance, `${method} max, row ${i}`);
          closeEnough(shown[i].entropy, entropy(row), 1e-4, `${method} entropy, row ${i}`);
        });
      };
      const scaled = attn.scores.scaledDot(q, k);
      await check('dot', attn.softmax(attn.scores.dot(q, k), { temperature: 0.5 }).data);
      await check('scaled-dot', attn.softmax(scaled, { temperature: 0.5 }).data);
      const topK = attn.hardAttention(q, k, v, { topK: 3, scale: 1 / (8 * 0.5) }).weights.data;
      await check('top-k', topK);
      rowsOf(topK).forEach((row) => assert.equal(row.filter((w) => w > 0).length, 3));
      const sparse = rowsOf(scaled.data).flatMap((row) => sparsemaxByBisection(row.map((s) => s / 0.5)));
      await check('sparsemax', sparse, 1e-5);

      // At d = 64 unscaled dot scores are far sharper than scaled ones: lower entropy in every row.
      const [dot, scaledDot] = [await stats(page, 'dot'), await stats(page, 'scaled-dot')];
      dot.forEach((row, i) => assert.ok(row.entropy < scaledDot[i].entropy, `row ${i}`));
      // Linear attention ignores T: moving the temperature leaves it unchanged.
      const linearBefore = await stats(page, 'linear');
      await lab('input[name="temperature"]').focus();
      await page.keyboard.press('End');
      assert.deepEqual(await stats(page, 'linear'), linearBefore);
      assert.deepEqual(page.problems, []);
    } finally { await page.context().close(); }
  });
});

describe('stability lab', () => {
  const cell = (page, method, dtype) => inLab(page, 'stability', `tr[data-method="${method}"][data-dtype="${dtype}"]`).first();
  const values = (row) => row.locator('td[data-value]').evaluateAll((cells) => cells.map((c) => Number(c.dataset.value)));
  const problemsOf = (row) => row.locator('td[data-problems]').getAttribute('data-problems');

  test('the magnitude slider shows where naive softmax overflows, max-subtraction underflows and log-sum-exp stays finite', async () => {
    const page = await openChapter();
    try {
      const lab = (selector) => inLab(page, 'stability', selector).first();
      // s = 10: all fine; the core's float32 softmax equals the max-subtracted float32 row.
      const core = await lab('tr[data-method="core"]').locator('td[data-value]').evaluateAll((cells) => cells.map((c) => [Number(c.dataset.value), Number(c.dataset.log)]));
      const stable32 = await values(cell(page, 'stable', 'float32'));
      const lse32 = await values(cell(page, 'logSumExp', 'float32'));
      const x = [10, 5, 0, -5, -10];
      const expected = attn.softmax(x).data;
      const expectedLog = attn.logSoftmax(x).data;
      core.forEach(([w, log], i) => { closeEnough(w, expected[i], 1e-7, `core w${i}`); closeEnough(log, expectedLog[i], 1e-5, `core log w${i}`); });
      stable32.forEach((w, i) => closeEnough(w, expected[i], 1e-6, `max-subtracted f32 w${i}`));
      lse32.forEach((l, i) => closeEnough(l, expectedLog[i], 1e-5, `log-sum-exp f32 log w${i}`));
      assert.equal(await problemsOf(cell(page, 'naive', 'float32')), '');

      // The learner drags to the top (End): s ≈ 3162.
      await lab('input[name="magnitude"]').focus();
      await page.keyboard.press('End');
      assert.equal(await problemsOf(cell(page, 'naive', 'float32')), 'overflow nan underflow');
      assert.equal(await problemsOf(cell(page, 'naive', 'float64')), 'overflow nan underflow');
      assert.equal(await problemsOf(cell(page, 'stable', 'float32')), 'underflow');
      assert.equal(await problemsOf(cell(page, 'logSumExp', 'float64')), '');
      assert.ok((await values(cell(page, 'naive', 'float64'))).some(Number.isNaN));
      const lse = await values(cell(page, 'logSumExp', 'float64'));
      closeEnough(lse[4], -2 * 10 ** 3.5, 1e-6, 'log w of the smallest logit stays finite');

      // Keyboard steps down (PageDown = 10 % of the range) to s ≈ 100: float64 naive is fine again, float32 is not.
      for (let i = 0; i < 3; i += 1) await page.keyboard.press('PageDown');
      const s = Number(await page.locator('workshop-lab[kind="stability"]').first().evaluate((lab) => lab.shadowRoot.querySelector('.lab-body').dataset.magnitude));
      assert.ok(s > 88.73 && s < 372.5, `s = ${s}`);
      assert.equal(await problemsOf(cell(page, 'naive', 'float64')), '');
      assert.match(await problemsOf(cell(page, 'naive', 'float32')), /nan/);

      // The thresholds it reports: ln(FLT_MAX) and ln(DBL_MAX) for the overflow.
      const first = (method, dtype, problem) => lab(`li[data-method="${method}"][data-dtype="${dtype}"][data-problem="${problem}"]`).getAttribute('data-first').then(Number);
      closeEnough(await first('naive', 'float32', 'nan'), Math.log(3.4028234663852886e38), 1e-3, 'float32 overflow');
      closeEnough(await first('naive', 'float64', 'nan'), Math.log(Number.MAX_VALUE), 1e-3, 'float64 overflow');
      // Underflow of exp(−2s) below half the smallest float32 subnormal (2^−150) and float64 subnormal (2^−1075).
      closeEnough(await first('stable', 'float32', 'underflow'), (150 * Math.LN2) / 2, 0.01, 'float32 underflow');
      closeEnough(await first('stable', 'float64', 'underflow'), (1075 * Math.LN2) / 2, 0.01, 'float64 underflow');
      assert.equal(await lab('li[data-method="logSumExp"][data-problem]').count(), 0);
      assert.deepEqual(page.problems, []);
    } finally { await page.context().close(); }
  });

  test('saturation as d grows: the table matches the core, and the d slider names the selected row', async () => {
    const page = await openChapter();
    try {
      const lab = (selector) => inLab(page, 'stability', selector).first();
      for (const d of [4, 1024]) {
        const q = attn.random.normal([32, d], 1);
        const k = attn.random.normal([32, d], 2);
        const scores = attn.scores.dot(q, k);
        const rows = (weights) => Array.from({ length: 32 }, (_, i) => Array.from(weights.data.slice(i * 32, (i + 1) * 32)));
        const measure = (weights) => ({
          largest: rows(weights).reduce((s, r) => s + Math.max(...r), 0) / 32,
          gradient: rows(weights).reduce((s, r) => s + 2 * (1 - r.reduce((t, a) => t + a * a, 0)), 0) / 32 ** 3,
        });
        const raw = measure(attn.softmax(scores));
        const scaled = measure(attn.softmax(scores, { temperature: Math.sqrt(d) }));
        const shown = await lab(`tr[data-d="${d}"]`).locator('td').evaluateAll((cells) => cells.map((c) => Number(c.dataset.value)));
        const mean = scores.data.reduce((a, b) => a + b, 0) / scores.size;
        closeEnough(shown[0], scores.data.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.size, 1e-3, `Var at d = ${d}`);
        closeEnough(shown[1], raw.largest, 1e-6, `largest unscaled at d = ${d}`);
        closeEnough(shown[2], scaled.largest, 1e-6, `largest scaled at d = ${d}`);
        closeEnough(shown[3], raw.gradient, 1e-9, `gradient unscaled at d = ${d}`);
        closeEnough(shown[4], scaled.gradient, 1e-9, `gradient scaled at d = ${d}`);
      }
      // Unscaled, the variance grows with d and the gradient shrinks; scaled, the largest weight stays put.
      await lab('input[name="d"]').focus();
      await page.keyboard.press('Home');
      assert.match(await lab('tr.current').getAttribute('data-d'), /^4$/);
      await page.keyboard.press('End');
      assert.equal(await lab('tr.current').getAttribute('data-d'), '4096');
      assert.match(await lab('.summary >> nth=1').textContent(), /^d = 4096: Var\(q·k\) = /);
      assert.deepEqual(page.problems, []);
    } finally { await page.context().close(); }
  });
});

describe('every lab, in both languages and themes, at phone width', () => {
  const TITLES = {
    zh: { 'mask-composer': '掩码编辑器', 'query-steps': '逐步计算一个查询行', 'score-functions': '评分函数并排比较', stability: '数值稳定性实验', training: '训练实验：看注意力学会' },
    en: { 'mask-composer': 'Mask composer', 'query-steps': 'One query row, step by step', 'score-functions': 'Score functions side by side', stability: 'Stability lab', training: 'Training lab: watch attention learn' },
  };
  /** Checks every lab on the page for `lang`, `theme` and `width` and saves its screenshot. */
  async function checkLabs(page, { lang, theme, width }) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))); // layout settled
    const labs = await page.$$eval('workshop-lab', (elements) => elements.map((lab) => {
      const root = lab.shadowRoot;
      return {
        kind: lab.getAttribute('kind'),
        title: root.querySelector('.lab-title').textContent,
        dark: root.querySelector('.frame').classList.contains('dark'),
        right: lab.getBoundingClientRect().right,
        // Every drawing is inside a labelled role="img" SVG, or hidden from assistive technology beside its text
        // (KaTeX's HTML, whose MathML twin is what screen readers read).
        unlabelledPictures: [...root.querySelectorAll('svg')].filter((svg) => !svg.closest('svg[role="img"][aria-label], [aria-hidden="true"]')).length,
        formulaMath: root.querySelectorAll('.formula math').length,
      };
    }));
    assert.deepEqual(labs.map((lab) => lab.kind).sort(), Object.keys(TITLES.en).sort());
    for (const lab of labs) {
      assert.equal(lab.title, TITLES[lang][lab.kind]);
      assert.equal(lab.dark, theme === 'dark', `${lab.kind} follows the ${theme} theme`);
      assert.ok(lab.right <= width + 1, `${lab.kind} fits the screen (right edge ${lab.right})`);
      assert.equal(lab.unlabelledPictures, 0, `${lab.kind}: every drawing has a text alternative`);
      if (lab.kind === 'query-steps') assert.equal(lab.formulaMath, 2, 'the formula carries MathML for screen readers');
    }
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(pageWidth <= width, `the page is ${pageWidth}px wide on a ${width}px screen`);
    for (const lab of await page.$$('workshop-lab')) {
      await lab.scrollIntoViewIfNeeded();
      await lab.screenshot({ path: path.join(shotsDir, `${await lab.getAttribute('kind')}-${lang}-${theme}-${width}.png`) });
    }
  }

  // One page per language: first at 375 px, then the site's theme switch and a wide window.
  for (const [lang, phoneTheme] of [['zh', 'dark'], ['en', 'light']]) {
    const wideTheme = phoneTheme === 'dark' ? 'light' : 'dark';
    test(`${lang}: titles in the language; at 375 px (${phoneTheme}) and 1100 px (${wideTheme}) the theme is applied, nothing is wider than the screen and every picture is labelled (screenshots in test-results/labs/)`, async () => {
      const page = await openChapter({ lang, theme: phoneTheme, viewport: { width: 375, height: 800 } });
      try {
        await page.addStyleTag({ content: '.site-header { position: static !important; }' }); // keep it out of the shots
        await checkLabs(page, { lang, theme: phoneTheme, width: 375 });
        // The theme switch of the site re-colours the labs without a reload.
        await page.evaluate((next) => { document.documentElement.dataset.theme = next; }, wideTheme);
        await page.setViewportSize({ width: 1100, height: 1000 });
        await checkLabs(page, { lang, theme: wideTheme, width: 1100 });
        assert.deepEqual(page.problems, []);
      } finally { await page.context().close(); }
    });
  }

  test('a chapter without labs loads no lab code; chapter 7 places the stability lab and the speed explorer', async () => {
    const page = await openPage(browser, { viewport: { width: 1100, height: 900 } });
    try {
      await page.goto(`${server.url}#/en/01-what-is-attention`);
      await page.waitForSelector('.chapter-body:not([aria-busy])');
      assert.equal(await page.evaluate(() => customElements.get('workshop-lab')), undefined);
      await page.goto(`${server.url}#/en/07-strengths-and-weaknesses`);
      await page.waitForFunction(() => document.querySelector('workshop-lab')?.dataset.state === 'ready', null, { timeout: 30_000 });
      assert.deepEqual(await page.$$eval('workshop-lab', (labs) => labs.map((lab) => lab.getAttribute('kind'))), ['complexity', 'stability']);
      assert.deepEqual(page.problems, []);
    } finally { await page.context().close(); }
  });
});

describe('bad input to <workshop-lab>', () => {
  test('an unknown kind, bad JSON and a bad option give readable messages; the other labs keep working', async () => {
    const page = await openChapter();
    try {
      const results = await page.evaluate(async () => {
        const make = (attributes) => {
          const lab = document.createElement('workshop-lab');
          for (const [name, value] of Object.entries(attributes)) lab.setAttribute(name, value);
          const settled = new Promise((resolve) => {
            const check = () => (['ready', 'error'].includes(lab.dataset.state) ? resolve() : setTimeout(check, 20));
            check();
          });
          document.querySelector('.chapter-body').append(lab);
          return settled.then(() => ({ state: lab.dataset.state, status: lab.shadowRoot.querySelector('.lab-status')?.textContent ?? '', lab }));
        };
        const unknown = await make({ kind: 'mask-composr', lang: 'en' });
        const badJson = await make({ kind: 'stability', lang: 'zh', config: '{magnitude: 3' });
        const badOption = await make({ kind: 'mask-composer', lang: 'en', config: '{"lq": 20, "colour": "red"}' });
        return {
          unknown: [unknown.state, unknown.status],
          badJson: [badJson.state, badJson.status],
          badOption: [badOption.state, badOption.status, badOption.lab.shadowRoot.querySelectorAll('.mask-row').length],
        };
      });
      assert.equal(results.unknown[0], 'error');
      assert.match(results.unknown[1], /could not be loaded: unknown lab kind "mask-composr"; expected one of mask-composer, query-steps, score-functions, stability/);
      assert.equal(results.badJson[0], 'error');
      assert.match(results.badJson[1], /^实验无法加载：实验选项不是有效的 JSON：/);
      assert.equal(results.badOption[0], 'ready');
      assert.match(results.badOption[1], /option "lq" must be a whole number from 1 to 8, got 20; .*unknown option "colour"|unknown option "colour".*option "lq" must be a whole number from 1 to 8, got 20/);
      assert.equal(results.badOption[2], 1 + 4, 'the default Lq = 4 is used (a header row and 4 query rows)');
      // The chapter's own labs still respond.
      await inLab(page, 'mask-composer', 'button.mask-cell[data-i="0"][data-j="5"] >> nth=0').click();
      assert.equal(await inLab(page, 'mask-composer', 'button.mask-cell[data-i="0"][data-j="5"] >> nth=0').getAttribute('aria-pressed'), 'true');
      assert.deepEqual(page.problems, []);
    } finally { await page.context().close(); }
  });
});

describe('<workshop-lab> removed and put back', () => {
  test('moved within one task it keeps its state; removed for good it empties its shadow root; put back it starts again', async () => {
    const page = await openChapter();
    try {
      const cell = 'button.mask-cell[data-i="0"][data-j="5"] >> nth=0';
      await inLab(page, 'mask-composer', cell).click();
      const states = await page.evaluate(async () => {
        const lab = document.querySelector('workshop-lab[kind="mask-composer"]');
        const place = lab.nextSibling;
        const microtasks = () => new Promise((resolve) => { setTimeout(resolve, 0); });
        lab.remove(); place.before(lab); // a move: removed and put back in the same task
        await microtasks();
        const moved = { state: lab.dataset.state, pressed: lab.shadowRoot.querySelector('button.mask-cell[data-i="0"][data-j="5"]')?.getAttribute('aria-pressed') };
        lab.remove();
        await microtasks();
        const removed = { state: lab.dataset.state ?? null, children: lab.shadowRoot.childNodes.length };
        place.before(lab);
        return { moved, removed };
      });
      assert.deepEqual(states.moved, { state: 'ready', pressed: 'true' }, 'a move keeps the lab and what the learner did in it');
      assert.deepEqual(states.removed, { state: null, children: 0 }, 'removed for good, the lab is torn down');
      await page.waitForFunction(() => document.querySelector('workshop-lab[kind="mask-composer"]').dataset.state === 'ready');
      // Started again from its options: the causal preset, so the top-right cell is hidden again, and clicks work.
      assert.equal(await inLab(page, 'mask-composer', cell).getAttribute('aria-pressed'), 'false');
      await inLab(page, 'mask-composer', cell).click();
      assert.equal(await inLab(page, 'mask-composer', cell).getAttribute('aria-pressed'), 'true');
      assert.deepEqual(page.problems, []);
    } finally { await page.context().close(); }
  });
});
