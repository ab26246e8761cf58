// Browser tests of <live-example> (web/src/live/) against the BUILT site in dist/ (run `npx vite build` first).
// Every live example on every chapter page (found through dist/chapters.json) and on dist/embed.html is run and must
// finish without an error; then editing, persistence, Reset, sharing, stopping runaway code, error line numbers,
// the views and their Save buttons are exercised on examples created inside a built page, so these tests do not
// depend on what the chapters happen to contain. Screenshots go to test-results/live-example/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { artifactsDir, launchBrowser, openPage, repoRoot, startStaticServer } from './harness.mjs';

// AW_DIST_DIR points the tests at another build of the site (default: dist/).
const distDir = path.resolve(process.env.AW_DIST_DIR ?? path.join(repoRoot, 'dist'));
const shotsDir = path.join(artifactsDir, 'live-example');
const FINAL_STATES = ['ok', 'error', 'timeout', 'stopped', 'crashed'];
const DESKTOP = { width: 1100, height: 900 };
const PHONE = { width: 375, height: 740 };

const exists = (file) => stat(file).then(() => true, () => false);
const hasEmbedPage = await exists(path.join(distDir, 'embed.html'));
const manifest = await readFile(path.join(distDir, 'chapters.json'), 'utf8').then(JSON.parse, () => null);
if (!hasEmbedPage && !manifest) {
  throw new Error('dist/ has neither embed.html nor chapters.json: run `npx vite build` in the repository root first');
}

