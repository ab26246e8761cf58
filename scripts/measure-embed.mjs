#!/usr/bin/env node
// Measures the embed layer as built (dist/embed/, dist-packages/, dist-single/; this script builds nothing) and
// prints figures; it is not a test. First load of the script-tag bundle: every file the bundle's host sent while a
// page on ANOTHER origin with one autorun <live-example> loaded and showed its output (bundle, chunks, worker,
// wasm), as bytes on disk and gzip -6, as a static host would send them.
//
//   node scripts/measure-embed.mjs
import { readdir, readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, repoRoot } from '../tests/browser/harness.mjs';
import { startStaticServer } from './static-server.mjs';

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const MB = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

const sent = new Set();
const site = await startStaticServer(path.join(repoRoot, 'dist'), { cors: true, onSent: (file) => sent.add(file) });
const hostDir = await mkdtemp(path.join(os.tmpdir(), 'aw-measure-embed-'));
await writeFile(path.join(hostDir, 'index.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="${site.url}embed/attention-workshop.js"></script>
<live-example example-id="m" lang="en" autorun><script type="text/plain">show(attn.softmax([1, 2, 3]))</script></live-example>`);
const host = await startStaticServer(hostDir);
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(host.url);
  await page.waitForFunction(() => document.querySelector('live-example')?.dataset.state === 'ok', null, { timeout: 60_000 });
  await page.waitForTimeout(500);
  let raw = 0;
  let gzip = 0;
  const rows = [];
  for (const file of sent) {
    const bytes = await readFile(file);
    const packed = gzipSync(bytes, { level: 6 }).length;
    raw += bytes.length;
    gzip += packed;
    rows.push(`  ${path.relative(path.join(repoRoot, 'dist'), file).padEnd(52)} ${kB(bytes.length).padStart(10)} ${kB(packed).padStart(10)} gzip`);
  }
  console.log(`Embed bundle, first load of a page with one live example (another origin): ${sent.size} files, ${kB(raw)}, ${kB(gzip)} gzip`);
  console.log(rows.sort().join('\n'));
} finally {
  await browser.close();
  await Promise.all([site.close(), host.close()]);
  await rm(hostDir, { recursive: true, force: true });
}

for (const [label, dir, pattern] of [['SCORM package', 'dist-packages', /\.zip$/], ['Single file', 'dist-single', /\.html$/]]) {
  const files = await readdir(path.join(repoRoot, dir)).catch(() => []);
  for (const name of files.filter((file) => pattern.test(file))) {
    const bytes = await readFile(path.join(repoRoot, dir, name));
    console.log(`${label}: ${dir}/${name} ${MB(bytes.length)}${pattern.source.includes('html') ? ` (${MB(gzipSync(bytes).length)} gzip)` : ''}`);
  }
}
