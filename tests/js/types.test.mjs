// The package's types (js/index.d.ts) agree with how the README and the tests use the API: scripts/typecheck.mjs
// runs `tsc --noEmit` over the README's JavaScript API blocks, tests/js/*.mjs and tests/types/rejected-calls.mjs
// (wrong calls the types must refuse, right ones written differently they must accept).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('tsc --noEmit finds no type error in the README examples and the tests', () => {
  const script = fileURLToPath(new URL('../../scripts/typecheck.mjs', import.meta.url));
  const { status, stdout, stderr } = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  assert.equal(status, 0, `${stdout}${stderr}`);
  assert.match(stdout, /no type errors/);
});