/** Every built page that has live examples: { name, path, count }. */
function pagesWithExamples() {
  const pages = [];
  for (const chapter of manifest?.chapters ?? []) {
    for (const [lang, version] of Object.entries(chapter.versions ?? {})) {
      if (version.liveExamples?.length) {
        pages.push({ name: `${lang}/${chapter.slug}`, path: `index.html#/${lang}/${chapter.slug}`, count: version.liveExamples.length });
      }
    }
  }
  if (hasEmbedPage) pages.push({ name: 'embed.html', path: 'embed.html', count: null });
  return pages;
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

async function openSitePage(options = {}) {
  const page = await openPage(browser, { viewport: DESKTOP, ...options });
  page.on('response', (response) => {
    if (response.status() >= 400) page.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return page;
}
const closePage = (page) => page.context().close();

/** Waits until <live-example> is defined, `count` examples (if given) are on the page and none is still busy. */
async function waitForExamples(page, count = null) {
  await page.waitForFunction((expected) => {
    if (!customElements.get('live-example')) return false;
    const examples = [...document.querySelectorAll('live-example')];
    if (expected !== null ? examples.length !== expected : examples.length === 0) return false;
    return examples.every((example) => {
      // Code from a share link never runs by itself, so such an example is settled once its code is shown.
      const runsOnLoad = (example.hasAttribute('autorun') || example.hasAttribute('norun')) && example.dataset.source !== 'shared';
      return example.dataset.editor && (!runsOnLoad || ['ok', 'error', 'timeout', 'stopped', 'crashed'].includes(example.dataset.state));
    });
  }, count, { timeout: 30_000 });
}

/** A page of the built site that has loaded the live-example module: the embed demo, or the first chapter with examples. */
async function openHostPage(options = {}) {
  const page = await openSitePage(options);
  const host = pagesWithExamples()[hasEmbedPage ? pagesWithExamples().length - 1 : 0];
  await page.goto(server.url + host.path);
  await waitForExamples(page, host.count);
  return page;
}

let fixtureCounter = 0;
/** Adds a <live-example> with `code` to the page; returns its example id. */
async function addExample(page, code, attributes = {}) {
  const id = `test-fixture-${++fixtureCounter}`;
  await page.evaluate(({ id, code, attributes }) => {
    const example = document.createElement('live-example');
    example.setAttribute('example-id', id);
    example.setAttribute('chapter', 'browser-tests');
    example.setAttribute('lang', 'en');
    for (const [name, value] of Object.entries(attributes)) example.setAttribute(name, value === true ? '' : String(value));
    const script = document.createElement('script');
    script.type = 'text/plain';
    script.textContent = code;
    example.append(script);
    (document.querySelector('main') ?? document.body).append(example);
  }, { id, code, attributes });
  await page.waitForFunction((id) => document.querySelector(`live-example[example-id="${id}"]`)?.dataset.editor === 'ready', id);
  return id;
}

const example = (page, id) => page.locator(`live-example[example-id="${id}"]`);

/** Runs an example through its element API and returns { status, output, error, errorLine }. */
function runExample(page, id) {
  return page.evaluate(async (id) => {
    const element = document.querySelector(`live-example[example-id="${id}"]`);
    const status = await element.run();
    const root = element.shadowRoot;
    return {
      status,
      output: root.querySelector('.output').textContent,
      error: root.querySelector('.snippet-error')?.textContent ?? null,
      errorLine: element.dataset.errorLine ? Number(element.dataset.errorLine) : null,
      statusText: root.querySelector('.status').textContent,
    };
  }, id);
}

const codeOf = (page, id) => page.evaluate((id) => document.querySelector(`live-example[example-id="${id}"]`).code, id);
const waitForState = (page, id, states, timeout = 15_000) => page.waitForFunction(
  ({ id, states }) => states.includes(document.querySelector(`live-example[example-id="${id}"]`)?.dataset.state),
  { id, states }, { timeout },
);

/** Types into an example's editor like a person: click, select all, type. */
async function typeInto(page, id, text) {
  const content = example(page, id).locator('.cm-content');
  await content.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

describe('every live example on every page', () => {
  for (const host of pagesWithExamples()) {
    test(`${host.name}: every live example runs without an error and without console errors`, async () => {
      const page = await openSitePage();
      try {
        await page.goto(server.url + host.path);
        await waitForExamples(page, host.count);
        // An example that demonstrates a failure on purpose says so: data-expected-status="timeout" (or "error").
        const examples = await page.evaluate(() => [...document.querySelectorAll('live-example')].map((e) => ({
          id: e.getAttribute('example-id'),
          expected: e.dataset.expectedStatus ?? 'ok',
          runsOnLoad: e.hasAttribute('autorun') || e.hasAttribute('norun'),
          state: e.dataset.state,
          error: e.shadowRoot.querySelector('.snippet-error')?.textContent ?? null,
        })));
        for (const e of examples.filter((x) => x.runsOnLoad && x.expected === 'ok')) {
          assert.deepEqual({ state: e.state, error: e.error }, { state: 'ok', error: null }, `${e.id} (run on load)`);
        }
        const ids = examples.map((e) => e.id);
        assert.equal(new Set(ids).size, ids.length, `example ids are unique on the page: ${ids.join(', ')}`);
        for (const { id, expected } of examples) {
          const result = await runExample(page, id);
          if (expected === 'ok') assert.equal(result.error, null, `${host.name} ${id}: ${result.error}`);
          assert.equal(result.status, expected, `${host.name} ${id} finished as ${result.status}: ${result.statusText}`);
          assert.notEqual(result.output.trim(), '', `${host.name} ${id} shows output`);
        }
        assert.deepEqual(page.problems, []);
      } finally {
        await closePage(page);
      }
    });
  }
});

describe('editing, persistence and Reset', () => {
  test('edit → Ctrl+Enter runs the edited code; nothing runs while typing', async () => {
    const page = await openHostPage();
    try {
      const id = await addExample(page, "show('original output')", { autorun: true });
      await waitForState(page, id, ['ok']);
      assert.match(await example(page, id).locator('.output').textContent(), /original output/);
      await typeInto(page, id, "show('edited output', 'label')");
      await page.waitForTimeout(300);
      assert.match(await example(page, id).locator('.output').textContent(), /original output/, 'typing does not run');
      await page.keyboard.press('Control+Enter');
      await waitForState(page, id, ['ok']);
      await page.waitForFunction((id) => /edited output/.test(document.querySelector(`live-example[example-id="${id}"]`).shadowRoot.querySelector('.output').textContent), id);
      assert.doesNotMatch(await example(page, id).locator('.output').textContent(), /original output/);
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });

  test('edits are saved as the user types and restored after a reload; Reset restores the original and can be undone', async () => {
    const page = await openHostPage();
    try {
      const id = await addExample(page, 'show(1)');
      await typeInto(page, id, 'show(2) // edited');
      // Saved after a short pause in typing, per chapter, language and example.
      await page.waitForFunction((id) => Object.keys(localStorage).some((key) => key.endsWith(`:browser-tests:en:${id}`)), id, { timeout: 3000 });
      await page.reload();
      await page.waitForFunction(() => customElements.get('live-example'));
      // The same example (chapter, language, id) on the reloaded page.
      await page.evaluate((id) => {
        const element = document.createElement('live-example');
        element.setAttribute('example-id', id);
        element.setAttribute('chapter', 'browser-tests');
        element.setAttribute('lang', 'en');
        element.innerHTML = '<script type="text/plain">show(1)</script>';
        document.body.append(element);
      }, id);
      await page.waitForFunction((id) => document.querySelector(`live-example[example-id="${id}"]`)?.dataset.editor === 'ready', id);
      assert.equal(await codeOf(page, id), 'show(2) // edited', 'the edit survived the reload');
      assert.match(await example(page, id).locator('.notice').textContent(), /restored/);

      await example(page, id).locator('button.reset').click();
      assert.equal(await codeOf(page, id), 'show(1)', 'Reset restores the original');
      // Reset is an ordinary edit: Ctrl+Z in the editor brings the edited code back …
      await example(page, id).locator('.cm-content').click();
      await page.keyboard.press('Control+z');
      assert.equal(await codeOf(page, id), 'show(2) // edited', 'Ctrl+Z undoes the reset');
      // … and so does the "Undo reset" button.
      await example(page, id).locator('button.reset').click();
      await example(page, id).locator('button.undo-reset').click();
      assert.equal(await codeOf(page, id), 'show(2) // edited', 'Undo reset brings the edit back');
      await example(page, id).locator('button.reset').click();
      // The original again: nothing is kept for this example any more.
      await page.waitForFunction((id) => !Object.keys(localStorage).some((key) => key.endsWith(`:browser-tests:en:${id}`)), id, { timeout: 3000 });
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });
});

describe('share links', () => {
  test('Share copies a link that keeps the page route; opening it shows that code in that example and scrolls to it', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    page.problems = [];
    page.on('pageerror', (error) => page.problems.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') page.problems.push(message.text()); });
    try {
      const host = pagesWithExamples()[0];
      await page.goto(server.url + host.path);
      await waitForExamples(page, host.count);
      const id = await page.evaluate(() => [...document.querySelectorAll('live-example')].filter((e) => !e.hasAttribute('readonly')).at(-1).getAttribute('example-id'));
      const shared = `// shared snippet ✓ 中文\nconst weights = attn.softmax([1, 2, 3]);\nshow(weights, 'shared </script> weights');`;
      await page.evaluate(({ id, shared }) => { document.querySelector(`live-example[example-id="${id}"]`).code = shared; }, { id, shared });
      await example(page, id).locator('button.share').click();
      await page.waitForFunction((id) => /copied/.test(document.querySelector(`live-example[example-id="${id}"]`).shadowRoot.querySelector('.notice').textContent), id);
      const url = await page.evaluate(() => navigator.clipboard.readText());
      const [, fragment] = url.split('#');
      const route = host.path.includes('#') ? host.path.split('#')[1] : '';
      assert.ok(fragment.startsWith(`${route}?example=${id}&code=`), `fragment keeps the route: ${fragment.slice(0, 80)}`);
      assert.match(fragment.split('&code=')[1], /^[A-Za-z0-9_-]+$/, 'code is base64url');

      // A fresh visitor (no saved edits) opens the link.
      const visitor = await openSitePage({ viewport: { width: 900, height: 600 } });
      try {
        await visitor.goto(url);
        await waitForExamples(visitor, host.count);
        await visitor.waitForFunction(({ id, shared }) => document.querySelector(`live-example[example-id="${id}"]`).code === shared, { id, shared });
        assert.match(await example(visitor, id).locator('.notice').textContent(), /Shared code from a link — it has not run/);
        assert.equal(await visitor.evaluate((id) => document.querySelector(`live-example[example-id="${id}"]`).dataset.state, id), undefined,
          'the shared code did not run by itself');
        await visitor.waitForTimeout(400);
        const box = await visitor.evaluate((id) => {
          const rect = document.querySelector(`live-example[example-id="${id}"]`).getBoundingClientRect();
          return { top: rect.top, bottom: rect.bottom, height: innerHeight };
        }, id);
        assert.ok(box.top < box.height && box.bottom > 0, `the shared example is scrolled into view (${JSON.stringify(box)})`);
        const result = await runExample(visitor, id);
        assert.equal(result.status, 'ok');
        assert.match(result.output, /shared <\/script> weights/);
        assert.deepEqual(visitor.problems, []);
      } finally {
        await closePage(visitor);
      }
      assert.deepEqual(page.problems, []);
    } finally {
      await context.close();
    }
  });

  test('a damaged share link shows the original code with a notice and no console error', async () => {
    const page = await openSitePage();
    try {
      const host = pagesWithExamples()[0];
      const probe = await openSitePage();
      await probe.goto(server.url + host.path);
      await waitForExamples(probe, host.count);
      const { id, original } = await probe.evaluate(() => {
        const element = [...document.querySelectorAll('live-example')].find((e) => !e.hasAttribute('readonly'));
        return { id: element.getAttribute('example-id'), original: element.originalCode };
      });
      await closePage(probe);
      const base = host.path.includes('#') ? host.path : `${host.path}#`;
      await page.goto(`${server.url}${base}?example=${id}&code=not-deflate-data`);
      await waitForExamples(page, host.count);
      await page.waitForFunction((id) => /damaged/.test(document.querySelector(`live-example[example-id="${id}"]`).shadowRoot.querySelector('.notice').textContent), id);
      assert.equal(await codeOf(page, id), original);
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });
});

describe('shared links are safe to open', () => {
  // Links are made here with node:zlib, as an attacker would make them, not with the site's own encoder.
  const linkText = (code) => deflateRawSync(Buffer.from(code, 'utf8')).toString('base64url');

  /** Puts a share request for `id` into the fragment (keeping the page's route), then adds that example. */
  async function openSharedInto(page, { id, encoded, attributes, original = "show('original ran');" }) {
    await page.evaluate(({ id, encoded }) => {
      const route = location.hash.split('?')[0] || '#';
      history.replaceState(null, '', `${route}?example=${encodeURIComponent(id)}&code=${encoded}`);
    }, { id, encoded });
    await page.evaluate(({ id, attributes, original }) => {
      const element = document.createElement('live-example');
      element.setAttribute('example-id', id);
      element.setAttribute('chapter', 'browser-tests');
      element.setAttribute('lang', 'en');
      for (const name of attributes) element.setAttribute(name, '');
      const script = document.createElement('script');
      script.type = 'text/plain';
      script.textContent = original;
      element.append(script);
      (document.querySelector('main') ?? document.body).append(element);
    }, { id, attributes, original });
    await page.waitForFunction((id) => {
      const element = document.querySelector(`live-example[example-id="${id}"]`);
      return element?.dataset.editor === 'ready' && element.dataset.source;
    }, id);
  }

  const stateOf = (page, id) => page.evaluate((id) => {
    const element = document.querySelector(`live-example[example-id="${id}"]`);
    const root = element.shadowRoot;
    return {
      source: element.dataset.source, state: element.dataset.state ?? null, code: element.code,
      output: root.querySelector('.output').textContent, notice: root.querySelector('.notice').textContent,
      runVisible: !root.querySelector('button.run').hidden,
    };
  }, id);

  test('shared code in autorun and norun examples waits for Run, with a notice; Run then runs it', async () => {
    const page = await openHostPage();
    try {
      const shared = "show('shared code ran');";
      for (const attributes of [['autorun'], ['norun']]) {
        const id = `shared-${attributes[0]}`;
        await openSharedInto(page, { id, encoded: linkText(shared), attributes });
        await page.waitForTimeout(1500); // time enough for a run on load, had it been started
        const before = await stateOf(page, id);
        assert.deepEqual({ ...before, notice: undefined }, {
          source: 'shared', state: null, code: shared, output: '', notice: undefined, runVisible: true,
        }, `${attributes}: nothing ran`);
        assert.match(before.notice, /Shared code from a link — it has not run\. Read it, then press Run/);
        await example(page, id).locator('button.run').click();
        await page.waitForFunction((id) => document.querySelector(`live-example[example-id="${id}"]`).dataset.state === 'ok', id);
        assert.match((await stateOf(page, id)).output, /shared code ran/);
      }
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });

  test('malicious links (huge, a deflate bomb, malformed, script-ish) are refused or shown as inert text', async () => {
    const page = await openHostPage();
    try {
      const cases = [
        { name: 'bomb', encoded: linkText('\0'.repeat(8 * 1024 * 1024)), notice: /more than 256 KiB of code, so it was not opened/ },
        { name: 'huge', encoded: 'A'.repeat(1_000_000), notice: /more than 256 KiB of code/ },
        { name: 'over-by-one', encoded: linkText('x'.repeat(256 * 1024 + 1)), notice: /more than 256 KiB/ },
        { name: 'malformed', encoded: '%3Cscript%3E', notice: /damaged/ },
        { name: 'truncated', encoded: linkText("show('x');").slice(0, 4), notice: /damaged/ },
      ];
      for (const { name, encoded, notice } of cases) {
        const id = `malicious-${name}`;
        await openSharedInto(page, { id, encoded, attributes: ['autorun'] });
        await page.waitForFunction((id) => document.querySelector(`live-example[example-id="${id}"]`).dataset.state === 'ok', id);
        const state = await stateOf(page, id);
        assert.equal(state.source, 'original', `${name}: the original is shown`);
        assert.equal(state.code, "show('original ran');", name);
        assert.match(state.notice, notice, name);
        assert.match(state.output, /original ran/, `${name}: the original (not the link) ran on load`);
      }
      // Script-ish code is shown as text in the editor, never parsed as HTML on the page.
      const scriptish = '</script><img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>\n// <!-- -->';
      await openSharedInto(page, { id: 'malicious-scriptish', encoded: linkText(scriptish), attributes: ['autorun'] });
      await page.waitForTimeout(500);
      const state = await stateOf(page, 'malicious-scriptish');
      assert.equal(state.code, scriptish);
      assert.equal(state.state, null, 'not run');
      assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
      assert.equal(await page.evaluate(() => document.querySelector('live-example[example-id="malicious-scriptish"]').shadowRoot.querySelector('img')), null);
      // An example id that is markup matches no example and changes nothing.
      await page.evaluate(() => history.replaceState(null, '', `${location.hash.split('?')[0] || '#'}?example=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&code=AAAA`));
      await page.evaluate(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
      assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length), 0);
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });
});

describe('runaway code', () => {
  test('an infinite loop is stopped at the time limit; the page stays responsive and the next run works', async () => {
    const page = await openHostPage();
    try {
      const id = await addExample(page, "show('before the loop');\nwhile (true) {}", { timeout: 1200 });
      const started = Date.now();
      await example(page, id).locator('button.run').click();
      await waitForState(page, id, ['running']);
      // The page answers while the worker spins.
      const responsiveness = await page.evaluate(async () => {
        const t0 = performance.now();
        await new Promise((resolve) => requestAnimationFrame(resolve));
        return performance.now() - t0;
      });
      assert.ok(responsiveness < 500, `a frame is drawn within 500 ms while the loop runs (${responsiveness} ms)`);
      await waitForState(page, id, ['timeout'], 10_000);
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 1000, `not stopped before the limit (${elapsed} ms)`);
      assert.match(await example(page, id).locator('.status').textContent(), /time limit/);
      assert.match(await example(page, id).locator('.output').textContent(), /before the loop/);
      await page.evaluate((id) => { document.querySelector(`live-example[example-id="${id}"]`).code = 'show(6 * 7)'; }, id);
      const next = await runExample(page, id);
      assert.equal(next.status, 'ok');
      assert.match(next.output, /42/);
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });

  test('Stop ends an infinite loop at once; this and other examples run again afterwards', async () => {
    const page = await openHostPage();
    try {
      const loop = await addExample(page, 'let n = 0;\nfor (;;) n += 1;', { timeout: 60000 });
      const other = await addExample(page, "show(attn.softmax([0, 0]), 'after stop')");
      await example(page, loop).locator('button.run').click();
      await waitForState(page, loop, ['running']);
      await page.waitForTimeout(300);
      // The other example queues behind the loop.
      const queued = page.evaluate((id) => document.querySelector(`live-example[example-id="${id}"]`).run(), other);
      await waitForState(page, other, ['queued']);
      const t0 = Date.now();
      await example(page, loop).locator('button.stop').click();
      await waitForState(page, loop, ['stopped'], 3000);
      assert.ok(Date.now() - t0 < 2000, 'stopped promptly');
      assert.match(await example(page, loop).locator('.status').textContent(), /Stopped/);
      assert.equal(await queued, 'ok', 'the queued example ran on the fresh worker');
      assert.match(await example(page, other).locator('.output').textContent(), /0\.5000 0\.5000/);
      await page.evaluate((id) => { document.querySelector(`live-example[example-id="${id}"]`).code = 'show("loop example works again")'; }, loop);
      const again = await runExample(page, loop);
      assert.equal(again.status, 'ok');
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });
});

describe('errors', () => {
  const cases = [
    { name: 'a runtime error', code: 'const a = 1;\nconst b = 2;\nnull.x;', line: 3, message: /TypeError/ },
    { name: 'an error on the first line', code: 'null.x;\nshow(1);', line: 1, column: 6, message: /TypeError/ },
    { name: 'a syntax error', code: '// a comment\nlet y = ;\nshow(y);', line: 2, message: /SyntaxError/ },
    { name: 'a redeclared variable', code: 'let x = 1;\nshow(x);\nlet x = 2;', line: 3, message: /already been declared/ },
    { name: 'an error inside a function', code: 'function f() {\n  return notDefinedAnywhere + 1;\n}\n\nf();', line: 2, message: /ReferenceError/ },
    { name: 'an error after an await', code: 'await new Promise((r) => setTimeout(r, 10));\nshow(1);\nundefinedCall();', line: 3, message: /ReferenceError/ },
    { name: 'a bad call into the attention API', code: 'const q = [[1, 2]];\nconst k = [[1, 2, 3]];\nattn.scaledDotProductAttention(q, k, k);', line: 3, message: /scaledDotProductAttention/ },
    { name: 'a bad argument to show', code: "show(1);\nshow.heatmap([[1, 2]], { rowLabels: ['a', 'b'] });", line: 2, message: /rowLabels must have 1 entries/ },
    { name: 'an error in a timer callback', code: "setTimeout(() => { throw new Error('late'); }, 5);\nawait new Promise((r) => setTimeout(r, 50));", line: 1, message: /late/ },
  ];
  test('errors show the message and the line in the snippet, and mark that line in the editor', async () => {
    const page = await openHostPage();
    try {
      for (const c of cases) {
        const id = await addExample(page, c.code);
        const result = await runExample(page, id);
        assert.equal(result.status, 'error', c.name);
        assert.match(result.error, c.message, c.name);
        assert.equal(result.errorLine, c.line, `${c.name}: ${result.error}`);
        assert.match(result.error, new RegExp(`line ${c.line}${c.column ? `, column ${c.column}` : ''}`), c.name);
        const marked = await example(page, id).locator('.cm-error-line').textContent();
        assert.equal(marked, c.code.split('\n')[c.line - 1], `${c.name}: the editor marks line ${c.line}`);
      }
      // A failed run does not break the runner.
      const id = await addExample(page, 'show(1 + 1)');
      assert.equal((await runExample(page, id)).status, 'ok');
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });

  test('snippets run in strict mode and leave no globals behind for the next snippet', async () => {
    const page = await openHostPage();
    try {
      const leak = await addExample(page, 'globalThis.leftover = 1;\nshow(typeof leftover);');
      assert.match((await runExample(page, leak)).output, /number/);
      const check = await addExample(page, 'show(typeof globalThis.leftover);');
      assert.match((await runExample(page, check)).output, /undefined/);
      const sloppy = await addExample(page, 'undeclared = 5;');
      const result = await runExample(page, sloppy);
      assert.equal(result.status, 'error');
      assert.match(result.error, /undeclared is not defined/);
    } finally {
      await closePage(page);
    }
  });
});

describe('keyboard, language and theme', () => {
  test('Escape leaves the editor for the Run button; Tab is not trapped', async () => {
    const page = await openHostPage();
    try {
      const id = await addExample(page, 'show(1)');
      await example(page, id).locator('.cm-content').click();
      await page.keyboard.press('Escape');
      const focused = await page.evaluate(() => {
        const host = document.activeElement;
        return { host: host?.tagName, inner: host?.shadowRoot?.activeElement?.className };
      });
      assert.deepEqual(focused, { host: 'LIVE-EXAMPLE', inner: 'run' });
      await example(page, id).locator('.cm-content').click();
      await page.keyboard.press('Tab');
      const afterTab = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.className ?? document.activeElement?.tagName);
      assert.notEqual(afterTab, 'cm-content', 'Tab moves focus out of the editor');
    } finally {
      await closePage(page);
    }
  });

  test('labels follow the lang attribute (zh and en)', async () => {
    const page = await openHostPage();
    try {
      const id = await addExample(page, 'show(1)', { lang: 'zh' });
      assert.equal((await example(page, id).locator('button.run').textContent()).trim().slice(1), '运行');
      const result = await runExample(page, id);
      assert.match(result.statusText, /运行完成/);
      await page.evaluate((id) => document.querySelector(`live-example[example-id="${id}"]`).setAttribute('lang', 'en'), id);
      assert.equal((await example(page, id).locator('button.run').textContent()).trim().slice(1), 'Run');
    } finally {
      await closePage(page);
    }
  });

  test('the theme follows <html data-theme> and, without it, prefers-color-scheme', async () => {
    const page = await openHostPage();
    try {
      const id = await addExample(page, 'show(1)');
      const waitForDark = (dark, what) => page.waitForFunction(
        ({ id, dark }) => document.querySelector(`live-example[example-id="${id}"]`).shadowRoot.querySelector('.frame').classList.contains('dark') === dark,
        { id, dark }, { timeout: 3000 },
      ).catch(() => assert.fail(`${what}: expected the ${dark ? 'dark' : 'light'} theme`));
      await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
      await waitForDark(true, 'data-theme="dark"');
      await page.evaluate(() => { document.documentElement.dataset.theme = 'light'; });
      await waitForDark(false, 'data-theme="light"');
      // Without data-theme the element follows the system (a page script may also set data-theme from it).
      await page.evaluate(() => { document.documentElement.removeAttribute('data-theme'); });
      await page.emulateMedia({ colorScheme: 'dark' });
      await waitForDark(true, 'prefers-color-scheme: dark');
      await page.evaluate(() => { document.documentElement.removeAttribute('data-theme'); });
      await page.emulateMedia({ colorScheme: 'light' });
      await waitForDark(false, 'prefers-color-scheme: light');
    } finally {
      await closePage(page);
    }
  });

  test('options: readonly, norun and the output as a live region', async () => {
    const page = await openHostPage();
    try {
      const readonly = await addExample(page, 'show(1)', { readonly: true, autorun: true });
      await waitForState(page, readonly, ['ok']);
      assert.equal(await example(page, readonly).locator('button.reset').isVisible(), false);
      assert.equal(await example(page, readonly).locator('button.share').isVisible(), false);
      await example(page, readonly).locator('.cm-content').click();
      await page.keyboard.insertText('xyz');
      assert.equal(await codeOf(page, readonly), 'show(1)', 'read-only code cannot be edited');
      const norun = await addExample(page, "show('ran on load')", { norun: true });
      await waitForState(page, norun, ['ok']);
      assert.equal(await example(page, norun).locator('button.run').isVisible(), false);
      assert.match(await example(page, norun).locator('.output').textContent(), /ran on load/);
      assert.equal(await example(page, norun).locator('.output').getAttribute('aria-live'), 'polite');
      assert.equal(await example(page, norun).locator('.status').getAttribute('role'), 'status');
    } finally {
      await closePage(page);
    }
  });
});

describe('views', () => {
  const viewsCode = [
    "const tokens = ['the', 'cat', 'sat', 'down'];",
    'const w = attn.softmax(attn.random.normal([2, 4, 4], { seed: 5 }));',
    "show.heatmap(w, { rowLabels: tokens, colLabels: tokens, title: 'weights' });",
    "show.tokens(w, tokens, { title: 'lines' });",
    "show.heatmap([[1, -2], [0.5, -Infinity]], { title: 'signed' });",
    "show.plot({ a: [1, 3, 2], b: [2, 1, 0] }, { title: 'plot', xLabel: 'x', yLabel: 'y' });",
    'show(attn.random.normal([40, 40], { seed: 1 }), "big");',
  ].join('\n');

  test('tensor printing: shape first, aligned columns, rounded, large tensors elided', async () => {
    const page = await openHostPage();
    try {
      const id = await addExample(page, "show([[1, 0.5], [0.25, 100]], 'small');\nshow(attn.random.normal([40, 40], { seed: 1 }), 'big');");
      const result = await runExample(page, id);
      assert.equal(result.status, 'ok');
      const blocks = await example(page, id).locator('.out-values').allTextContents();
      assert.equal(blocks[0], '[[  1.0000   0.5000]\n [  0.2500 100.0000]]');
      assert.match(await example(page, id).locator('.out-shape').first().textContent(), /\[2, 2\]/);
      const big = blocks[1].split('\n');
      assert.equal(big.length, 7, 'first 3 rows, …, last 3 rows');
      assert.equal(big[3].trim(), '…');
      assert.equal(big[0].split(/\s+/).filter((cell) => cell === '…').length, 1, 'columns elided too');
    } finally {
      await closePage(page);
    }
  });

  test('heatmap hover shows the exact value; the head picker switches heads; token lines focus on hover', async () => {
    const page = await openHostPage();
    try {
      const id = await addExample(page, viewsCode);
      const result = await runExample(page, id);
      assert.equal(result.status, 'ok', result.error ?? '');
      const ex = example(page, id);
      assert.equal(await ex.locator('figure.view-heatmap').count(), 2);
      const firstMap = ex.locator('figure.view-heatmap').first();
      await firstMap.locator('rect.cell[data-r="1"][data-c="2"]').hover();
      const tooltip = firstMap.locator('.view-tooltip');
      assert.equal(await tooltip.isVisible(), true);
      const text = await tooltip.textContent();
      assert.match(text, /row cat \[1\] · column sat \[2\]: 0\.\d+/);
      // Head picker: head 1 is different data.
      const before = await firstMap.locator('rect.cell').first().getAttribute('fill');
      await firstMap.locator('[role="radio"]', { hasText: '1' }).click();
      assert.equal(await firstMap.locator('[role="radio"]', { hasText: '1' }).getAttribute('aria-checked'), 'true');
      const afterPick = await firstMap.locator('rect.cell').first().getAttribute('fill');
      assert.notEqual(afterPick, before, 'picking head 1 redraws with its weights');
      // Signed scores get the diverging scale; −∞ is hatched and named in the legend.
      const signed = ex.locator('figure.view-heatmap').nth(1);
      assert.match(await signed.locator('.legend').textContent(), /min −2.*max 1/s);
      assert.match(await signed.locator('.legend').textContent(), /masked/);
      assert.match(await signed.locator('rect.cell[data-r="1"][data-c="1"]').getAttribute('fill'), /^url\(#/);
      // Tokens: hovering a query token keeps only its lines.
      const tokens = ex.locator('figure.view-tokens');
      await tokens.locator('g.token-q').nth(2).hover();
      assert.match(await tokens.locator('svg').getAttribute('class'), /focused/);
      assert.equal(await tokens.locator('line.token-line.active').count(), 4);
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });

  test('every view can be saved as SVG and PNG', async () => {
    const page = await openHostPage({ acceptDownloads: true });
    try {
      const id = await addExample(page, viewsCode);
      assert.equal((await runExample(page, id)).status, 'ok');
      const figures = example(page, id).locator('figure.view');
      const count = await figures.count();
      assert.equal(count, 4);
      for (let i = 0; i < count; i += 1) {
        const [svgDownload] = await Promise.all([page.waitForEvent('download'), figures.nth(i).locator('button.view-save').nth(0).click()]);
        assert.match(svgDownload.suggestedFilename(), /\.svg$/);
        const svg = await readFile(await svgDownload.path(), 'utf8');
        assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        assert.match(svg, /style="fill:/, 'styles are inlined so the file stands alone');
        const [pngDownload] = await Promise.all([page.waitForEvent('download'), figures.nth(i).locator('button.view-save').nth(1).click()]);
        assert.match(pngDownload.suggestedFilename(), /\.png$/);
        const png = await readFile(await pngDownload.path());
        assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
        assert.ok(png.length > 2000, 'the PNG has content');
      }
      assert.deepEqual(page.problems, []);
    } finally {
      await closePage(page);
    }
  });

  for (const [name, options, theme] of [['light', { viewport: DESKTOP }, 'light'], ['dark', { viewport: DESKTOP }, 'dark'], ['phone', { viewport: PHONE, isMobile: true, hasTouch: true }, 'light']]) {
    test(`views fit the example at ${name} (screenshot test-results/live-example/views-${name}.png)`, async () => {
      const page = await openHostPage(options);
      try {
        await page.evaluate((theme) => { document.documentElement.dataset.theme = theme; }, theme);
        const id = await addExample(page, viewsCode);
        assert.equal((await runExample(page, id)).status, 'ok');
        const overflow = await page.evaluate((id) => {
          const element = document.querySelector(`live-example[example-id="${id}"]`);
          const box = element.getBoundingClientRect();
          const sticking = [...element.shadowRoot.querySelectorAll('figure, pre, .toolbar, .cm-editor')]
            .filter((node) => node.getBoundingClientRect().right > box.right + 1).map((node) => node.className);
          return { pageScrolls: document.documentElement.scrollWidth > innerWidth, sticking };
        }, id);
        assert.deepEqual(overflow, { pageScrolls: false, sticking: [] });
        // CodeMirror measures line heights once the editor is on screen; give it a frame after scrolling there.
        await example(page, id).locator('.cm-editor').scrollIntoViewIfNeeded();
        await page.waitForTimeout(150);
        await example(page, id).screenshot({ path: path.join(shotsDir, `views-${name}.png`) });
        assert.deepEqual(page.problems, []);
      } finally {
        await closePage(page);
      }
    });
  }
});
