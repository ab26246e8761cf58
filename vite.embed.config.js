// Second Vite build, after the site's: the embed layer for other people's pages, written to dist/embed/.
//   attention-workshop.js  one <script type="module"> registers every element (web/embed/attention-workshop.js)
//   sdk.js (+ sdk.d.ts)     createPlayground() for host pages (web/embed/sdk.js), no dependencies
// Two runs (scripts/build.sh): AW_EMBED_PART=elements (default) writes the bundle and empties dist/embed/ first;
// AW_EMBED_PART=sdk adds sdk.js as its own single file (no chunk shared with the bundle, so it can be copied alone).
// Every URL inside is relative to the file that holds it (import.meta.url), so dist/embed/ works from any origin
// and any sub-path; chunks/ and assets/ are its own (the site's dist/assets/ are not shared, so either folder can
// be copied alone).
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { katexWoff2Only } from './vite.config.js';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(repoRoot, 'dist/embed');
const part = process.env.AW_EMBED_PART === 'sdk' ? 'sdk' : 'elements';
const entries = {
  elements: { 'attention-workshop': path.join(repoRoot, 'web/embed/attention-workshop.js') },
  sdk: { sdk: path.join(repoRoot, 'web/embed/sdk.js') },
};

/** Puts the SDK's hand-written types beside it. */
function copySdkTypes() {
  return {
    name: 'aw-embed-sdk-types',
    apply: 'build',
    async closeBundle() { await copyFile(path.join(repoRoot, 'web/embed/sdk.d.ts'), path.join(outDir, 'sdk.d.ts')); },
  };
}

export default defineConfig({
  root: path.join(repoRoot, 'web'),
  base: './',
  publicDir: false,
  plugins: [katexWoff2Only(), ...(part === 'sdk' ? [copySdkTypes()] : [])],
  resolve: { alias: { 'attention-workshop': path.join(repoRoot, 'js/index.js') } },
  worker: { format: 'es', rollupOptions: { output: { entryFileNames: 'chunks/[name]-[hash].js', chunkFileNames: 'chunks/[name]-[hash].js' } } },
  build: {
    outDir,
    emptyOutDir: part === 'elements',
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      input: entries[part],
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
