// The JavaScript API in a real browser (Debian's headless Chromium): on the main thread, inside a
// module Web Worker, and bundled by Vite the way the site bundles it.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchBrowser, openPage, repoRoot, startStaticServer } from './harness.mjs';
import { runChecks } from './fixtures/api/checks.js';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function resultsOf(url, page) {
  await page.goto(url);
  await page.waitForFunction(() => window.apiResults, null, { timeout: 60_000 });
  const results = await page.evaluate(() => window.apiResults);
  assert.equal(results.error, undefined, results.error);
  return results;
}

function assertSameNumbers(actual, expected, label) {
  assert.equal(actual.length, expected.length, `${label}: length`);
  actual.forEach((value, i) => assert.ok(Math.abs(value - expected[i]) <= 1e-6, `${label}[${i}]: ${value} vs ${expected[i]}`));
}

test('the API gives the same results on the main thread, in a module worker and in Node, for both builds', async () => {
  const server = await startStaticServer(repoRoot);
  try {
    const page = await openPage(browser);
    const { mainThread, worker } = await resultsOf(`${server.url}tests/browser/fixtures/api/index.html`, page);
    const node = await runChecks();
    assert.equal(mainThread.environment, 'window');
    assert.equal(worker.environment, 'worker');
    for (const where of [mainThread, worker]) {
      for (const build of ['simd', 'scalar']) {
        const got = where[build];
        const want = node[build];
        assert.equal(got.info.simd, build === 'simd');
        assert.equal(got.info.arch, build === 'simd' ? 'wasm' : 'scalar');
        assert.deepEqual(got.output.shape, want.output.shape);
        assertSameNumbers(got.output.data, want.output.data, `${where.environment} ${build} output`);
        assertSameNumbers(got.softmax, want.softmax, `${where.environment} ${build} softmax`);
        assert.deepEqual(got.weightsShape, [2, 5, 7]);
        assert.ok(got.outputIsOwned, 'results are not views of wasm memory');
        assert.deepEqual(got.error, {
          isError: true,
          message: 'scaledDotProductAttention: k must have the same last dimension as q (d = 8); expected [..., Lk, 8], got [2, 7, 4]',
        });
        assertSameNumbers(got.afterError, [0.25, 0.75], `${where.environment} ${build}: usable after the error`);
      }
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await server.close();
  }
});

test('bundled by Vite into a worker, the package loads only the SIMD build and its wasm is copied as an asset', async () => {
  const { build } = await import('vite');
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'aw-vite-app-'));
  try {
    await build({
      root: path.join(repoRoot, 'tests/browser/fixtures/vite-app'),
      base: './',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
      worker: { format: 'es' }, // as the site: code-split workers, so only the chosen loader is fetched
    });
    const assets = await readdir(path.join(outDir, 'assets'));
    assert.ok(assets.some((name) => /^attention-simd-.*\.wasm$/.test(name)), `SIMD wasm among ${assets}`);
    assert.ok(assets.some((name) => /^attention-scalar-.*\.wasm$/.test(name)), `scalar wasm among ${assets}`);

    const server = await startStaticServer(outDir);
    try {
      const page = await openPage(browser);
      const requested = [];
      page.on('request', (request) => requested.push(new URL(request.url()).pathname));
      const { results } = await resultsOf(server.url, page);
      assert.equal(results.info.simd, true);
      assertSameNumbers(results.softmax, [0.09003057, 0.24472847, 0.66524096], 'softmax');
      assert.match(results.error, /^softmax: x\[1\] must be an array of length 2/);
      assert.ok(requested.some((p) => /attention-simd-.*\.wasm$/.test(p)), 'the SIMD wasm was fetched');
      assert.ok(!requested.some((p) => /attention-scalar/.test(p)), `the scalar build was not fetched: ${requested}`);
      assert.deepEqual(page.problems, []);
    } finally {
      await server.close();
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});

test("under Vite's dev server, the worker imports the package by name and loads only the SIMD wasm", async () => {
  const { createServer } = await import('vite');
  const server = await createServer({
    root: path.join(repoRoot, 'tests/browser/fixtures/vite-app'),
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0 },
  });
  await server.listen();
  try {
    const page = await openPage(browser);
    const requested = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    const { results } = await resultsOf(server.resolvedUrls.local[0], page);
    assert.equal(results.info.arch, 'wasm');
    assertSameNumbers(results.softmax, [0.09003057, 0.24472847, 0.66524096], 'softmax');
    assert.ok(requested.some((p) => p.endsWith('/build/wasm/attention-simd.wasm')), 'the SIMD wasm was fetched');
    assert.ok(!requested.some((p) => /attention-scalar/.test(p)), 'the scalar build was not fetched');
    assert.deepEqual(page.problems, []);
  } finally {
    await server.close();
  }
});
