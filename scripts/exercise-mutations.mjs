// For exercise authors: runs each exercise's reference solution, an empty and an identity function, and the wrong
// and right solutions of tests/exercises/<id>.mjs through the checker library in Node (no build, a few seconds), and
// prints what each got:
//
//   node scripts/exercise-mutations.mjs [id ...]        (default: every web/exercises/*.js)
//
// The authoritative test is tests/browser/exercises.test.mjs, which does the same through the page in Chromium.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAttention } from 'attention-workshop';
import { guardApi, runExercise } from '../web/src/exercises/checker.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const attn = await createAttention();
const ids = process.argv.slice(2).length ? process.argv.slice(2)
  : (await readdir(path.join(root, 'web/exercises'))).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3));
let bad = 0;
for (const id of ids) {
  const exercise = (await import(pathToFileURL(path.join(root, 'web/exercises', `${id}.js`)).href)).default;
  const fixtures = await import(pathToFileURL(path.join(root, 'tests/exercises', `${id}.mjs`)).href).then((m) => m.default, () => ({ wrong: [], right: [] }));
  const setup = exercise.setup ? exercise.setup(attn) : {};
  const names = Object.keys(setup);
  const { api, guard } = guardApi(attn, exercise.forbidden);
  // Like the worker: the learner's code with the API and the set-up names in scope, returning the entry function.
  const compile = (code) => new Function('attn', ...names, `${code}\n;return typeof ${exercise.entry} === 'function' ? ${exercise.entry} : undefined;`)(api, ...names.map((n) => setup[n]));
  const check = (code) => runExercise(exercise, compile(code), { attn, lang: 'en', guard });
  const failures = (report) => report.cases.filter((c) => !c.passed).map((c) => c.message).join(' | ');
  const reference = await check(exercise.solution);
  if (!reference.passed) bad += 1;
  console.log(`\n${id}: reference ${reference.passed ? 'passes' : `FAILS: ${failures(reference)}`} (${reference.cases.length} cases)`);
  // As in the browser test: an empty and an identity function must fail (the starter lives in the Markdown).
  const params = exercise.params.join(', ');
  for (const [name, code] of [['empty', `function ${exercise.entry}(${params}) {}`], ['identity', `function ${exercise.entry}(${params}) { return ${exercise.params[0]}; }`]]) {
    const report = await check(code);
    if (report.passed) bad += 1;
    console.log(`  ${report.passed ? 'BAD' : 'ok '} ${name} function ${report.passed ? 'passes' : 'fails'}`);
  }
  for (const wrong of fixtures.wrong) {
    const report = await check(wrong.code);
    const message = failures(report);
    const ok = !report.passed && wrong.expect.test(message);
    if (!ok) bad += 1;
    const shown = message.match(/(Likely mistake: |Your function calls |The output changed |Changing the keys )[^\n|]*/)?.[0] ?? message.split('\n').slice(0, 3).join(' ');
    console.log(`  ${ok ? 'ok ' : 'BAD'} wrong  ${wrong.name}\n        → ${shown.trim()}`);
  }
  for (const right of fixtures.right) {
    const report = await check(right.code);
    if (!report.passed) bad += 1;
    console.log(`  ${report.passed ? 'ok ' : 'BAD'} right  ${right.name}${report.passed ? '' : `: ${failures(report)}`}`);
  }
}
process.exitCode = bad ? 1 : 0;
