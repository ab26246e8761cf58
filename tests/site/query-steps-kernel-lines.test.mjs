// The query-steps lab quotes lines of the C++ kernel (web/src/labs/query-steps/kernel-lines.js). Each must still be a
// line of the file it names (leading and trailing spaces aside), or the lab would show code the core no longer runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KERNEL_LINES } from '../../web/src/labs/query-steps/kernel-lines.js';
import { STEPS } from '../../web/src/labs/query-steps/formulas.js';
import { missingLines } from './quoted-lines.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('every step of the lab quotes kernel lines', () => {
  assert.deepEqual(Object.keys(KERNEL_LINES).sort(), [...STEPS].sort());
});

test('every quoted kernel line is still a line of its file in cpp/src', async () => {
  for (const [step, quote] of Object.entries(KERNEL_LINES)) {
    assert.match(quote.file, /^cpp\/src\//);
    const source = await readFile(path.join(repoRoot, quote.file), 'utf8');
    assert.deepEqual(missingLines(source, quote), [], `step ${step}: lines missing from ${quote.file}`);
  }
});

test('the check rejects an edited line, a line from another file and a fragment of a line', async () => {
  const source = await readFile(path.join(repoRoot, 'cpp/src/row_kernels.cpp'), 'utf8');
  const edited = { lines: ['const float m = row_max(row, n + 1);'] };
  const elsewhere = { lines: [KERNEL_LINES.mask.lines[0]] }; // a line of attention_kernels.cpp
  const fragment = { lines: ['row_max(row, n)'] };
  for (const quote of [edited, elsewhere, fragment]) assert.equal(missingLines(source, quote).length, 1, quote.lines[0]);
  assert.deepEqual(missingLines(source, { lines: ['   sum = sum + e;   '] }), [], 'indentation does not matter');
});
