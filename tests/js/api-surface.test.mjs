// The package surface: resolvable by name, index.js only re-exports, and index.d.ts declares and
// documents exactly what the runtime provides.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as api from 'attention-workshop';
import { attention } from './helpers.mjs';

const declarations = readFileSync(new URL('../../js/index.d.ts', import.meta.url), 'utf8');

test("'attention-workshop' resolves to js/index.js by the package's own exports", () => {
  assert.equal(fileURLToPath(import.meta.resolve('attention-workshop')), fileURLToPath(new URL('../../js/index.js', import.meta.url)));
});

test('js/index.js only re-exports', () => {
  const source = readFileSync(new URL('../../js/index.js', import.meta.url), 'utf8');
  const code = source.split('\n').filter((line) => line.trim() && !line.trim().startsWith('//'));
  for (const line of code) assert.match(line, /^export \{ [\w, ]+ \} from '\.\/[a-z-]+\.js';$/);
});

test('index.d.ts is valid TypeScript declaration syntax', async () => {
  const { parseAst } = await import('rolldown/parseAst');
  assert.ok(parseAst(declarations, { lang: 'dts' }).body.length > 0);
});

// Members declared in `export interface <name> { … }` (or class), by name.
function declaredMembers(name) {
  const start = declarations.search(new RegExp(`^export (declare class|interface) ${name}\\b`, 'm'));
  assert.ok(start >= 0, `${name} is declared`);
  const body = declarations.slice(declarations.indexOf('{', start) + 1, declarations.indexOf('\n}', start));
  return [...body.matchAll(/^ {2}(?:readonly )?(\w+)\??[(:]/gm)].map((match) => match[1]);
}

test('every runtime export is declared', () => {
  for (const name of Object.keys(api)) assert.match(declarations, new RegExp(`^export declare (function|class) ${name}\\b`, 'm'), name);
});

test('the Attention interface declares exactly the members of a created instance', async () => {
  const attn = await attention();
  assert.deepEqual(declaredMembers('Attention').sort(), Object.keys(attn).sort());
  assert.deepEqual(declaredMembers('Scores').sort(), Object.keys(attn.scores).sort());
  assert.deepEqual(declaredMembers('Masks').sort(), Object.keys(attn.masks).sort());
  assert.deepEqual(declaredMembers('Positional').sort(), Object.keys(attn.positional).sort());
  assert.deepEqual(declaredMembers('Random').sort(), Object.keys(attn.random).sort());
  assert.deepEqual(declaredMembers('Gradients').sort(), Object.keys(attn.grad).sort());
  const model = attn.createTransformer();
  assert.deepEqual(declaredMembers('Transformer').sort(), Object.keys(model).sort());
  model.dispose();
  assert.deepEqual(declaredMembers('AttentionInfo').sort(), Object.keys(attn.info()).sort());
});

test('every declaration and member in index.d.ts has a doc comment', () => {
  const lines = declarations.split('\n');
  lines.forEach((line, i) => {
    if (/^export |^ {2}(readonly )?\w+\??[(:]|^ {2}constructor\(|^ {2}get\(/.test(line)) {
      assert.match(lines[i - 1], /\*\/\s*$/, `line ${i + 1} has no doc comment: ${line.trim()}`);
    }
  });
});
