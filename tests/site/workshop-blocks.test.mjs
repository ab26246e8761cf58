// Tests of the ```exercise and ```quiz blocks in the content pipeline (web/build/workshop-blocks.js): what they render
// to, and that every malformed block stops the build with the file and the offending line.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContent, renderChapter } from '../../web/build/content-pipeline.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const where = { file: 'web/content/en/09-test.md', lang: 'en', chapter: '09-test' };
// The front matter takes lines 1–3 and a blank line follows, so a block's fence is on line 5.
const chapter = (body) => `---\ntitle: Test\n---\n\n${body}\n`;
const exercise = (info, body) => chapter(`\`\`\`exercise ${info}\n${body}\n\`\`\``);
const quiz = (body, info = 'id=q1', extra = '') => chapter(`${extra}\`\`\`quiz ${info}\n${body}\n\`\`\``);
const GOOD_EXERCISE_BODY = 'starter: |\n  function softmax(x) {}\nhints:\n  - "Subtract the max: $z - c$."\n  - Second.';

describe('exercise blocks', () => {
  test('render a <workshop-exercise> with the starter, hints (math rendered) and options; listed with the heading as title', () => {
    const result = renderChapter(chapter(`### 1. Stable softmax\n\n\`\`\`exercise id=stable-softmax timeout=3000 tolerance=1e-5,1e-3\n${GOOD_EXERCISE_BODY}\n\`\`\``), where);
    assert.match(result.html, /<workshop-exercise id="stable-softmax" exercise-id="stable-softmax" chapter="09-test" lang="en" timeout="3000" tolerance="\{&quot;abs&quot;:0.00001,&quot;rel&quot;:0.001\}">/);
    assert.match(result.html, /<script type="text\/plain" data-starter>function softmax\(x\) \{\}<\/script>/);
    assert.equal((result.html.match(/class="exercise-hint"/g) ?? []).length, 2);
    assert.match(result.html, /class="katex/);
    assert.deepEqual(result.exercises, [{ id: 'stable-softmax', title: '1. Stable softmax' }]);
  });

  test('malformed blocks stop the build with file and line', () => {
    const cases = [
      [exercise('', GOOD_EXERCISE_BODY), /09-test\.md:5: exercise block needs an id/],
      [exercise('id=Stable_Softmax', GOOD_EXERCISE_BODY), /:5: exercise id must be kebab-case/],
      [exercise('id=no-such-exercise', GOOD_EXERCISE_BODY), /:5: exercise "no-such-exercise" has no module web\/exercises\/no-such-exercise\.js/],
      [exercise('id=stable-softmax timeout=fast', GOOD_EXERCISE_BODY), /:5: exercise timeout must be a whole number/],
      [exercise('id=stable-softmax tolerance=-1', GOOD_EXERCISE_BODY), /:5: exercise tolerance must be/],
      [exercise('id=stable-softmax colour=red', GOOD_EXERCISE_BODY), /:5: unknown exercise option "colour=red"/],
      [exercise('id=stable-softmax', 'hints:\n  - one'), /:5: exercise needs starter/],
      [exercise('id=stable-softmax', 'starter: |\n  f()\n'), /:5: exercise needs hints/],
      [exercise('id=stable-softmax', 'starter: |\n  f()\nhints: [a]\nsolution: x'), /:9: unknown exercise field "solution"/],
      [exercise('id=stable-softmax', 'starter: |\n  f()\nhints: [a\n'), /:(8|9|10): exercise block is not valid YAML/],
      [chapter(`\`\`\`exercise id=stable-softmax\n${GOOD_EXERCISE_BODY}\n\`\`\`\n\n\`\`\`exercise id=stable-softmax\n${GOOD_EXERCISE_BODY}\n\`\`\``), /:13: exercise id "stable-softmax" is used twice/],
    ];
    for (const [source, expected] of cases) assert.throws(() => renderChapter(source, where), expected);
  });
});

const SINGLE = `kind: single
question: Which is right?
options:
  - text: A
    correct: true
    explain: Because.
  - text: B
    explain: No.`;

describe('quiz blocks', () => {
  test('render a <workshop-quiz> whose JSON config has HTML for the question, options and explanations', () => {
    const result = renderChapter(quiz(SINGLE.replace('Which is right?', 'Is $a < b$?')), where);
    const json = /<workshop-quiz id="quiz-q1" quiz-id="q1" chapter="09-test" lang="en"><script type="application\/json">([^<]*)<\/script>/.exec(result.html);
    assert.ok(json, result.html);
    const config = JSON.parse(json[1]);
    assert.equal(config.kind, 'single');
    assert.match(config.question, /katex/);
    assert.doesNotMatch(json[1], /</, 'no raw < inside the script');
    assert.deepEqual(config.options.map((o) => [o.text, o.correct, o.explain]), [['A', true, 'Because.'], ['B', false, 'No.']]);
    assert.deepEqual(result.quizzes, [{ id: 'q1', kind: 'single', title: 'Is $a < b$?' }]);
  });

  test('numeric, multiple and predict quizzes', () => {
    const numeric = renderChapter(quiz('kind: numeric\nquestion: How many GiB?\nanswer: 8\ntolerance: 0.05\nunit: GiB\nexplain: 2·L·d·bytes.'), where);
    assert.match(numeric.html, /&quot;|"answer":8/);
    const percent = renderChapter(quiz('kind: numeric\nquestion: Q?\nanswer: 100\ntolerance: 5%\nexplain: E.'), where);
    assert.match(percent.html, /"rel":0.05/);
    renderChapter(quiz(SINGLE.replace('single', 'multiple').replace('    explain: No.', '    correct: true\n    explain: No.')), where);
    const predict = renderChapter(quiz('kind: predict\nquestion: Q?\nexample: demo\nanswer: 1\ntolerance: 0.1\nexplain: E.', 'id=p1',
      '```js live id=demo\nshow(1)\n```\n\n'), where);
    assert.match(predict.html, /"example":"demo"/);
  });

  test('malformed quizzes stop the build with file and line', () => {
    const cases = [
      [quiz(SINGLE, ''), /:5: quiz block needs an id/],
      [quiz(SINGLE.replace('single', 'essay')), /:6: quiz kind must be single, multiple, numeric, predict/],
      [quiz(SINGLE.replace('question: Which is right?\n', '')), /:5: quiz needs a question/],
      [quiz(SINGLE.replace('    explain: No.', '')), /explain: for option 2/],
      [quiz(SINGLE.replace('    explain: No.', '    correct: true\n    explain: No.')), /exactly one option with correct: true, found 2/],
      [quiz(SINGLE.replace('    correct: true\n', '')), /exactly one option with correct: true, found 0/],
      [quiz(`${SINGLE}\nhint: x`), /:14: unknown quiz field "hint"/],
      [quiz('kind: numeric\nquestion: Q?\nanswer: eight\nexplain: E.'), /:8: a numeric quiz needs options: or a numeric answer/],
      [quiz('kind: numeric\nquestion: Q?\nanswer: 8\ntolerance: -1\nexplain: E.'), /:9: quiz tolerance must be/],
      [quiz('kind: numeric\nquestion: Q?\nanswer: 8'), /explain: \(why the answer is what it is\)/],
      [quiz('kind: predict\nquestion: Q?\nexample: missing\nanswer: 1\nexplain: E.'), /:5: predict quiz "q1" names example "missing", but this chapter has no live example/],
      [quiz('kind: single\nquestion: [unclosed'), /:(6|7|8): quiz block is not valid YAML/],
    ];
    for (const [source, expected] of cases) assert.throws(() => renderChapter(source, where), expected);
  });
});

describe('the workshop chapters', async () => {
  const { manifest } = await loadContent(path.join(repoRoot, 'web/content'));
  test('exercise and quiz ids are the same in every language (progress is keyed by id)', () => {
    for (const c of manifest.chapters) {
      const ids = manifest.languages.filter((lang) => c.versions[lang])
        .map((lang) => [...c.versions[lang].exercises, ...c.versions[lang].quizzes].map((e) => e.id));
      for (const list of ids) assert.deepEqual(list, ids[0], `${c.slug}: exercise and quiz ids`);
    }
  });
  test('every exercise has its wrong-solution fixtures in tests/exercises/<id>.mjs', () => {
    for (const c of manifest.chapters) {
      for (const { id } of c.versions.en?.exercises ?? []) {
        assert.ok(existsSync(path.join(repoRoot, 'tests/exercises', `${id}.mjs`)), `tests/exercises/${id}.mjs is missing`);
      }
    }
  });
});
