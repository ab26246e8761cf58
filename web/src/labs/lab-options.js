// Checking a lab's options (the YAML body of its ```lab``` block) against the lab's own description of them,
// web/src/labs/<kind>/options.js. The same check runs in the build (a bad option stops it with the file and line)
// and in the element (an embedder's bad option shows a warning and falls back to the default). No DOM here.

/**
 * Option specs: { name: spec }, spec one of
 *   { type: 'integer', min, max, default }       a whole number in [min, max]
 *   { type: 'number', min, max, default }        a finite number in [min, max]
 *   { type: 'boolean', default }
 *   { oneOf: [values…], default }                exactly one of the values
 *   { type: 'strings', minItems, maxItems }      a list of texts (default: none)
 */
function describe(spec) {
  if (spec.oneOf) return `one of ${spec.oneOf.join(', ')}`;
  if (spec.type === 'integer') return `a whole number from ${spec.min} to ${spec.max}`;
  if (spec.type === 'number') return `a number from ${spec.min} to ${spec.max}`;
  if (spec.type === 'boolean') return 'true or false';
  return `a list of ${spec.minItems} to ${spec.maxItems} words`;
}

function accepts(spec, value) {
  if (spec.oneOf) return spec.oneOf.includes(value);
  if (spec.type === 'integer') return Number.isInteger(value) && value >= spec.min && value <= spec.max;
  if (spec.type === 'number') return Number.isFinite(value) && value >= spec.min && value <= spec.max;
  if (spec.type === 'boolean') return typeof value === 'boolean';
  return Array.isArray(value) && value.length >= spec.minItems && value.length <= spec.maxItems
    && value.every((item) => ['string', 'number'].includes(typeof item) && String(item).trim() !== '');
}

/**
 * Checks `config` against `specs`. Returns { values, problems }: `values` has every option (the given value when it
 * is acceptable, else the default), `problems` one readable sentence per unknown or unacceptable option.
 */
export function checkLabOptions(specs, config) {
  const values = {};
  const problems = [];
  for (const name of Object.keys(config)) {
    if (!Object.hasOwn(specs, name)) problems.push(`unknown option "${name}"; expected ${Object.keys(specs).join(', ') || 'none'}`);
  }
  for (const [name, spec] of Object.entries(specs)) {
    const given = Object.hasOwn(config, name);
    if (given && accepts(spec, config[name])) values[name] = spec.type === 'strings' ? config[name].map(String) : config[name];
    else values[name] = spec.default;
    if (given && !accepts(spec, config[name])) problems.push(`option "${name}" must be ${describe(spec)}, got ${JSON.stringify(config[name])}`);
  }
  return { values, problems };
}
