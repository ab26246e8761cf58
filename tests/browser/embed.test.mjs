// Browser tests of the embed layer (web/embed/, issue 12) against the BUILT site in dist/ and dist/embed/. The site
// is served with CORS (as the README asks of a host of the bundle) on one port; every host page is served from a
// SECOND port, i.e. another origin; an unrelated page from a THIRD. Covered: the Embed panel's two snippets, used
// verbatim on the host page (the script tag runs an example and checks an exercise; the iframe reports its height
// and the host resizes it); the SDK (run, getCode, setCode, check, events); messages from an unrelated origin are
// ignored both ways; Escape then Tab leaves an embedded editor; no console errors. SCORM: the package of chapter 4
// in the real LMS-side runtime of scorm-again (score, status, suspend_data, resume). The single file from file://.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { artifactsDir, launchBrowser, openPage, repoRoot, screenshotPageTop, startStaticServer } from './harness.mjs';
import { buildScorm } from '../../scripts/build-scorm.mjs';

const distDir = path.join(repoRoot, 'dist');
const shotsDir = path.join(artifactsDir, 'embed');
const CHAPTER = '04-programming-exercises';
const exerciseModule = async (id) => (await import(pathToFileURL(path.join(repoRoot, 'web/exercises', `${id}.js`)).href)).default;

let site; // the workshop, CORS on (origin A)
let host; // host pages (origin B)
let unrelated; // a third party (origin C)
let hostDir;
let browser;

before(async () => {
  await mkdir(shotsDir, { recursive: true });
  hostDir = await mkdtemp(path.join(os.tmpdir(), 'aw-embed-host-'));
  site = await startStaticServer(distDir, { cors: true });
  host = await startStaticServer(hostDir);
  unrelated = await startStaticServer(hostDir);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await Promise.all([site?.close(), host?.close(), unrelated?.close()]);
  await rm(hostDir, { recursive: true, force: true });
});

