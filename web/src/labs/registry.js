// Lab kinds → their modules. Each entry is a lazy import(), so a page downloads only the labs it shows; the build
// (web/build/lab-blocks.js) reads LAB_KINDS from this file to reject a ```lab``` block of an unknown kind.
//
// To add a lab: create web/src/labs/<kind>/index.js exporting mount(container, context) (see README, "Labs"), and
// add one line here. Keep this file free of other imports: the build imports it in Node.

/** Every lab kind the site knows, with the function that loads its module. */
export const LAB_MODULES = {
  'mask-composer': () => import('./mask-composer/index.js'),
  'query-steps': () => import('./query-steps/index.js'),
  'score-functions': () => import('./score-functions/index.js'),
  stability: () => import('./stability/index.js'),
  complexity: () => import('./complexity/index.js'),
  training: () => import('./training/index.js'),
};

/** The kinds a ```lab kind=…``` block may name. */
export const LAB_KINDS = Object.freeze(Object.keys(LAB_MODULES));

/** Loads the module of `kind`; rejects with a message naming the known kinds when there is no such lab. */
export function loadLabModule(kind) {
  const load = Object.hasOwn(LAB_MODULES, kind) ? LAB_MODULES[kind] : null;
  if (!load) return Promise.reject(new Error(`unknown lab kind "${kind}"; expected one of ${LAB_KINDS.join(', ')}`));
  return load();
}
