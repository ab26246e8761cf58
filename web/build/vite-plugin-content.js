// Vite plugin that serves the Markdown chapters as modules:
//   import manifest, { loadChapterHtml } from 'virtual:aw-content';
// `manifest` lists chapters (titles, summaries, status, headings, live example ids) for navigation;
// loadChapterHtml(lang, slug) dynamically imports that chapter's prebuilt HTML, so each chapter is its own small
// chunk and the first load carries only the page being read. The build also writes dist/chapters.json, the same
// manifest, for tests and tools that want to walk every page.
import path from 'node:path';
import { loadContent } from './content-pipeline.js';

const PUBLIC_ID = 'virtual:aw-content';
const MANIFEST_ID = '\0aw-content';
const PAGE_PREFIX = '\0aw-content-page:';
const PAGE_PUBLIC_PREFIX = 'virtual:aw-content-page/';

/**
 * Output file names for build chunks: chapter pages become assets/chapter-<lang>-<slug>-<hash>.js, so a look at
 * dist/ tells which file is which chapter; everything else keeps Vite's default pattern.
 */
export function chunkFileNames(chunk) {
  const id = chunk.facadeModuleId ?? '';
  if (id.startsWith(PAGE_PREFIX)) return `assets/chapter-${id.slice(PAGE_PREFIX.length).replace('/', '-')}-[hash].js`;
  return 'assets/[name]-[hash].js';
}

/** @param {{ contentDir: string }} options absolute path of web/content */
export default function contentPlugin({ contentDir }) {
  let content = null; // Promise of loadContent(), dropped whenever a content file changes
  let reportedWarnings = false;
  let serving = false; // the dev server watches web/content itself (configureServer)
  const readContent = () => (content ??= loadContent(contentDir));

  return {
    name: 'aw-content',

    configResolved(config) {
      serving = config.command === 'serve';
    },

    resolveId(id) {
      if (id === PUBLIC_ID) return MANIFEST_ID;
      if (id.startsWith(PAGE_PUBLIC_PREFIX)) return PAGE_PREFIX + id.slice(PAGE_PUBLIC_PREFIX.length);
      return null;
    },

    async load(id) {
      if (id === MANIFEST_ID) {
        const { manifest, pages, warnings } = await readContent();
        // `vite build --watch` rebuilds when a chapter changes (new files need a restart there).
        if (!serving) for (const { file } of pages.values()) this.addWatchFile(file);
        if (!reportedWarnings) {
          for (const warning of warnings) this.warn(warning);
          reportedWarnings = true;
        }
        const loaders = [...pages.keys()]
          .map((key) => `  ${JSON.stringify(key)}: () => import(${JSON.stringify(PAGE_PUBLIC_PREFIX + key)}),`)
          .join('\n');
        return [
          `const manifest = ${JSON.stringify(manifest)};`,
          'export default manifest;',
          `const pageLoaders = {\n${loaders}\n};`,
          '/** The prebuilt HTML of one chapter in one language; rejects when that version does not exist. */',
          'export async function loadChapterHtml(lang, slug) {',
          '  const load = pageLoaders[`${lang}/${slug}`];',
          '  if (!load) throw new Error(`no chapter ${lang}/${slug}`);',
          '  return (await load()).default;',
          '}',
        ].join('\n');
      }
      if (id.startsWith(PAGE_PREFIX)) {
        const key = id.slice(PAGE_PREFIX.length);
        const { pages } = await readContent();
        const page = pages.get(key);
        if (!page) throw new Error(`aw-content: no chapter ${key}`);
        if (!serving) this.addWatchFile(page.file);
        return `export default ${JSON.stringify(page.html)};`;
      }
      return null;
    },

    async generateBundle() {
      const { manifest } = await readContent();
      this.emitFile({ type: 'asset', fileName: 'chapters.json', source: `${JSON.stringify(manifest, null, 2)}\n` });
    },

    watchChange(id) {
      if (id.startsWith(contentDir)) { content = null; reportedWarnings = false; }
    },

    configureServer(server) {
      // In development a new, changed or deleted chapter reloads the page with fresh content.
      server.watcher.add(contentDir);
      const onContentChange = (file) => {
        if (!path.resolve(file).startsWith(contentDir) || !file.endsWith('.md')) return;
        content = null;
        reportedWarnings = false;
        const graph = server.environments?.client?.moduleGraph ?? server.moduleGraph;
        for (const module of [...graph.idToModuleMap.values()]) {
          if (module.id === MANIFEST_ID || module.id?.startsWith(PAGE_PREFIX)) graph.invalidateModule(module);
        }
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('add', onContentChange);
      server.watcher.on('change', onContentChange);
      server.watcher.on('unlink', onContentChange);
    },
  };
}
