// Vite configuration for the workshop site: web/ is the root, the built site goes to dist/.
// `base: './'` makes every URL in the build relative, so dist/ works on any static host under any sub-path;
// routing is in the URL fragment (#/zh/01-what-is-attention), so no server rewrites are needed either.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import contentPlugin, { chunkFileNames } from './web/build/vite-plugin-content.js';
import katexPrebuild from './web/build/katex-prebuild.js';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

/**
 * KaTeX's stylesheet lists woff2, woff and ttf for every font. Every browser that runs this site (it needs
 * WebAssembly SIMD and module workers) reads woff2, so the other two are dropped: without this the build would
 * copy about 0.8 MB of fonts that no browser ever requests.
 */
export function katexWoff2Only() {
  return {
    name: 'aw-katex-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]katex[\\/]dist[\\/]katex(\.min)?\.css(\?inline)?$/.test(id)) return null; // ?inline: a lab's shadow root
      return { code: code.replace(/,\s*url\([^)]+\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)/g, ''), map: null };
    },
  };
}

// Every HTML file at the top of web/ is a page of the site: index.html (the course) and embed.html (how another
// page hosts a live example), plus any page added later.
const webRoot = path.join(repoRoot, 'web');
const htmlPages = Object.fromEntries(readdirSync(webRoot)
  .filter((name) => name.endsWith('.html'))
  .map((name) => [name.slice(0, -'.html'.length), path.join(webRoot, name)]));

export default defineConfig({
  root: webRoot,
  base: './',
  publicDir: path.join(repoRoot, 'web/public'),
  plugins: [
    contentPlugin({ contentDir: path.join(repoRoot, 'web/content') }),
    katexWoff2Only(),
    katexPrebuild(),
  ],
  resolve: {
    // The live examples' worker imports the JS API by its package name.
    alias: { 'attention-workshop': path.join(repoRoot, 'js/index.js') },
  },
  worker: { format: 'es' },
  build: {
    outDir: path.join(repoRoot, 'dist'),
    emptyOutDir: true,
    target: 'es2022', // module workers, top-level await and wasm SIMD need this generation of browsers anyway
    assetsInlineLimit: 0, // fonts and wasm stay separate files, fetched only when needed and cached on their own
    chunkSizeWarningLimit: 800,
    rollupOptions: { input: htmlPages, output: { chunkFileNames } },
  },
  server: {
    // js/ (the API) and build/wasm/ (the compiled core) sit beside web/, outside the Vite root.
    fs: { allow: [repoRoot] },
  },
  preview: { port: 4173 },
});
