#!/usr/bin/env node
// Measures the built site (dist/; this script builds nothing): the bytes of a first visit and the time until the
// first live example shows its output, in headless Chromium on localhost. It prints figures; it is not a test.
//
//   node scripts/measure-site.mjs [--runs 5] [--route '#/zh/01-what-is-attention']
//
// Bytes: every file the server sent during a cold first visit (page, scripts, worker, wasm, styles, chapter data)
// until the first example's output is shown and the network has been quiet for a moment. Sizes are the files'
// bytes on disk and gzip -6 of them, as a static host would send them; fonts are listed apart (KaTeX's, loaded
// only for the glyphs a page uses). 1 kB = 1000 bytes, 1 MB = 10^6 bytes.
// Time: from navigation start to the animation frame in which the first autorun example's output area has
// content, median of several cold loads (fresh browser context, nothing cached).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { launchBrowser, repoRoot } from '../tests/browser/harness.mjs';
import { formatRoute } from '../web/src/router.js';
import { startStaticServer } from './static-server.mjs';

const TARGET_BYTES = 1_500_000;
const TARGET_MS = 1000;
const QUIET_MS = 500;
const OUTPUT_TIMEOUT_MS = 30_000;

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, route: { type: 'string' } },
});
const runs = Math.max(1, Number(args.runs) || 5);
const distDir = path.join(repoRoot, 'dist');

const manifest = JSON.parse(await readFile(path.join(distDir, 'chapters.json'), 'utf8').catch(() => {
  console.error('dist/chapters.json not found: build the site first (npx vite build).');
  process.exit(1);
}));
const firstChapter = manifest.chapters[0];
const route = args.route ?? (firstChapter ? formatRoute(manifest.defaultLanguage, firstChapter.slug) : '');

/** The project's static server over dist/, logging which files it sent, so worker and wasm fetches are counted too. */
async function startLoggingServer() {
  const sent = new Set();
  const server = await startStaticServer(distDir, { onSent: (file) => sent.add(file) });
  return { ...server, sent };
}

