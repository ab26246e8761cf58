// ```lab kind=<kind> id=<kebab-id>``` fences (CONTRACTS.md): an interactive lab placed in a chapter. The optional
// body is YAML (the lab's options); the fence becomes
//   <workshop-lab kind="…" lab-id="…" lang="…" config="<json>"></workshop-lab>
// which web/src/labs/ turns into the lab. Malformed blocks stop the build with the file and line (the caller adds
// them to the message).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { checkLabOptions } from '../src/labs/lab-options.js';

// The kinds come from the site's own registry, so adding a lab there is the only step. The URL is computed so
// that Vite's bundling of its config (which imports this file) leaves the registry's lazy imports alone.
const registryUrl = new URL('../src/labs/registry.js', import.meta.url).href;
const { LAB_KINDS } = await import(/* @vite-ignore */ registryUrl);

export { LAB_KINDS };

// Each kind's options, from web/src/labs/<kind>/options.js when the lab describes them there (the lab and the
// build then check the same rules); a kind without that file takes any options.
const LAB_OPTION_SPECS = {};
for (const kind of LAB_KINDS) {
  const url = new URL(`../src/labs/${kind}/options.js`, import.meta.url);
  if (existsSync(fileURLToPath(url))) LAB_OPTION_SPECS[kind] = (await import(/* @vite-ignore */ url.href)).OPTIONS;
}

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Parses the info string of a lab fence, e.g. "lab kind=mask-composer id=causal-composer".
 * Returns null when the fence is not a lab; throws with a readable message when it is a malformed one.
 */
export function parseLabInfo(info, kinds = LAB_KINDS) {
  const words = info.trim().split(/\s+/);
  if (words[0] !== 'lab') return null;
  const options = { kind: null, id: null };
  for (const word of words.slice(1)) {
    const [key, value, ...rest] = word.split('=');
    if ((key === 'kind' || key === 'id') && value !== undefined && rest.length === 0 && options[key] === null) {
      options[key] = value;
    } else {
      throw new Error(`unknown lab option "${word}"; expected kind=<kind> and id=<kebab-id>, once each`);
    }
  }
  if (!options.kind) throw new Error(`lab needs a kind, e.g. \`\`\`lab kind=${kinds[0]} id=my-lab; kinds: ${kinds.join(', ')}`);
  if (!kinds.includes(options.kind)) throw new Error(`unknown lab kind "${options.kind}"; expected one of ${kinds.join(', ')}`);
  if (!options.id) throw new Error(`lab needs an id, e.g. \`\`\`lab kind=${options.kind} id=my-lab`);
  if (!KEBAB_CASE.test(options.id)) throw new Error(`lab id must be kebab-case (a-z, 0-9, dashes), got "${options.id}"`);
  return options;
}

/**
 * The lab's options from the fence body (a YAML mapping, may be empty), checked against the options `kind`
 * describes; throws a readable message for anything else.
 */
export function parseLabConfig(body, kind) {
  let config;
  try {
    config = YAML.parse(body) ?? {};
  } catch (error) {
    throw new Error(`lab options are not valid YAML: ${error.message.split('\n')[0]}`);
  }
  if (typeof config !== 'object' || Array.isArray(config)) {
    throw new Error('lab options must be "key: value" lines (a YAML mapping), or nothing');
  }
  const specs = LAB_OPTION_SPECS[kind];
  const problems = specs ? checkLabOptions(specs, config).problems : [];
  if (problems.length) throw new Error(`${kind} lab: ${problems.join('; ')}`);
  return config;
}

const ATTRIBUTE_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeAttribute = (text) => String(text).replace(/[&<>"']/g, (c) => ATTRIBUTE_ESCAPES[c]);

/** The <workshop-lab> element for one lab fence. */
export function renderLab({ kind, id }, config, { lang }) {
  return `<workshop-lab kind="${escapeAttribute(kind)}" lab-id="${escapeAttribute(id)}" lang="${escapeAttribute(lang)}" config="${escapeAttribute(JSON.stringify(config))}"></workshop-lab>\n`;
}