/** Writes a host page (origin B) and opens it. */
async function openHostPage(name, body, { server = host, viewport = { width: 1000, height: 900 } } = {}) {
  await writeFile(path.join(hostDir, name), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${name}</title></head><body>${body}</body></html>`);
  const page = await openPage(browser, { viewport });
  await page.goto(`${server.url}${name}`);
  return page;
}

/** The snippets of the site's Embed panel of one item, as a teacher copies them. */
async function copySnippets(itemSelector, lang = 'en') {
  const page = await openPage(browser, { viewport: { width: 1100, height: 900 } });
  await page.goto(`${site.url}index.html#/${lang}/${CHAPTER}`);
  const details = page.locator(`${itemSelector} + details.embed-snippets`).first();
  await details.locator('summary').click();
  const [iframe, script] = await details.locator('textarea').evaluateAll((areas) => areas.map((a) => a.value));
  await details.screenshot({ path: path.join(shotsDir, `embed-panel-${lang}.png`) });
  assert.deepEqual(page.problems, []);
  await page.context().close();
  return { iframe, script };
}

describe('one script tag on a page of another origin', () => {
  test('the Embed panel\'s script snippet runs an example, checks an exercise, shows a lab; Escape then Tab leaves the editor', async () => {
    const { script } = await copySnippets('#stable-softmax');
    assert.match(script, new RegExp(`^<script type="module" src="${site.url}embed/attention-workshop.js"></script>`));
    const page = await openHostPage('script-tag.html', `
      <h1>A course page</h1>
      <live-example example-id="hello" lang="en" autorun><script type="text/plain">show(attn.softmax([1, 2, 3]), 'weights');</script></live-example>
      ${script}
      <workshop-lab kind="mask-composer" lab-id="masks" lang="en"></workshop-lab>
      <button id="after">after</button>`);
    await page.waitForFunction(() => document.querySelector('live-example')?.dataset.state === 'ok', null, { timeout: 60_000 });
    const output = await page.evaluate(() => document.querySelector('live-example').shadowRoot.querySelector('.output').textContent);
    assert.match(output, /0\.0900/); // softmax([1,2,3]) = [0.0900, 0.2447, 0.6652]
    const { solution, entry } = await exerciseModule('stable-softmax');
    const [starterReport, solutionReport] = await page.evaluate(async (code) => {
      const exercise = document.querySelector('workshop-exercise');
      const first = await exercise.check();
      exercise.code = code;
      return [first, await exercise.check()];
    }, solution);
    assert.equal(starterReport.passed, false, 'the starter must fail');
    assert.equal(solutionReport.passed, true, JSON.stringify(solutionReport.cases.filter((c) => !c.passed)));
    assert.ok(entry);
    // The labs come with the same script tag: the lab loads its own module (and the core) from the bundle's origin.
    await page.waitForFunction(() => document.querySelector('workshop-lab')?.dataset.state === 'ready', null, { timeout: 30_000 });

    // Keyboard: into the editor, Escape moves focus to Run, Tab goes on and out of the element to the host's button.
    await page.locator('live-example .cm-content').click();
    await page.keyboard.press('Escape');
    const focusedAfterEscape = await page.evaluate(() => document.querySelector('live-example').shadowRoot.activeElement?.textContent ?? '');
    assert.match(focusedAfterEscape, /Run/);
    let left = false;
    for (let i = 0; i < 40 && !left; i += 1) {
      await page.keyboard.press('Tab');
      left = await page.evaluate(() => document.activeElement?.localName === 'workshop-exercise' || document.activeElement?.id === 'after');
    }
    assert.ok(left, 'Tab never left the live example');
    await screenshotPageTop(page, path.join(shotsDir, 'script-tag-host.png'));
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});

describe('an iframe per item', () => {
  test('the Embed panel\'s iframe snippet: the frame reports its height (also as lti.frameResize), the host resizes it', async () => {
    const { iframe } = await copySnippets('live-example');
    assert.match(iframe, /frame\.html\?chapter=04-programming-exercises&amp;item=/);
    const page = await openHostPage('iframe.html', `
      <script>window.ltiHeights = []; addEventListener('message', (e) => { if (e.data?.subject === 'lti.frameResize') ltiHeights.push(e.data.height); });</script>
      ${iframe}`);
    await page.waitForFunction(() => window.ltiHeights.length > 0, null, { timeout: 60_000 });
    const frame = page.frameLocator('iframe');
    await frame.locator('live-example[data-state="ok"], live-example').first().waitFor();
    await page.waitForFunction(() => {
      const f = document.querySelector('iframe');
      return f.style.height !== '420px' && Math.abs(f.getBoundingClientRect().height - window.ltiHeights.at(-1)) < 1;
    }, null, { timeout: 30_000 });
    const [outer, inner] = await Promise.all([
      page.evaluate(() => document.querySelector('iframe').getBoundingClientRect().height),
      page.frames()[1].evaluate(() => document.documentElement.getBoundingClientRect().height),
    ]);
    assert.ok(Math.abs(outer - Math.ceil(inner)) <= 1, `iframe ${outer}px, content ${inner}px`);
    // Nothing but the size is sent to a page that did not name itself as host.
    const others = await page.evaluate(() => window.ltiHeights.length);
    assert.ok(others >= 1);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('a chapter section, zh and dark theme, click-to-load', async () => {
    const page = await openHostPage('frame-click.html',
      `<iframe style="width:100%;height:600px;border:0" title="section" src="${site.url}frame.html?chapter=${CHAPTER}&item=stable-softmax&lang=zh&theme=dark&loading=click"></iframe>`,
      { viewport: { width: 375, height: 800 } });
    const frame = page.frameLocator('iframe');
    const load = frame.locator('button.embed-load');
    await load.waitFor();
    assert.match(await load.getAttribute('aria-label'), /^加载练习/);
    assert.equal(await frame.locator('workshop-exercise').count(), 0, 'nothing loads before the click');
    await load.click();
    await frame.locator('workshop-exercise[data-editor="ready"]').waitFor({ timeout: 60_000 });
    assert.equal(await page.frames()[1].evaluate(() => document.documentElement.dataset.theme), 'dark');
    await page.screenshot({ path: path.join(shotsDir, 'frame-zh-dark-375.png') });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});

describe('the SDK', () => {
  test('createPlayground on another origin: ready, getCode, setCode, check, run and their events; an unrelated origin is ignored both ways', async () => {
    const { solution } = await exerciseModule('stable-softmax');
    await writeFile(path.join(hostDir, 'intruder.html'), `<!doctype html><meta charset="utf-8"><script>
      // An unrelated origin tries to drive the embed (a sibling frame) and to fake its events to the host.
      addEventListener('message', (e) => {
        if (e.data !== 'attack') return;
        const embed = parent.frames[0];
        embed.postMessage({ protocol: 'attention-workshop-embed', type: 'command', requestId: 1, command: 'setCode', code: 'hacked' }, '*');
        parent.postMessage({ protocol: 'attention-workshop-embed', type: 'check', passed: true, cases: [] }, '*');
        parent.postMessage({ protocol: 'attention-workshop-embed', type: 'resize', height: 5 }, '*');
      });
    </script>`);
    const page = await openHostPage('sdk.html', `
      <div id="playground"></div>
      <iframe id="intruder" title="third party" src="${unrelated.url}intruder.html"></iframe>
      <script type="module">
        import { createPlayground } from '${site.url}embed/sdk.js';
        window.events = [];
        window.playground = createPlayground(document.getElementById('playground'), {
          appUrl: '${site.url}', chapter: '${CHAPTER}', item: 'stable-softmax', lang: 'en', theme: 'light',
        });
        for (const name of ['ready', 'run', 'check', 'quiz', 'resize', 'error']) playground.on(name, (detail) => events.push({ name, detail }));
      </script>`);
    await page.waitForFunction(() => window.playground, null, { timeout: 10_000 });
    const item = await page.evaluate(() => window.playground.ready);
    assert.deepEqual(item, { kind: 'workshop-exercise', id: 'stable-softmax', title: item.title });
    const starter = await page.evaluate(() => window.playground.getCode());
    assert.match(starter, /function softmax/);

    // The intruder (origin C) sends a command to the embed and fake events to the host; neither has any effect.
    await page.frames().find((f) => f.url().startsWith(unrelated.url)).evaluate(() => window.postMessage('attack', '*'));
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.playground.getCode()), starter, 'the embed obeyed another origin');
    assert.equal(await page.evaluate(() => events.filter((e) => e.name === 'check').length), 0, 'the SDK believed another origin');
    assert.notEqual(await page.evaluate(() => window.playground.iframe.style.height), '5px');

    const failed = await page.evaluate(() => window.playground.check());
    assert.equal(failed.passed, false);
    assert.equal(await page.evaluate((code) => window.playground.setCode(code), solution), true);
    assert.equal(await page.evaluate(() => window.playground.getCode()), solution);
    const passed = await page.evaluate(() => window.playground.check());
    assert.equal(passed.passed, true);
    const run = await page.evaluate(() => window.playground.run());
    assert.equal(run.status, 'ok');
    const events = await page.evaluate(() => window.events.map((e) => [e.name, e.detail.passed ?? e.detail.status ?? null]));
    assert.deepEqual(events.filter(([name]) => name === 'check'), [['check', false], ['check', true]]);
    assert.ok(events.some(([name]) => name === 'ready'));
    assert.ok(events.some(([name]) => name === 'resize'));
    const rejected = await page.evaluate(() => window.playground.setCode(42).then(() => 'accepted', (e) => e.message));
    assert.match(rejected, /code must be a string/);

    // A plain iframe of the same item that names no host obeys nobody, not even its own parent.
    const silent = await page.evaluate((url) => new Promise((resolve) => {
      const frame = Object.assign(document.createElement('iframe'), { src: url, title: 'no host' });
      let answered = false;
      addEventListener('message', (e) => { if (e.source === frame.contentWindow && e.data?.type === 'response') answered = true; });
      addEventListener('message', (e) => {
        if (e.source !== frame.contentWindow || e.data?.type !== 'resize') return;
        frame.contentWindow.postMessage({ protocol: 'attention-workshop-embed', type: 'command', requestId: 9, command: 'getCode' }, '*');
        setTimeout(() => resolve(answered), 1500);
      });
      document.body.append(frame);
    }), `${site.url}frame.html?chapter=${CHAPTER}&item=stable-softmax`);
    assert.equal(silent, false, 'an embed without host= answered a command');

    await page.evaluate(() => window.playground.destroy());
    assert.equal(await page.evaluate(() => document.querySelectorAll('#playground iframe').length), 0);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});

describe('SCORM 1.2 package in scorm-again\'s LMS runtime', () => {
  let lmsDir;
  let lms;
  before(async () => {
    lmsDir = await mkdtemp(path.join(os.tmpdir(), 'aw-lms-'));
    const zipFile = path.join(lmsDir, 'package.zip');
    await buildScorm({ chapters: [CHAPTER], lang: 'en', out: zipFile });
    const files = unzipSync(await readFile(zipFile));
    for (const [name, bytes] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(lmsDir, 'package', name)), { recursive: true });
      await writeFile(path.join(lmsDir, 'package', name), bytes);
    }
    await copyFile(path.join(repoRoot, 'node_modules/scorm-again/dist/scorm12.js'), path.join(lmsDir, 'scorm12.js'));
    // The LMS's player: the real runtime as window.API, loaded with what an earlier attempt stored, the SCO in a frame.
    await writeFile(path.join(lmsDir, 'player.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>LMS</title>
      <script src="scorm12.js"></script></head><body style="margin:0">
      <script>
        window.API = new Scorm12API({ logLevel: 4 });
        const saved = new URLSearchParams(location.search).get('suspend');
        if (saved) window.API.loadFromJSON({ suspend_data: saved });
        window.commits = 0; window.API.on('LMSCommit', () => { window.commits += 1; });
      </script>
      <iframe src="package/scorm.html" title="course" style="width:100%;height:900px;border:0"></iframe></body></html>`);
    lms = await startStaticServer(lmsDir);
  });
  after(async () => { await lms?.close(); await rm(lmsDir, { recursive: true, force: true }); });

  test('imsmanifest.xml names SCORM 1.2 and the launch page', async () => {
    const manifest = await readFile(path.join(lmsDir, 'package/imsmanifest.xml'), 'utf8');
    assert.match(manifest, /<schemaversion>1\.2<\/schemaversion>/);
    assert.match(manifest, /adlcp:scormtype="sco" href="scorm\.html"/);
    assert.match(manifest, /<file href="index\.html"\/>/);
  });

  test('completing chapter 4 reports score and status; suspend_data resumes in a fresh browser', async () => {
    const page = await openPage(browser, { viewport: { width: 1100, height: 900 } });
    await page.goto(`${lms.url}player.html`);
    const course = () => page.frames().find((f) => f.url().includes('/index.html'));
    await page.waitForFunction(() => window.API.cmi.core.lesson_status === 'incomplete', null, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('iframe').contentDocument?.getElementById('course')?.contentDocument
      ?.querySelectorAll('workshop-exercise[data-editor="ready"]').length > 0, null, { timeout: 60_000 });
    const ids = await course().evaluate(() => [...document.querySelectorAll('workshop-exercise')].map((e) => e.id));
    for (const id of ids) {
      const { solution } = await exerciseModule(id);
      const report = await course().evaluate(([exerciseId, code]) => {
        const element = document.getElementById(exerciseId);
        element.code = code;
        return element.check();
      }, [id, solution]);
      assert.equal(report.passed, true, `${id} did not pass`);
    }
    const quizzes = await course().evaluate(() => document.querySelectorAll('workshop-quiz').length);
    const expectedRaw = Math.round((100 * ids.length) / (ids.length + quizzes));
    await page.waitForFunction((raw) => window.API.cmi.core.score.raw === String(raw), expectedRaw, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => window.API.cmi.core.lesson_status), 'incomplete', 'quizzes are still unanswered');
    // Answer every quiz (the first option, or a number): all answered → completed.
    await course().evaluate(async () => {
      for (const quiz of document.querySelectorAll('workshop-quiz')) {
        const option = quiz.querySelector('input[type="radio"], input[type="checkbox"]');
        if (option) option.checked = true;
        else quiz.querySelector('input.quiz-number').value = '1';
        await quiz.submit();
      }
    });
    await page.waitForFunction(() => window.API.cmi.core.lesson_status === 'completed', null, { timeout: 20_000 });
    const recorded = await page.evaluate(() => ({
      raw: Number(window.API.cmi.core.score.raw), max: window.API.cmi.core.score.max, suspend: window.API.cmi.suspend_data, commits: window.commits,
    }));
    assert.ok(recorded.raw >= expectedRaw && recorded.raw <= 100, JSON.stringify(recorded));
    assert.equal(recorded.max, '100');
    assert.ok(recorded.commits >= 2);
    assert.equal(JSON.parse(recorded.suspend).e.length, ids.length);
    assert.deepEqual(page.problems, []);
    await page.context().close();

    // Another computer: empty localStorage, the LMS hands back suspend_data; the course shows the exercises passed.
    const fresh = await openPage(browser, { viewport: { width: 1100, height: 900 } });
    await fresh.goto(`${lms.url}player.html?suspend=${encodeURIComponent(recorded.suspend)}`);
    await fresh.waitForFunction((raw) => window.API.cmi.core.score.raw === String(raw), recorded.raw, { timeout: 30_000 });
    assert.equal(await fresh.evaluate(() => window.API.cmi.core.lesson_status), 'completed');
    assert.deepEqual(fresh.problems, []);
    await fresh.context().close();
  });
});

describe('the single offline file', () => {
  const singleFile = path.join(repoRoot, 'dist-single/attention-workshop.html');
  before(async () => {
    const built = await stat(singleFile).then((s) => s.mtimeMs, () => 0);
    const site = await stat(path.join(distDir, 'index.html')).then((s) => s.mtimeMs, () => Infinity);
    if (built < site) await promisify(execFile)(process.execPath, ['scripts/build-single.mjs'], { cwd: repoRoot, maxBuffer: 1 << 24 });
  });

  test('works from file:// with no network: a live example runs, an exercise checks, the training lab trains, both languages are inside', async () => {
    const page = await openPage(browser, { viewport: { width: 1000, height: 900 } });
    const requests = [];
    await page.context().route('**/*', (route) => {
      const url = route.request().url();
      if (!/^(file|data|blob):/.test(url)) requests.push(url);
      return /^(file|data|blob):/.test(url) ? route.continue() : route.abort();
    });
    await page.goto(`${pathToFileURL(singleFile).href}#/en/01-what-is-attention`);
    await page.waitForFunction(() => [...document.querySelectorAll('live-example')].some((e) => e.dataset.state === 'ok'), null, { timeout: 90_000 });
    await page.evaluate(() => { window.location.hash = '#/zh/04-programming-exercises'; });
    await page.waitForFunction(() => document.documentElement.lang.startsWith('zh') && document.querySelector('workshop-exercise'), null, { timeout: 30_000 });
    const report = await page.evaluate(() => document.querySelector('workshop-exercise').check());
    assert.equal(report.passed, false, 'the starter fails its check offline too');
    assert.ok(report.cases.length >= 5);
    await page.screenshot({ path: path.join(shotsDir, 'single-file-zh.png') });
    // The training lab's worker is inlined too: a lab element trains offline (on a chapter that loads the labs).
    await page.evaluate(() => { window.location.hash = '#/en/02-core-principles'; });
    await page.waitForFunction(() => customElements.get('workshop-lab') && document.querySelector('workshop-lab'), null, { timeout: 30_000 });
    await page.evaluate(() => {
      const lab = Object.assign(document.createElement('workshop-lab'), { id: 'offline-training' });
      for (const [name, value] of Object.entries({ kind: 'training', 'lab-id': 'offline-training', lang: 'en', config: '{"task":"reverse"}' })) lab.setAttribute(name, value);
      document.querySelector('main').prepend(lab);
      lab.scrollIntoView();
    });
    await page.waitForFunction(() => document.getElementById('offline-training').dataset.state === 'ready', null, { timeout: 30_000 });
    await page.waitForTimeout(1000); // a lab on screen may start training by itself (autoTrain)
    const training = () => page.evaluate(() => document.getElementById('offline-training').shadowRoot.querySelector('.lab-body')?.dataset.training);
    if (await training() !== 'running') await page.locator('#offline-training').locator('button', { hasText: /^Train/ }).first().click();
    await page.waitForFunction(() => Number(document.getElementById('offline-training').shadowRoot.querySelector('.lab-body')?.dataset.step) >= 5, null, { timeout: 30_000 });
    assert.deepEqual(requests, []);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
