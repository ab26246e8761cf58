// Browser tests of the exercises and quizzes (web/src/exercises/) against the BUILT site in dist/ (`npx vite build`).
//
// Mutation tests: for every <workshop-exercise> of chapter 4, in Chromium through the element's own check(): the
// reference solution passes; the starter, an empty function and an identity function fail; every wrong solution in
// tests/exercises/<id>.mjs fails with a message matching its `expect`; every differently written right solution
// passes. Then: the time limit stops an infinite loop, hints and the solution flow, progress and the navigation's ✓,
// the progress page's export/import, and the quiz element. Screenshots go to test-results/exercises/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { artifactsDir, launchBrowser, openPage, repoRoot, startStaticServer } from './harness.mjs';

const distDir = path.resolve(process.env.AW_DIST_DIR ?? path.join(repoRoot, 'dist'));
const shotsDir = path.join(artifactsDir, 'exercises');
const CHAPTER = '04-programming-exercises';
const manifest = JSON.parse(await readFile(path.join(distDir, 'chapters.json'), 'utf8'));
const chapter = manifest.chapters.find((c) => c.slug === CHAPTER);
const exerciseIds = chapter.versions.en.exercises.map((e) => e.id);

/** The exercise module (entry, params, solution) and its fixtures, read in Node from the repository. */
async function loadDefinitions(id) {
  const exercise = (await import(pathToFileURL(path.join(repoRoot, 'web/exercises', `${id}.js`)).href)).default;
  const fixtureFiles = await readdir(path.join(repoRoot, 'tests/exercises'));
  const fixtures = fixtureFiles.includes(`${id}.mjs`)
    ? (await import(pathToFileURL(path.join(repoRoot, 'tests/exercises', `${id}.mjs`)).href)).default
    : { wrong: [], right: [] };
  return { exercise, fixtures };
}

