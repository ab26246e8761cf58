// `npm run build:single` — the whole workshop as ONE HTML file (dist-single/attention-workshop.html) that works from
// file:// with no server and no network: JS, CSS, fonts, wasm, every chapter in both languages, all inlined.
// Why each setting: a page opened from file:// may not load module scripts, chunks or workers from files, so
//  - vite-plugin-singlefile inlines the entry JS and CSS into the HTML and turns dynamic imports (chapters, labs,
//    exercise modules) into code of the one script;
//  - every asset (KaTeX fonts, the wasm) becomes a data: URL (assetsInlineLimit);
//  - the snippet runner's and the training lab's workers start from data: URLs of inlined copies of their code
//    (Vite's `?worker&inline`), each bundled into one file with the wasm inside.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import siteConfig from './vite.config.js';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));
// The snippet runner's and the training lab's `new Worker(new URL('./…-worker.js', import.meta.url), options)` become
// workers started from an inlined copy of their module, each bundled as one file. (The speed explorer's worker and createAttentionPool's
// are left alone: the explorer's nested workers do not start from data: URLs, and inlining them would add 4.5 MB for
// a lab that then still fails; in this file the explorer says that its measurement failed.)
// Chromium refuses a blob: module worker on a file:// page (asynchronously, so Vite's inline-worker wrapper does not
// notice) but runs a data: URL one, which is the wrapper's fallback when createObjectURL gives nothing. So the
// wrapper is called with createObjectURL briefly returning '': the worker always starts from its data: URL.
const WORKER_CALL = /new Worker\(new URL\('(\.\/(?:runner|training)-worker\.js)', import\.meta\.url\), (\{[^}]*\})\)/g;

function inlineWorkers() {
  return {
    name: 'aw-single-inline-workers',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('node_modules') || !id.endsWith('.js') || !code.includes('new Worker(new URL(')) return null;
      const imports = [];
      const replaced = code.replace(WORKER_CALL, (_, file, options) => {
        const name = `InlineWorker${imports.length}`;
        imports.push(`import ${name} from '${file}?worker&inline';`);
        return `startInlineWorker(${name}, ${options})`;
      });
      if (!imports.length) return null;
      const starter = `function startInlineWorker(InlineWorker, options) {
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = () => '';
  try { return new InlineWorker(options); } finally { URL.createObjectURL = createObjectURL; }
}`;
      return { code: `${imports.join('\n')}\n${starter}\n${replaced}`, map: null };
    },
  };
}

/**
 * The Emscripten loaders name their .wasm with `new URL("attention-*.wasm", import.meta.url)`, a URL they never
 * fetch here (js/load-module.js hands them the compiled module through instantiateWasm). Inlining would copy each
 * wasm a second time into the file, so the name stays a plain string.
 */
function keepLoaderWasmNamesUninlined() {
  return {
    name: 'aw-single-loader-wasm-names',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]build[\\/]wasm[\\/]attention-(simd|scalar)\.js$/.test(id)) return null;
      const replaced = code.replace(/new URL\("(attention-(?:simd|scalar)\.wasm)",import\.meta\.url\)\.toString\(\)/, '"$1"');
      if (replaced === code) this.error(`${id}: the loader's wasm URL was not found; update vite.single.config.js`);
      return { code: replaced, map: null };
    },
  };
}

export default defineConfig({
  ...siteConfig,
  publicDir: false,
  plugins: [...siteConfig.plugins, inlineWorkers(), keepLoaderWasmNamesUninlined(), viteSingleFile({ removeViteModuleLoader: true })],
  worker: { ...siteConfig.worker, plugins: () => [inlineWorkers(), keepLoaderWasmNamesUninlined()], rollupOptions: { output: { codeSplitting: false } } },
  build: {
    ...siteConfig.build,
    outDir: path.join(repoRoot, 'dist-single'),
    emptyOutDir: true,
    assetsInlineLimit: () => true,
    chunkSizeWarningLimit: 100000,
    rollupOptions: { input: { 'attention-workshop': path.join(repoRoot, 'web/index.html') } },
  },
});
