// Chapter 5 quotes code — exercise solutions, wrong solutions from the mutation tests, C++ kernel lines — and the
// checkers' messages. Each quoted fence is marked `<!-- quote: <path> -->`; every line of it must still be a line of
// that file, and every "Likely mistake" it prints must still be a message the checker can give, or the chapter would
// explain code and messages the project no longer has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { missingLines } from './quoted-lines.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const chapter = (lang) => readFile(path.join(repoRoot, `web/content/${lang}/05-worked-solutions.md`), 'utf8');
const EXERCISES = ['stable-softmax', 'nadaraya-watson', 'why-sqrt-dk', 'scaled-dot-product-attention', 'additive-scores',
  'causal-masked-attention', 'safe-masked-softmax', 'cross-attention', 'self-attention-projections', 'multi-head-attention',
  'permutation-equivariance', 'sinusoidal-encoding', 'rope', 'alibi', 'attention-flops', 'kv-cache-decode',
  'grouped-query-attention', 'sliding-window-attention', 'tiled-attention', 'online-softmax-merge', 'linear-attention',
  'sparsemax'];

/** Every `<!-- quote: file -->` marker and the non-empty lines of the fence right after it. */
export function quotedFences(markdown) {
  const quotes = [];
  for (const match of markdown.matchAll(/<!-- quote: (\S+) -->\n(`{3,})[^\n]*\n([\s\S]*?)\n\2\n/g)) {
    quotes.push({ file: match[1], lines: match[3].split('\n').filter((line) => line.trim() !== '') });
  }
  return quotes;
}

/** The text a quote is checked against: an exercise's solution, the code of its mutation fixtures, or a whole file. */
async function quotedSource(file) {
  const url = pathToFileURL(path.join(repoRoot, file)).href;
  if (/^web\/exercises\/[a-z-]+\.js$/.test(file)) return (await import(url)).default.solution;
  if (/^tests\/exercises\/[a-z-]+\.mjs$/.test(file)) {
    const { wrong, right } = (await import(url)).default;
    return [...wrong, ...right].map((fixture) => fixture.code).join('\n');
  }
  return readFile(path.join(repoRoot, file), 'utf8');
}

/** The text after "Likely mistake: " / "可能的错误：" in each quoted checker message. */
function likelyMistakes(markdown) {
  const unescape = (s) => s.replace(/&#124;/g, '|').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
  return [...markdown.matchAll(/<samp>(?:Likely mistake: |可能的错误：)(.*?)<\/samp>/g)].map((m) => unescape(m[1]));
}

test('chapter 5 quotes the same code in zh and en, with a quote marker before each fence', async () => {
  const [zh, en] = await Promise.all([chapter('zh'), chapter('en')]);
  assert.ok(quotedFences(en).length >= 22 * 3, 'a solution and two wrong solutions per exercise, plus the core');
  assert.deepEqual(quotedFences(zh), quotedFences(en));
  assert.equal((en.match(/<!-- quote:/g) ?? []).length, quotedFences(en).length, 'a marker not followed by a fence');
});

test('every quoted line is still a line of the file it names', async () => {
  for (const lang of ['zh', 'en']) {
    for (const quote of quotedFences(await chapter(lang))) {
      assert.deepEqual(missingLines(await quotedSource(quote.file), quote), [], `${lang}: lines missing from ${quote.file}`);
    }
  }
});

test('every exercise of chapter 4 has its reference solution quoted and a link to it', async () => {
  for (const lang of ['zh', 'en']) {
    const text = await chapter(lang);
    const files = quotedFences(text).map((q) => q.file);
    for (const id of EXERCISES) {
      assert.ok(files.includes(`web/exercises/${id}.js`), `${lang}: no solution of ${id}`);
      assert.ok(files.includes(`tests/exercises/${id}.mjs`), `${lang}: no wrong solution of ${id}`);
      assert.ok(text.includes(`(04-programming-exercises.md#${id})`), `${lang}: no link to ${id}`);
    }
  }
});

test('every quoted "likely mistake" is still a message of the checker', async () => {
  const sources = await Promise.all([...EXERCISES.map((id) => `web/exercises/${id}.js`), 'web/src/exercises/checker.js']
    .map((file) => readFile(path.join(repoRoot, file), 'utf8')));
  const messages = sources.join('\n').replace(/\\'/g, "'");
  for (const lang of ['zh', 'en']) {
    const quoted = likelyMistakes(await chapter(lang));
    assert.ok(quoted.length >= 22, `${lang}: ${quoted.length} likely mistakes quoted`);
    for (const message of quoted) assert.ok(messages.includes(message), `${lang}: not a checker message: ${message}`);
  }
});

test('the checks reject an edited line, a marker without its fence and a reworded message', () => {
  const source = 'const max = Math.max(...scaled);\nconst e = scaled.map((v) => Math.exp(v - max));\n';
  const [quote] = quotedFences('<!-- quote: x.js -->\n```js\nconst e = scaled.map((v) => Math.exp(v));\n```\n');
  assert.equal(missingLines(source, quote).length, 1);
  assert.deepEqual(quotedFences('<!-- quote: x.js -->\n\ntext\n'), []);
  assert.deepEqual(likelyMistakes('> <samp>Likely mistake: no max &#124;x&#124;</samp>'), ['no max |x|']);
});
