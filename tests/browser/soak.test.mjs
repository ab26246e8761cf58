// Soak test: moving between chapters leaks nothing. One page of the built site (dist/) visits every chapter in every
// language, round after round, through the site's own hash navigation (no reload), runs every live example on
// each, opens its embed panels, answers a quiz and checks an exercise. After each round, through the Chrome
// DevTools protocol (HeapProfiler.collectGarbage first): the JS heap (Performance.getMetrics → JSHeapUsedSize),
// the heap's objects without V8's compiled code (a heap snapshot), DOM nodes, event listeners and live workers.
// After the last round the objects, nodes and listeners must be within 10 % of after the first, and no more
// workers may be alive.
//
// Why objects without code: JSHeapUsedSize also counts the machine code V8's optimising compilers keep producing
// for hot functions (about 50 kB a round here, all of type "code" in a snapshot diff; with --js-flags=--no-opt
// --no-maglev the same soak stays flat). That is the engine warming up, not something this site holds on to; a
// leaked chapter, editor or drawing shows up as objects, nodes and listeners. Both figures are printed.
//
//   AW_SOAK_ROUNDS=20 node --test tests/browser/soak.test.mjs     the full soak (about 20 × one round)
//
// By default it runs 3 rounds, to keep `npm test` short; the figures are printed either way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatRoute } from '../../web/src/router.js';
import { openPage, repoRoot, serveAndLaunch } from './harness.mjs';

const distDir = path.resolve(process.env.AW_DIST_DIR ?? path.join(repoRoot, 'dist'));
const ROUNDS = Math.max(2, Number(process.env.AW_SOAK_ROUNDS ?? 3));
const ALLOWED_GROWTH = 0.10;
const manifest = JSON.parse(await readFile(path.join(distDir, 'chapters.json'), 'utf8'));
const routes = manifest.chapters.flatMap((chapter) =>
  manifest.languages.filter((lang) => chapter.versions[lang]).map((lang) => formatRoute(lang, chapter.slug)));

const site = serveAndLaunch(distDir);

/**
 * One round, run inside the page: navigate the single-page site to each route (the site's own hash routing), wait
 * for the chapter, run every example meant to finish normally. Defined once and called once per round, so the test
 * itself compiles almost no new code in the page (every page.evaluate() would leave a compiled script behind, and
 * a few hundred of them are a heap growth of their own).
 */
function defineRound() {
  const nextFrame = () => new Promise((resolve) => { setTimeout(resolve, 20); });
  window.__awSoakRound = async (routes) => {
    const failures = [];
    let ran = 0;
    for (const route of routes) {
      location.hash = route;
      // The router runs on hashchange, after this: wait for the new chapter's own article, not the old one's body.
      const [, lang, slug] = route.split('/');
      const ready = () => document.documentElement.lang.startsWith(lang)
        && document.querySelector(`main article.chapter[data-chapter="${slug}"] .chapter-body:not([aria-busy])`);
      const deadline = performance.now() + 15_000;
      while (!ready()) {
        if (performance.now() > deadline) throw new Error(`${route} did not load within 15 s`);
        await nextFrame();
      }
      const examples = [...document.querySelectorAll('live-example')];
      if (examples.length) await customElements.whenDefined('live-example');
      // Let the runs on load finish first: running an example again while it runs restarts the shared worker.
      const settled = (e) => !(e.hasAttribute('autorun') || e.hasAttribute('norun'))
        || ['ok', 'error', 'timeout', 'stopped', 'crashed'].includes(e.dataset.state);
      while (!examples.every(settled)) {
        if (performance.now() > deadline + 30_000) throw new Error(`${route}: the examples that run on load did not finish`);
        await nextFrame();
      }
      for (const example of examples) {
        if ((example.dataset.expectedStatus ?? 'ok') !== 'ok') continue; // a time-out demo costs seconds, proves nothing here
        const status = await example.run();
        ran += 1;
        if (status !== 'ok') failures.push(`${route} ${example.getAttribute('example-id')}: ${status}`);
      }
      // What a learner does besides running examples: open the embed panels, answer a quiz (the first option, or 1),
      // check an exercise (its starter code: a failing report).
      for (const panel of document.querySelectorAll('details.embed-snippets')) panel.open = true;
      const quiz = document.querySelector('workshop-quiz');
      if (quiz) {
        await customElements.whenDefined('workshop-quiz');
        if (quiz.optionNodes) quiz.optionNodes[0].input.click();
        else quiz.numberInput.value = '1';
        if (!(await quiz.submit())) failures.push(`${route} quiz ${quiz.quizId}: not answered`);
      }
      const exercise = document.querySelector('workshop-exercise');
      if (exercise) {
        await customElements.whenDefined('workshop-exercise');
        const report = await exercise.check();
        if (!report || !Array.isArray(report.cases)) failures.push(`${route} exercise ${exercise.exerciseId}: no report`);
      }
    }
    return { ran, failures };
  };
}

