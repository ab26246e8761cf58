// Vite plugin: `import formulas from './formulas.js?katex'` gives { name: html } — the module's default export
// ({ name: LaTeX }) rendered by KaTeX at build time, so a lab with a few fixed formulas ships their HTML, not KaTeX
// (≈ 270 kB). \htmlClass is allowed (labs highlight a term with it); a formula KaTeX cannot read fails the build.
import { pathToFileURL } from 'node:url';
import katex from 'katex';

const SUFFIX = '?katex';

/** Renders { name: latex } to { name: html } (display mode, HTML and MathML, \htmlClass trusted). */
export function renderFormulas(formulas) {
  return Object.fromEntries(Object.entries(formulas).map(([name, latex]) => [name, katex.renderToString(latex, {
    displayMode: true,
    throwOnError: true,
    output: 'htmlAndMathml',
    trust: ({ command }) => command === '\\htmlClass',
    strict: 'ignore',
  })]));
}

/** The plugin. */
export default function katexPrebuild() {
  return {
    name: 'aw-katex-prebuild',
    async load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const file = id.slice(0, -SUFFIX.length);
      this.addWatchFile(file);
      const { default: formulas } = await import(`${pathToFileURL(file).href}?update=${Date.now()}`);
      return `export default ${JSON.stringify(renderFormulas(formulas))};`;
    },
  };
}
