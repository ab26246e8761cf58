// Loads the <live-example> element (web/src/live/index.js registers it) on the first page that has live
// examples. It is looked up with import.meta.glob so the shell still builds and works while that module does not
// exist: the examples then stay as their code, styled as plain code blocks.

const liveModules = import.meta.glob('./live/index.js');
let loading = null;

/** Imports the live-example module once; resolves to true when <live-example> is available. */
export function loadLiveExamples() {
  loading ??= (async () => {
    const load = liveModules['./live/index.js'];
    if (!load) {
      console.warn('Attention Workshop: web/src/live/index.js is not built into this site, so live examples show their code only.');
      return false;
    }
    try {
      await load();
      return true;
    } catch (error) {
      console.error('Attention Workshop: the live examples could not be loaded.', error);
      return false;
    }
  })();
  return loading;
}