let server;
let browser;
before(async () => {
  await mkdir(shotsDir, { recursive: true });
  server = await startStaticServer(distDir);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function openChapter(lang, { theme = 'light', viewport = { width: 1100, height: 900 }, section = '' } = {}) {
  const page = await openPage(browser, { viewport, colorScheme: theme });
  await page.goto(`${server.url}index.html#/${lang}/${CHAPTER}${section ? `/${section}` : ''}`);
  // Every exercise of the chapter present (an empty list would pass `every` before the chapter is rendered) and ready.
  await page.waitForFunction((count) => {
    const elements = [...document.querySelectorAll('workshop-exercise')];
    return customElements.get('workshop-exercise') && elements.length === count && elements.every((e) => e.dataset.editor === 'ready');
  }, exerciseIds.length, { timeout: 30_000 });
  await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
  return page;
}

/** Sets an exercise's code and runs Check in the page; resolves to the report. */
const checkCode = (page, id, code) => page.evaluate(async ([exerciseId, source]) => {
  const element = document.getElementById(exerciseId);
  element.code = source;
  return element.check();
}, [id, code]);

const failures = (report) => report.cases.filter((c) => !c.passed).map((c) => `${c.name}: ${c.message}`).join('\n');

describe('exercise mutation tests (Chromium)', () => {
  let page;
  before(async () => { page = await openChapter('en'); });
  after(async () => { assert.deepEqual(page.problems, []); await page.context().close(); });

  for (const id of exerciseIds) {
    test(id, async () => {
      const { exercise, fixtures } = await loadDefinitions(id);
      const params = exercise.params.join(', ');
      const reference = await checkCode(page, id, exercise.solution);
      assert.equal(reference.passed, true, `reference solution fails:\n${failures(reference)}`);
      assert.ok(reference.cases.length >= 5, 'an exercise checks at least five cases');

      const starter = await page.evaluate((exerciseId) => document.getElementById(exerciseId).starterCode, id);
      const mustFail = [
        ['starter', starter],
        ['empty function', `function ${exercise.entry}(${params}) {}`],
        ['identity function', `function ${exercise.entry}(${params}) { return ${exercise.params[0]}; }`],
      ];
      for (const [name, code] of mustFail) {
        const report = await checkCode(page, id, code);
        assert.equal(report.passed, false, `${name} passes`);
      }
      assert.ok(fixtures.wrong.length >= 2, `tests/exercises/${id}.mjs needs at least two realistic wrong solutions`);
      for (const wrong of fixtures.wrong) {
        const report = await checkCode(page, id, wrong.code);
        assert.equal(report.passed, false, `wrong solution "${wrong.name}" passes`);
        assert.match(failures(report), wrong.expect, `wrong solution "${wrong.name}" fails without the expected message`);
      }
      assert.ok(fixtures.right.length >= 1, `tests/exercises/${id}.mjs needs a right solution written differently`);
      for (const right of fixtures.right) {
        const report = await checkCode(page, id, right.code);
        assert.equal(report.passed, true, `right solution "${right.name}" fails:\n${failures(report)}`);
      }
    });
  }
});

describe('exercise element', () => {
  test('an infinite loop is stopped by the time limit; the next check works', async () => {
    const page = await openChapter('en');
    const id = exerciseIds[0];
    const { exercise } = await loadDefinitions(id);
    const report = await page.evaluate(async ([exerciseId, entry]) => {
      const element = document.getElementById(exerciseId);
      element.setAttribute('timeout', '1500');
      element.code = `function ${entry}(x) { while (true) {} }`;
      return element.check();
    }, [id, exercise.entry]);
    assert.equal(report.passed, false);
    assert.match(report.cases[0].message, /time limit|infinite loop/);
    const again = await checkCode(page, id, exercise.solution);
    assert.equal(again.passed, true);
    // run() runs the code as it is: the starter's own show() output appears; an endless loop times out the same way.
    const runs = await page.evaluate(async ([exerciseId, entry]) => {
      const element = document.getElementById(exerciseId);
      element.code = element.starterCode;
      const ok = await element.run();
      const shown = element.shadowRoot.querySelector('.output').textContent;
      element.code = `while (true) {}\nfunction ${entry}() {}`;
      return [ok, shown, await element.run()];
    }, [id, exercise.entry]);
    assert.equal(runs[0], 'ok');
    assert.match(runs[1], /try it/);
    assert.equal(runs[2], 'timeout');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('removed from the page it frees its editor and keeps the code; put back it gets a new editor and still checks', async () => {
    const page = await openChapter('en');
    const id = exerciseIds[0];
    const { exercise } = await loadDefinitions(id);
    const edited = `// my edit\n${exercise.solution}`;
    const afterRemoval = await page.evaluate(async ([exerciseId, code]) => {
      const element = document.getElementById(exerciseId);
      element.code = code;
      const place = element.nextSibling;
      element.remove();
      const detached = { editor: element.dataset.editor ?? null, cm: element.shadowRoot.querySelectorAll('.cm-editor').length, code: element.code };
      place.before(element);
      return detached;
    }, [id, edited]);
    assert.deepEqual(afterRemoval, { editor: null, cm: 0, code: edited }, 'a removed exercise holds no CodeMirror view, only its code');
    await page.waitForFunction((exerciseId) => document.getElementById(exerciseId).dataset.editor === 'ready', id);
    assert.equal(await page.evaluate((exerciseId) => document.getElementById(exerciseId).code, id), edited);
    const report = await page.evaluate((exerciseId) => document.getElementById(exerciseId).check(), id);
    assert.equal(report.passed, true, failures(report));
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('Check, hints, solution and progress, by keyboard; ✓ in the navigation; event detail', async () => {
    const page = await openChapter('en');
    const id = 'stable-softmax';
    await page.evaluate(() => {
      window.checkEvents = [];
      document.addEventListener('exercise-check', (event) => window.checkEvents.push(event.detail));
    });
    // The starter fails: the results list shows ✗ with an open detail for the first failure.
    await page.evaluate((exerciseId) => document.getElementById(exerciseId).scrollIntoView(), id);
    const host = page.locator(`#${id}`);
    await host.locator('button.check').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((exerciseId) => !document.getElementById(exerciseId).shadowRoot.querySelector('.results').hidden, id);
    const summary = await host.locator('.results .summary').textContent();
    assert.match(summary, /of \d+ cases pass/);
    assert.ok(await host.locator('.case.fail details[open] .case-message').count() >= 1);
    assert.equal(await host.locator('.results').getAttribute('aria-live'), 'polite');
    await page.screenshot({ path: path.join(shotsDir, 'en-light-failing.png'), clip: await host.boundingBox() });

    // Hints one at a time.
    await host.locator('button.hint').click();
    assert.equal(await page.locator(`#${id} > .exercise-hint`).count(), 1);
    await host.locator('button.hint').click();
    assert.equal(await page.locator(`#${id} > .exercise-hint`).count(), 2);
    await page.screenshot({ path: path.join(shotsDir, 'en-light-hints.png'), clip: await host.boundingBox() });

    // Solution: asks first; "Not yet" shows nothing; then show and compare.
    await host.locator('button.solution').click();
    assert.match(await host.locator('section.solution .ask').textContent(), /Show the reference solution\?/);
    await host.locator('section.solution .actions button:not(.primary)').click();
    assert.equal(await host.locator('section.solution').isHidden(), true);
    await host.locator('button.solution').click();
    await host.locator('section.solution button.primary').click();
    await host.locator('.solution-code').waitFor();
    await host.locator('section.solution .actions button', { hasText: 'Compare' }).click();
    await host.locator('.diff-lines').waitFor();
    assert.ok(await host.locator('.diff-lines .added').count() > 0);
    await page.screenshot({ path: path.join(shotsDir, 'en-light-solution.png'), clip: await host.boundingBox() });

    // Passing: ✓ everywhere, event fired, progress stored.
    await host.locator('section.solution .actions button', { hasText: 'Put the solution' }).click();
    await host.locator('button.check').click();
    await page.waitForFunction((exerciseId) => document.getElementById(exerciseId).dataset.passed === 'true', id);
    assert.match(await host.locator('.results .summary').textContent(), /All \d+ cases pass/);
    await page.screenshot({ path: path.join(shotsDir, 'en-light-passing.png'), clip: await host.boundingBox() });
    const events = await page.evaluate(() => window.checkEvents);
    assert.equal(events.length, 2);
    assert.equal(events[0].passed, false);
    assert.equal(events[1].passed, true);
    assert.ok(events[1].cases.every((c) => typeof c.name === 'string' && c.passed === true && typeof c.message === 'string'));
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('attention-workshop:progress:v1')));
    assert.deepEqual({ ...stored.exercises[`${CHAPTER}/${id}`], updatedAt: null },
      { attempted: true, passed: true, hintsUsed: 2, solutionSeen: true, updatedAt: null });
    assert.equal(await page.locator(`.nav-exercises a[data-exercise="${id}"] .nav-check`).textContent(), '✓');

    // The progress page lists it, exports JSON and imports it back (merging).
    await page.goto(`${server.url}index.html#/en/progress`);
    await page.locator('.progress-page').waitFor();
    assert.equal(await page.locator(`li[data-exercise="${id}"]`).getAttribute('data-passed'), 'true');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.progress-export').click()]);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(exported.format, 'attention-workshop-progress');
    assert.equal(exported.exercises[`${CHAPTER}/${id}`].passed, true);
    page.once('dialog', (dialog) => dialog.accept());
    await page.locator('.progress-clear').click();
    assert.equal(await page.locator(`li[data-exercise="${id}"]`).getAttribute('data-passed'), 'false');
    await page.locator('.progress-import-file').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
    await page.waitForFunction(() => /Imported/.test(document.querySelector('.progress-status').textContent));
    assert.equal(await page.locator(`li[data-exercise="${id}"]`).getAttribute('data-passed'), 'true');
    await page.locator('.progress-import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"other"}') });
    await page.waitForFunction(() => /Could not import/.test(document.querySelector('.progress-status').textContent));
    assert.equal(await page.locator(`li[data-exercise="${id}"]`).getAttribute('data-passed'), 'true', 'a bad file changes nothing');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('zh messages, dark theme and phone width', async () => {
    for (const [lang, theme, viewport, name] of [
      ['zh', 'dark', { width: 1100, height: 900 }, 'zh-dark'],
      ['zh', 'light', { width: 375, height: 740 }, 'zh-light-phone'],
      ['en', 'dark', { width: 375, height: 740 }, 'en-dark-phone'],
    ]) {
      const page = await openChapter(lang, { theme, viewport });
      const id = 'nadaraya-watson';
      const report = await page.evaluate(async (exerciseId) => document.getElementById(exerciseId).check(), id);
      assert.equal(report.passed, false);
      if (lang === 'zh') assert.match(failures(report), /输入|期望/);
      const host = page.locator(`#${id}`);
      await host.locator('button.hint').click();
      await host.scrollIntoViewIfNeeded();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `the page scrolls sideways at ${viewport.width} px (${width} px wide)`);
      await page.screenshot({ path: path.join(shotsDir, `${name}-failing.png`), clip: await host.boundingBox() });
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
  });

  test('Positions and Systems: a realistic wrong solution and the right one, zh and en, light and dark; no sideways scroll at 375 px', async () => {
    // rope (wrong: halves rotated together) and kv-cache-decode (wrong: no factor 2 for K and V), then the reference.
    const shots = [['rope', 'rotates halves'], ['kv-cache-decode', 'forgets the factor 2']];
    for (const [lang, theme, viewport] of [['en', 'light', { width: 1100, height: 900 }], ['zh', 'dark', { width: 375, height: 740 }]]) {
      const page = await openChapter(lang, { theme, viewport });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `the chapter scrolls sideways at ${viewport.width} px (${width} px wide)`);
      for (const [id, wrongName] of shots) {
        const { exercise, fixtures } = await loadDefinitions(id);
        const wrong = fixtures.wrong.find((w) => w.name.startsWith(wrongName));
        const host = page.locator(`#${id}`);
        const failing = await checkCode(page, id, wrong.code);
        assert.equal(failing.passed, false);
        if (lang === 'zh') assert.match(failures(failing), /可能的错误/);
        await host.scrollIntoViewIfNeeded();
        const name = `${id}-${lang}-${theme}${viewport.width < 500 ? '-phone' : ''}`;
        await page.screenshot({ path: path.join(shotsDir, `${name}-failing.png`), clip: await host.boundingBox() });
        const passing = await checkCode(page, id, exercise.solution);
        assert.equal(passing.passed, true);
        await page.screenshot({ path: path.join(shotsDir, `${name}-passing.png`), clip: await host.boundingBox() });
      }
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
  });
});

describe('quiz element', () => {
  test('predict, numeric and single quizzes: answers, explanations for every option, events, progress, keyboard', async () => {
    const page = await openChapter('en');
    await page.evaluate(() => {
      window.quizEvents = [];
      document.addEventListener('quiz-answer', (event) => window.quizEvents.push(event.detail));
    });
    // Predict-then-run with options: the linked example runs and its output is shown beside the prediction.
    const predict = page.locator('#quiz-predict-naive-softmax');
    await predict.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shotsDir, 'quiz-en-light-before.png'), clip: await predict.boundingBox() });
    await predict.locator('input[type="radio"]').first().check();
    await predict.locator('button.primary').click();
    await predict.locator('.quiz-run-output').waitFor({ timeout: 20_000 });
    assert.match(await predict.locator('.quiz-run-output').textContent(), /\[nan nan\]/i);
    assert.match(await predict.locator('.quiz-verdict').textContent(), /Right/);
    assert.equal(await predict.locator('.quiz-explain:visible').count(), 4, 'every option is explained');
    await page.screenshot({ path: path.join(shotsDir, 'quiz-en-light-after.png'), clip: await predict.boundingBox() });

    // Numeric with a relative tolerance; a non-number is refused without recording anything.
    const numeric = page.locator('#quiz-predict-score-variance');
    await numeric.locator('input.quiz-number').fill('abc');
    await numeric.locator('button.primary').click();
    assert.match(await numeric.locator('.quiz-feedback').textContent(), /Enter a number/);
    await numeric.locator('input.quiz-number').fill('16');
    await numeric.locator('input.quiz-number').press('Enter');
    await numeric.locator('.quiz-run-output').waitFor({ timeout: 20_000 });
    assert.match(await numeric.locator('.quiz-verdict').textContent(), /Not quite/);
    await numeric.locator('button', { hasText: 'Try again' }).click();
    await numeric.locator('input.quiz-number').fill('250');
    await numeric.locator('button.primary').click();
    await numeric.locator('.quiz-run-output').waitFor({ timeout: 20_000 });
    assert.match(await numeric.locator('.quiz-verdict').textContent(), /Right/);

    // Single choice, by keyboard only: Tab to the first option, arrow to the second (a wrong one), Space, Tab, Enter.
    const single = page.locator('#quiz-why-tolerance');
    await single.locator('input[type="radio"]').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await single.locator('.quiz-verdict').waitFor();
    assert.match(await single.locator('.quiz-verdict').textContent(), /Not quite/);
    assert.equal(await single.locator('.quiz-option.is-wrong').count(), 1);
    assert.equal(await single.locator('.quiz-option.is-correct').count(), 1);
    assert.equal(await single.locator('.quiz-feedback').getAttribute('aria-live'), 'polite');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Try again', 'focus moves to Try again');

    const events = await page.evaluate(() => window.quizEvents);
    assert.deepEqual(events, [
      { id: 'predict-naive-softmax', correct: true }, { id: 'predict-score-variance', correct: false },
      { id: 'predict-score-variance', correct: true }, { id: 'why-tolerance', correct: false },
    ]);
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('attention-workshop:progress:v1')).quizzes);
    assert.deepEqual([stored[`${CHAPTER}/predict-score-variance`].correct, stored[`${CHAPTER}/predict-score-variance`].attempts], [true, 2]);
    assert.equal(stored[`${CHAPTER}/why-tolerance`].correct, false);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('screenshots before and after answering, zh and dark', async () => {
    for (const [lang, theme] of [['zh', 'light'], ['zh', 'dark'], ['en', 'dark']]) {
      const page = await openChapter(lang, { theme });
      const quiz = page.locator('#quiz-why-tolerance');
      await quiz.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(shotsDir, `quiz-${lang}-${theme}-before.png`), clip: await quiz.boundingBox() });
      await quiz.locator('input[type="radio"]').first().check();
      await quiz.locator('button.primary').click();
      await quiz.locator('.quiz-verdict').waitFor();
      assert.match(await quiz.locator('.quiz-verdict').textContent(), lang === 'zh' ? /正确/ : /Right/);
      await page.screenshot({ path: path.join(shotsDir, `quiz-${lang}-${theme}-after.png`), clip: await quiz.boundingBox() });
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
  });
});

