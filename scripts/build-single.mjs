#!/usr/bin/env node
// `npm run build:single` — builds dist-single/attention-workshop.html (see vite.single.config.js), checks that it
// refers to no other file, and prints its size.
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(repoRoot, 'dist-single');
export const SINGLE_FILE = path.join(outDir, 'attention-workshop.html');

await build({ configFile: path.join(repoRoot, 'vite.single.config.js'), logLevel: 'warn' });
await rename(path.join(outDir, 'index.html'), SINGLE_FILE);
// Everything else Vite wrote is left out: the content plugin's chapters.json (inlined in the page) and the speed
// explorer's two worker files, which the single file does without (see vite.single.config.js).
for (const name of await readdir(outDir)) if (name !== path.basename(SINGLE_FILE)) await rm(path.join(outDir, name), { recursive: true, force: true });
// The favicon is the one file index.html links from web/public/: inline it too.
const favicon = await readFile(path.join(repoRoot, 'web/public/favicon.svg'));
const html = (await readFile(SINGLE_FILE, 'utf8'))
  .replace('href="./favicon.svg"', `href="data:image/svg+xml;base64,${favicon.toString('base64')}"`);
await writeFile(SINGLE_FILE, html);
// Anything still loaded from a relative file would fail from file://.
const external = [...html.matchAll(/\b(?:src|href)="(\.\/[^"]+|assets\/[^"]+)"/g)].map((match) => match[1]);
if (external.length) {
  console.error(`[single] the page still refers to files: ${[...new Set(external)].join(', ')}`);
  process.exit(1);
}
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
console.log(`[single] ${path.relative(repoRoot, SINGLE_FILE)}: ${mb(Buffer.byteLength(html))} (${mb(gzipSync(html).length)} gzipped)`);