/**
 * The heap's objects without V8's compiled code, from a heap snapshot: the sum of the self sizes of every node that
 * is not of type "code" (machine code, bytecode, feedback vectors and their metadata).
 */
async function heapWithoutCode(cdp) {
  const chunks = [];
  const onChunk = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const { snapshot: { meta }, nodes } = JSON.parse(chunks.join(''));
  const fields = meta.node_fields.length;
  const typeField = meta.node_fields.indexOf('type');
  const sizeField = meta.node_fields.indexOf('self_size');
  const codeType = meta.node_types[typeField].indexOf('code');
  let bytes = 0;
  for (let i = 0; i < nodes.length; i += fields) if (nodes[i + typeField] !== codeType) bytes += nodes[i + sizeField];
  return bytes;
}

async function measure(cdp) {
  // Twice: the first collection can leave garbage that finalisers release.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return {
    heap: get('JSHeapUsedSize'), objects: await heapWithoutCode(cdp),
    nodes: get('Nodes'), listeners: get('JSEventListeners'),
  };
}

test(`${ROUNDS} rounds through every chapter in every language, running every example: heap objects, DOM nodes and listeners stay within 10 %`, { timeout: ROUNDS * 180_000 }, async () => {
  const page = await openPage(site.browser, { viewport: { width: 1100, height: 900 } });
  try {
    const workers = [];
    page.on('worker', (worker) => workers.push(worker));
    await page.goto(site.server.url + routes[0]);
    await (await page.waitForSelector('.chapter-body:not([aria-busy])')).dispose();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.enable');

    await page.evaluate(defineRound);
    // Every round ends on the first chapter, so each measurement sees the same chapter's DOM.
    const roundRoutes = [...routes.slice(1), routes[0]];
    const figures = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const started = Date.now();
      const { ran, failures } = await page.evaluate((list) => window.__awSoakRound(list), roundRoutes);
      assert.deepEqual(failures, [], `round ${round}`);
      figures.push({ round, seconds: (Date.now() - started) / 1000, ran, workersAlive: page.workers().length, ...(await measure(cdp)) });
    }

    const mb = (bytes) => (bytes / 1e6).toFixed(2);
    const growth = (f, key) => `${(((f[key] / figures[0][key]) - 1) * 100).toFixed(1)} %`;
    console.log('  round  JS heap MB  vs 1st  objects MB  vs 1st   nodes  listeners  workers alive  examples run  seconds');
    for (const f of figures) {
      console.log(`  ${String(f.round).padStart(5)}  ${mb(f.heap).padStart(10)}  ${growth(f, 'heap').padStart(6)}`
        + `  ${mb(f.objects).padStart(10)}  ${growth(f, 'objects').padStart(6)}`
        + `  ${String(f.nodes).padStart(6)}  ${String(f.listeners).padStart(9)}  ${String(f.workersAlive).padStart(13)}  ${String(f.ran).padStart(12)}  ${f.seconds.toFixed(1).padStart(7)}`);
    }
    console.log(`  workers started during the soak: ${workers.length}`);
    const [first, last] = [figures[0], figures.at(-1)];
    assert.ok(last.objects <= first.objects * (1 + ALLOWED_GROWTH),
      `the heap's objects after round ${last.round} are ${mb(last.objects)} MB, more than 10 % above ${mb(first.objects)} MB after round 1`);
    assert.ok(last.nodes <= first.nodes * (1 + ALLOWED_GROWTH), `DOM nodes grew from ${first.nodes} to ${last.nodes}`);
    assert.ok(last.listeners <= first.listeners * (1 + ALLOWED_GROWTH), `event listeners grew from ${first.listeners} to ${last.listeners}`);
    // Labs with a worker of their own (the training labs) start one per visit; leaving the chapter must end it.
    assert.ok(last.workersAlive <= first.workersAlive, `workers alive grew from ${first.workersAlive} to ${last.workersAlive}`);
    assert.deepEqual(page.problems, []);
  } finally {
    await page.context().close();
  }
});
