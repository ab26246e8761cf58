// The training lab in Chromium (built site, dist/): it trains the reverse task live in its worker while the test
// clicks, types and scrolls, and the page's main thread stays free (long tasks and animation-frame gaps are
// measured); the accuracy rises, the maps change and end on the anti-diagonal; Pause, Step, Predict (and a wrong
// prompt), Save and Load work. Screenshots before, during and after training in zh/en, light/dark, 1100 and 375 px
// go to test-results/training-lab/. It prints the wall time to 99 % accuracy in Chromium (issue 10, item 7).
// Chapter 6's translation lab (autoTrain) is checked on the chapter page itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { artifactsDir, launchBrowser, openPage, repoRoot, startStaticServer } from './harness.mjs';

const distDir = path.join(repoRoot, 'dist');
const shotsDir = path.join(artifactsDir, 'training-lab');
const CHAPTER = '02-core-principles';
const LAB = 'workshop-lab[kind="training"]';

if (!(await stat(path.join(distDir, 'index.html')).catch(() => null))) {
  throw new Error('dist/index.html is missing: build the site first (npx vite build)');
}

let server;
let browser;
let savedModel = null; // the file downloaded by the first test, loaded by the second

before(async () => {
  await mkdir(shotsDir, { recursive: true });
  [server, browser] = await Promise.all([startStaticServer(distDir), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens chapter 2 with a recorder of long tasks and animation-frame gaps, and waits for the training lab. */
async function openLab({ lang, theme, width }) {
  const page = await openPage(browser, { viewport: { width, height: 900 }, colorScheme: theme, acceptDownloads: true });
  await page.addInitScript(() => {
    const record = { longTasks: [], frameGaps: [], measuring: false };
    globalThis.__responsiveness = record;
    new PerformanceObserver((list) => {
      if (record.measuring) for (const entry of list.getEntries()) record.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    let last = null;
    const frame = (time) => {
      if (record.measuring && last !== null) record.frameGaps.push(time - last);
      last = time;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.goto(`${server.url}#/${lang}/${CHAPTER}`);
  const lab = page.locator(LAB);
  await lab.scrollIntoViewIfNeeded();
  await page.waitForFunction((selector) => document.querySelector(selector)?.dataset.state === 'ready', LAB, { timeout: 30_000 });
  // Ready once the worker has made the model and drawn the first (untrained) maps.
  await lab.locator('.strongest-keys').filter({ hasText: /\S/ }).waitFor({ timeout: 60_000 });
  return { page, lab };
}

const labData = (page) => page.$eval(LAB, (element) => {
  const body = element.shadowRoot.querySelector('.lab-body');
  return {
    step: Number(body.dataset.step ?? 0),
    training: body.dataset.training,
    bestHeadHits: Number(body.dataset.bestHeadHits ?? -1),
    heldOutAccuracy: Number(body.dataset.heldOutAccuracy ?? 0),
    heldOutStep: Number(body.dataset.heldOutStep ?? 0),
  };
});

test('en: trains reverse live with the page responsive; accuracy rises, maps change; pause, step, predict, save', { timeout: 300_000 }, async () => {
  const { page, lab } = await openLab({ lang: 'en', theme: 'light', width: 1100 });
  await lab.screenshot({ path: path.join(shotsDir, 'en-light-1100-before.png') });
  const before = await lab.locator('.strongest-keys').textContent();
  assert.match(await lab.locator('.size-note, .note').first().textContent(), /\S/);
  assert.equal(await lab.locator('svg.heatmap').count(), 1, 'one heatmap');
  assert.match(await lab.locator('svg.heatmap').getAttribute('aria-label'), /Heatmap, 12 rows by 12 columns/);

  // Train, and act like a learner while it does: pick heads and layers, type, scroll.
  await page.evaluate(() => { globalThis.__responsiveness.measuring = true; });
  const started = Date.now();
  await lab.locator('button[data-action="train"]').click();
  await page.waitForFunction((selector) => document.querySelector(selector).shadowRoot.querySelector('.lab-body').dataset.training === 'running', LAB);
  let reached = null;
  let duringShot = false;
  let screenshotMs = 0;
  let interactions = 0;
  while (Date.now() - started < 240_000) {
    const radios = lab.locator('.head-picker button[role="radio"]');
    await radios.nth(interactions % 4).click();
    await lab.locator('select[name="layer"]').selectOption(String(interactions % 2));
    await lab.locator('input[name="prompt"]').fill(String(123456 + interactions).slice(0, 6));
    await page.mouse.wheel(0, interactions % 2 ? 300 : -300);
    interactions += 1;
    const { step, training, heldOutAccuracy, heldOutStep } = await labData(page);
    if (!duringShot && step >= 40) {
      // A screenshot is itself a long main-thread task: it is left out of the measurement.
      const shotStart = Date.now();
      await page.evaluate(() => { globalThis.__responsiveness.measuring = false; });
      await lab.scrollIntoViewIfNeeded();
      await lab.screenshot({ path: path.join(shotsDir, 'en-light-1100-during.png') });
      await page.evaluate(() => { globalThis.__responsiveness.measuring = true; });
      screenshotMs += Date.now() - shotStart;
      duringShot = true;
    }
    // Seen at the end of a round of interactions: the time is an upper bound; the step is the evaluation's own.
    if (!reached && heldOutAccuracy >= 0.99) reached = { step: heldOutStep, seconds: (Date.now() - started - screenshotMs) / 1000 };
    // Keep interacting for a while after 99 % too: the lab goes on training up to its step limit.
    if ((reached && interactions >= 8) || training !== 'running') break;
  }
  await page.evaluate(() => { globalThis.__responsiveness.measuring = false; });
  const { longTasks, frameGaps } = await page.evaluate(() => globalThis.__responsiveness);
  const worst = (list) => (list.length ? Math.max(...list) : 0);
  const sortedGaps = [...frameGaps].sort((a, b) => a - b);
  console.log(`Chromium: reverse ${reached ? `reached 99 % held-out token accuracy at step ${reached.step}, seen after ${reached.seconds.toFixed(1)} s` : 'did not reach 99 %'} `
    + `(${interactions} rounds of click/select/type/scroll meanwhile); long tasks: ${longTasks.length}, longest ${worst(longTasks).toFixed(0)} ms; `
    + `animation frames: ${frameGaps.length}, median gap ${sortedGaps[Math.floor(sortedGaps.length / 2)]?.toFixed(1)} ms, longest ${worst(frameGaps).toFixed(0)} ms`);
  assert.ok(reached, 'reverse reached 99 % accuracy on the held-out examples');
  assert.match(await lab.locator('.held-out').textContent(), /256 held-out examples \(drawn apart from the training batches;[^)]*\): accuracy (99\.\d|100\.0) %/);
  assert.ok(interactions >= 8, 'the page answered the learner while training');
  // Training happens in the worker: the main thread is free for a good part of the training time. (Trained on the
  // main thread, the whole run would be long tasks.) The bound is loose and the single longest task only printed:
  // on this shared 2-core machine, with a load average near 28, a redraw that takes ~10 ms on a quiet one took
  // 100–700 ms, and the learner's own clicks redraw the maps too (measured: 5–7 s of long tasks in 11–14 s).
  const busy = longTasks.reduce((sum, d) => sum + d, 0);
  const trainingMs = Date.now() - started - screenshotMs;
  console.log(`Chromium: main thread in long tasks ${(busy / 1000).toFixed(1)} s of ${(trainingMs / 1000).toFixed(1)} s of training`);
  assert.ok(busy < 0.75 * trainingMs, `main thread busy in long tasks ${busy} ms of ${trainingMs} ms`);
  assert.ok(frameGaps.length > 20, 'animation frames kept coming');

  // Pause stops it; Step takes exactly one step.
  await lab.locator('button[data-action="train"]').click();
  await page.waitForFunction((selector) => document.querySelector(selector).shadowRoot.querySelector('.lab-body').dataset.training === 'idle', LAB);
  await page.waitForTimeout(300);
  const paused = (await labData(page)).step;
  await page.waitForTimeout(500);
  assert.equal((await labData(page)).step, paused, 'no steps while paused');
  await lab.locator('button[data-action="step"]').click();
  await page.waitForFunction(([selector, n]) => Number(document.querySelector(selector).shadowRoot.querySelector('.lab-body').dataset.step) === n, [LAB, paused + 1]);

  // The maps changed and the best head now follows the anti-diagonal on all six answer positions; "Show this head"
  // switches the views to it.
  await lab.locator('select[name="layer"]').selectOption('0');
  if (await lab.locator('button[data-action="show-best-head"]').count()) await lab.locator('button[data-action="show-best-head"]').click();
  assert.match(await lab.locator('.strongest-keys').textContent(), /6 of 6 match the expected alignment/);
  const afterText = await lab.locator('.strongest-keys').textContent();
  assert.notEqual(afterText, before, 'the attention maps changed with training');
  assert.equal((await labData(page)).bestHeadHits, 6, await lab.locator('.best-head').textContent());
  assert.match(await lab.locator('.best-head').textContent(), /\(6\/6\)/);

  // Your own input: a right answer, and a wrong prompt refused with what was expected (the model keeps working).
  await lab.locator('input[name="prompt"]').fill('31x');
  await lab.locator('input[name="prompt"]').press('Enter');
  await assert.doesNotReject(lab.locator('.training-message').filter({ hasText: 'expected 6 digits, got 3' }).waitFor({ timeout: 5000 }));
  await lab.locator('input[name="prompt"]').fill('314159');
  await lab.locator('button[data-action="predict"]').click();
  await lab.locator('.prediction').filter({ hasText: '951413' }).waitFor({ timeout: 10_000 });
  assert.match(await lab.locator('.prediction').textContent(), /model: 951413; right answer: 951413\. ✓ correct/);
  await lab.locator('.example-note').filter({ hasText: '314159|' }).waitFor({ timeout: 10_000 });
  await lab.screenshot({ path: path.join(shotsDir, 'en-light-1100-after.png') });

  // Save downloads a model file.
  const [download] = await Promise.all([page.waitForEvent('download'), lab.locator('button[data-action="save"]').click()]);
  savedModel = path.join(shotsDir, 'saved-reverse-model.json');
  await download.saveAs(savedModel);
  const file = JSON.parse(await readFile(savedModel, 'utf8'));
  assert.equal(file.format, 'attention-workshop/training-lab-model');
  assert.equal(file.task, 'reverse');

  // Phone width and the dark theme, trained.
  await page.setViewportSize({ width: 375, height: 800 });
  await lab.scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow} px wider than a 375 px screen`);
  await lab.screenshot({ path: path.join(shotsDir, 'en-light-375-after.png') });
  await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
  await lab.screenshot({ path: path.join(shotsDir, 'en-dark-375-after.png') });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('zh: phone width, dark theme; a saved model loads (a wrong file is refused) and answers right at once', { timeout: 180_000 }, async () => {
  assert.ok(savedModel, 'the first test saved a model');
  const { page, lab } = await openLab({ lang: 'zh', theme: 'dark', width: 375 });
  await lab.screenshot({ path: path.join(shotsDir, 'zh-dark-375-before.png') });
  assert.match(await lab.locator('.lab-title').textContent(), /训练实验/);
  await lab.locator('button[data-action="train"]').click();
  await page.waitForFunction((selector) => Number(document.querySelector(selector).shadowRoot.querySelector('.lab-body').dataset.step) >= 40, LAB, { timeout: 60_000 });
  await lab.screenshot({ path: path.join(shotsDir, 'zh-dark-375-during.png') });
  await lab.locator('button[data-action="train"]').click();

  // A file that is not a model: a clear message, nothing changes.
  await lab.locator('input[type="file"]').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await lab.locator('.training-message').filter({ hasText: 'not a saved model of the training lab' }).waitFor({ timeout: 5000 });

  await lab.locator('input[type="file"]').setInputFiles(savedModel);
  await lab.locator('.training-message').filter({ hasText: '已加载' }).waitFor({ timeout: 30_000 });
  await lab.locator('input[name="prompt"]').fill('271828');
  await lab.locator('input[name="prompt"]').press('Enter');
  await lab.locator('.prediction').filter({ hasText: '828172' }).waitFor({ timeout: 10_000 });
  assert.match(await lab.locator('.prediction').textContent(), /模型：828172；正确答案：828172。✓ 正确/);
  await lab.screenshot({ path: path.join(shotsDir, 'zh-dark-375-after.png') });
  await page.evaluate(() => { document.documentElement.dataset.theme = 'light'; });
  await page.setViewportSize({ width: 1100, height: 900 });
  await lab.screenshot({ path: path.join(shotsDir, 'zh-light-1100-after.png') });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('autoTrain, chapter 6: the translation lab trains translate by itself once on screen and shows the crossing alignment; the induction lab waits off screen', { timeout: 120_000 }, async () => {
  const page = await openPage(browser, { viewport: { width: 1100, height: 900 }, colorScheme: 'light' });
  await page.goto(`${server.url}#/en/06-applications`);
  const translation = page.locator('workshop-lab[lab-id="translation-alignment"]');
  const induction = page.locator('workshop-lab[lab-id="induction-generation"]');
  const body = (lab, name) => lab.evaluate((element, key) => element.shadowRoot.querySelector('.lab-body')?.dataset[key], name);
  await page.waitForFunction(() => [...document.querySelectorAll('workshop-lab[kind="training"]')].every((lab) => lab.dataset.state === 'ready'), null, { timeout: 30_000 });
  await page.waitForTimeout(1000);
  assert.equal(await body(translation, 'step') ?? '0', '0', 'nothing trains while the lab is off screen');
  await translation.scrollIntoViewIfNeeded();
  // The chapter's block stops at maxSteps 300; translate is at ≈ 99 % after ≈ 50 steps, so 150 is plenty to check.
  await page.waitForFunction(() => Number(document.querySelector('workshop-lab[lab-id="translation-alignment"]').shadowRoot.querySelector('.lab-body').dataset.step) >= 150, null, { timeout: 90_000 });
  await translation.locator('.best-head').filter({ hasText: /\((4|5)\/5\)/ }).waitFor({ timeout: 10_000 });
  assert.equal(await body(induction, 'step') ?? '0', '0', 'the induction lab further down has not started');
  await translation.locator('input[name="prompt"]').fill('gel bam jat hun fip');
  await translation.locator('input[name="prompt"]').press('Enter');
  await translation.locator('.prediction').filter({ hasText: 'model: zu ti wo ne sa; right answer: zu ti wo ne sa' }).waitFor({ timeout: 10_000 });
  await translation.screenshot({ path: path.join(shotsDir, 'en-light-1100-chapter6-translate-autotrain.png') });
  assert.deepEqual(page.problems, []);
  await page.close();
});
