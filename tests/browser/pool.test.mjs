// createAttentionPool() in Chromium, on a page served as a plain static host serves it (no COOP/COEP
// headers, so no cross-origin isolation and no usable SharedArrayBuffer): module workers, each with
// its own wasm instance, give the synchronous API's numbers and errors, honour an AbortSignal and
// write into caller-provided buffers. Takes about 5 s.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, openPage, repoRoot, startStaticServer } from './harness.mjs';

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await startStaticServer(repoRoot);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the pool works on a page without cross-origin isolation', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.url}tests/browser/fixtures/pool/index.html`);
  await page.waitForFunction(() => window.poolResults, null, { timeout: 60_000 });
  const results = await page.evaluate(() => window.poolResults);
  assert.equal(results.error, undefined, results.error);
  assert.equal(results.crossOriginIsolated, false, 'the page is not cross-origin isolated');
  assert.equal(results.info.workers, results.hardwareConcurrency, 'one worker per logical core by default');
  assert.equal(results.info.arch, 'wasm');
  assert.equal(results.outputDifference, 0);
  assert.equal(results.weightsDifference, 0);
  assert.equal(results.wroteIntoOut, true);
  assert.equal(results.tiledDifference, 0);
  assert.ok(results.syncError, 'the synchronous call refuses k of another width');
  assert.deepEqual(results.poolError, results.syncError);
  assert.equal(results.abortError?.name, 'AbortError');
  assert.equal(results.afterAbortDifference, 0, 'the pool works after an abort');
  assert.match(results.afterDispose?.message ?? '', /this AttentionPool was disposed/);
  assert.deepEqual(page.problems, []);
});