describe('every quiz of every chapter', () => {
  // Answers each quiz with the right answer taken from its own config (the middle of a numeric tolerance band) and
  // expects "right"; counts ≥ 3 quizzes per chapter. Catches configs whose marked answer the element would reject,
  // and quizzes that do not render. Predict quizzes also run their example.
  for (const lang of ['en', 'zh']) {
    test(`${lang}: every quiz accepts its right answer`, async () => {
      const page = await openPage(browser, { viewport: { width: 1100, height: 900 } });
      for (const { slug, versions } of manifest.chapters) {
        const quizzes = versions[lang]?.quizzes ?? [];
        assert.ok(quizzes.length >= 3, `${lang}/${slug} has ${quizzes.length} quizzes, fewer than 3`);
        await page.goto(`${server.url}index.html#/${lang}/${slug}`);
        await page.waitForFunction((n) => customElements.get('workshop-quiz') && document.querySelectorAll('workshop-quiz .quiz-frame').length === n, quizzes.length, { timeout: 30_000 });
        const verdicts = await page.evaluate(async () => {
          const results = [];
          for (const quiz of document.querySelectorAll('workshop-quiz')) {
            const { config } = quiz;
            if (config.options) config.options.forEach((option, i) => { quiz.optionNodes[i].input.checked = option.correct; });
            else quiz.numberInput.value = String(config.answer);
            const answer = await quiz.submit();
            results.push([quiz.quizId, answer?.correct, quiz.querySelectorAll('.quiz-explain:not([hidden])').length]);
          }
          return results;
        });
        for (const [id, correct, explained] of verdicts) {
          assert.equal(correct, true, `${lang}/${slug} quiz ${id} rejects its own right answer`);
          assert.ok(explained >= 1, `${lang}/${slug} quiz ${id} shows no explanation`);
        }
      }
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  }
});