// Runs in the page before its own scripts: each animation frame, look for the first autorun example's output.
// The output area is `.output` (or [part~="output"]) in the element's open shadow root or light DOM.
function watchFirstOutput() {
  const check = () => {
    const example = document.querySelector('live-example[autorun]');
    const root = example?.shadowRoot ?? example;
    const output = root?.querySelector('.output, [part~="output"]');
    if (output && (output.childElementCount > 0 || output.textContent.trim())) {
      window.__awFirstOutputMs = performance.now();
      window.__awFirstOutputText = output.textContent.trim().slice(0, 80);
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

async function visit(browser, server) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.addInitScript(watchFirstOutput);
  await page.goto(server.url + route);
  const hasAutorun = await page.waitForSelector('.chapter-body:not([aria-busy])', { timeout: 10_000 })
    .then(() => page.evaluate(() => document.querySelector('live-example[autorun]') !== null));
  let outputMs = null;
  let outputText = '';
  const defined = hasAutorun && await page.waitForFunction(() => window.customElements.get('live-example'), null, { timeout: 10_000 })
    .then(() => true, () => false);
  if (hasAutorun && !defined) errors.push('<live-example> was never defined: is web/src/live/index.js part of the build?');
  if (defined) {
    await page.waitForFunction(() => window.__awFirstOutputMs !== undefined, null, { timeout: OUTPUT_TIMEOUT_MS })
      .catch(() => errors.push(`no output from the first live example within ${OUTPUT_TIMEOUT_MS} ms`));
    [outputMs, outputText] = await page.evaluate(() => [window.__awFirstOutputMs ?? null, window.__awFirstOutputText ?? '']);
  }
  const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  // Let late requests (fonts for formulas further down, other examples' views) finish before counting bytes.
  let before = -1;
  while (server.sent.size !== before) { before = server.sent.size; await page.waitForTimeout(QUIET_MS); }
  await context.close();
  return { outputMs, outputText, paint, errors, hasAutorun };
}

const kindOf = (file) => {
  const ext = path.extname(file).slice(1);
  if (['woff2', 'woff', 'ttf', 'otf'].includes(ext)) return 'font';
  if (['html', 'js', 'css', 'wasm', 'json'].includes(ext)) return ext === 'json' ? 'data' : ext;
  return 'other';
};
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`.padStart(10);
const median = (values) => { const s = [...values].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const server = await startLoggingServer();
const browser = await launchBrowser();
try {
  console.log(`Attention Workshop — first visit to ${route || '(no chapters)'}, dist/ served from 127.0.0.1, Chromium ${browser.version()}\n`);
  const first = await visit(browser, server);
  const files = await Promise.all([...server.sent].map(async (file) => {
    const body = await readFile(file);
    return { file: path.relative(distDir, file), kind: kindOf(file), bytes: body.length, gzip: gzipSync(body, { level: 6 }).length };
  }));

  const kinds = ['html', 'js', 'css', 'wasm', 'data', 'other'];
  console.log('kind        files        bytes         gzip');
  const total = { bytes: 0, gzip: 0, count: 0 };
  for (const kind of kinds) {
    const group = files.filter((f) => f.kind === kind);
    if (!group.length) continue;
    const bytes = group.reduce((sum, f) => sum + f.bytes, 0);
    const gzip = group.reduce((sum, f) => sum + f.gzip, 0);
    Object.assign(total, { bytes: total.bytes + bytes, gzip: total.gzip + gzip, count: total.count + group.length });
    console.log(`${kind.padEnd(8)} ${String(group.length).padStart(8)} ${kB(bytes)} ${kB(gzip)}`);
  }
  console.log(`${'total'.padEnd(8)} ${String(total.count).padStart(8)} ${kB(total.bytes)} ${kB(total.gzip)}   without fonts; target < ${TARGET_BYTES / 1e6} MB uncompressed: ${total.bytes < TARGET_BYTES ? 'met' : 'NOT met'}`);
  const fonts = files.filter((f) => f.kind === 'font').sort((a, b) => b.bytes - a.bytes);
  if (fonts.length) {
    const fontBytes = fonts.reduce((sum, f) => sum + f.bytes, 0);
    console.log(`${'fonts'.padEnd(8)} ${String(fonts.length).padStart(8)} ${kB(fontBytes)} ${kB(fonts.reduce((s, f) => s + f.gzip, 0))}   (KaTeX, listed apart)`);
  }
  console.log('\nfiles:');
  for (const f of files.sort((a, b) => b.bytes - a.bytes)) console.log(`  ${kB(f.bytes)} ${kB(f.gzip)}  ${f.file}`);

  if (!first.hasAutorun) {
    console.log('\nThis page has no autorun live example, so there is no output time to measure (pass --route).');
  } else {
    const times = [first.outputMs];
    for (let i = 1; i < runs; i += 1) times.push((await visit(browser, server)).outputMs);
    const measured = times.filter((t) => t !== null);
    console.log(`\nfirst live example output${first.outputText ? ` ("${first.outputText}…")` : ''}`);
    if (!measured.length) console.log('  not measured: no output appeared (see the problems below)');
    else {
      const m = median(measured);
      console.log(`  median ${m.toFixed(0)} ms over ${measured.length} cold loads (${measured.map((t) => t.toFixed(0)).join(', ')} ms); target < ${TARGET_MS} ms: ${m < TARGET_MS ? 'met' : 'NOT met'}`);
    }
    if (first.paint !== null) console.log(`  first contentful paint ${first.paint.toFixed(0)} ms`);
  }
  if (first.errors.length) console.log(`\nproblems during the visit:\n  ${first.errors.join('\n  ')}`);
} finally {
  await browser.close();
  await server.close();
}
