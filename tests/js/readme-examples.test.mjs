// The JavaScript examples of the README's "## JavaScript API" section run, in order, as one script
// (a later block may use a variable of an earlier one), and every error message quoted in a comment
// of an error example is the message the API really gives. AW_README=<file> checks another file.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import * as api from 'attention-workshop';

const readmePath = process.env.AW_README ?? new URL('../../README.md', import.meta.url);
const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
const section = readme.match(/^## JavaScript API\n([\s\S]*?)(?=^## |(?![\s\S]))/m)?.[1];
const blocks = section ? [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]) : [];

// The worker example needs a browser (tests/browser/api-worker.test.mjs covers workers).
const runnable = blocks.filter((code) => !code.includes('new Worker('));

test('the README API examples run and quote the real error messages', { skip: runnable.length === 0 && 'README.md has no "## JavaScript API" section with js examples yet' }, async () => {
  const printed = [];
  const console = { log: (...values) => printed.push(values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ')) };
  const body = runnable.join('\n').replace(/^import \{ ([\w, ]+) \} from 'attention-workshop';$/gm, 'const { $1 } = api;');
  const AsyncFunction = /** @type {FunctionConstructor} */ ((async () => {}).constructor);
  await new AsyncFunction('api', 'console', body)(api, console);

  const quoted = runnable
    .filter((code) => code.includes('catch (error)'))
    .flatMap((code) => [...code.matchAll(/^\/\/ ([\w.]+: .+)$/gm)].map((match) => match[1]));
  assert.ok(quoted.length > 0, 'the error examples quote messages');
  for (const message of quoted) assert.ok(printed.includes(message), `the README quotes a message the API does not give: ${message}`);
});
