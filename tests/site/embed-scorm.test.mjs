// The parts of the embed layer that need no browser: SCORM score, status and suspend_data (web/embed/scorm.js),
// the frame's reading of its host= parameter (web/embed/frame-channel.js), the package builder's argument checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUSPEND_DATA_LIMIT, decodeSuspendData, encodeSuspendData, findScormApi, packageItems, scormResult } from '../../web/embed/scorm.js';
import { parseHostOrigin } from '../../web/embed/frame-channel.js';
import { buildScorm, scormManifest } from '../../scripts/build-scorm.mjs';

const manifest = {
  chapters: [
    { slug: '01-a', versions: { en: { exercises: [], quizzes: [{ id: 'q1' }] } } },
    { slug: '04-b', versions: { en: { exercises: [{ id: 'e1' }, { id: 'e2' }], quizzes: [{ id: 'q2' }] } } },
  ],
};
const empty = { exercises: {}, quizzes: {} };

test('packageItems: all chapters, or only the chosen ones', () => {
  assert.deepEqual(packageItems(manifest, []), { exercises: ['04-b/e1', '04-b/e2'], quizzes: ['01-a/q1', '04-b/q2'] });
  assert.deepEqual(packageItems(manifest, ['04-b']), { exercises: ['04-b/e1', '04-b/e2'], quizzes: ['04-b/q2'] });
});

test('scormResult: score counts passed exercises and right answers; completed needs every exercise passed and every quiz answered', () => {
  const items = packageItems(manifest, ['04-b']);
  assert.deepEqual(scormResult(items, empty), { passed: 0, correct: 0, answered: 0, total: 3, raw: 0, status: 'incomplete' });
  const attemptedOnly = { exercises: { '04-b/e1': { attempted: true, passed: false } }, quizzes: {} };
  assert.equal(scormResult(items, attemptedOnly).raw, 0, 'an attempt that failed is not a point');
  const twoPassed = { exercises: { '04-b/e1': { passed: true }, '04-b/e2': { passed: true } }, quizzes: {} };
  assert.deepEqual(scormResult(items, twoPassed), { passed: 2, correct: 0, answered: 0, total: 3, raw: 67, status: 'incomplete' });
  const wrongAnswer = { ...twoPassed, quizzes: { '04-b/q2': { answered: true, correct: false } } };
  assert.deepEqual(scormResult(items, wrongAnswer), { passed: 2, correct: 0, answered: 1, total: 3, raw: 67, status: 'completed' });
  const outside = { exercises: { '01-a/e9': { passed: true } }, quizzes: { '01-a/q1': { answered: true, correct: true } } };
  assert.equal(scormResult(items, outside).raw, 0, 'progress in chapters outside the package does not count');
});

test('suspend_data round-trips and is rejected when it is not ours', () => {
  const items = packageItems(manifest, []);
  const progress = { exercises: { '04-b/e2': { passed: true }, '04-b/e1': { attempted: true, passed: false } },
    quizzes: { '01-a/q1': { answered: true, correct: true }, '04-b/q2': { answered: true, correct: false } } };
  const text = encodeSuspendData(items, progress);
  const restored = decodeSuspendData(text);
  assert.equal(restored.format, 'attention-workshop-progress');
  assert.deepEqual(scormResult(items, restored), scormResult(items, progress));
  assert.equal(decodeSuspendData(''), null);
  assert.throws(() => decodeSuspendData('not json'), /not JSON/);
  assert.throws(() => decodeSuspendData('{"v":2,"e":[],"q":{}}'), /format/);
  assert.throws(() => decodeSuspendData('{"v":1,"e":"x","q":{}}'), /format/);
  const many = { exercises: Array.from({ length: 400 }, (_, i) => `04-b/exercise-number-${i}`), quizzes: [] };
  const allPassed = { exercises: Object.fromEntries(many.exercises.map((k) => [k, { passed: true }])), quizzes: {} };
  assert.throws(() => encodeSuspendData(many, allPassed), new RegExp(`allows ${SUSPEND_DATA_LIMIT}`));
});

test('findScormApi walks up the parents and skips what is not an API', () => {
  const api = { LMSInitialize() {} };
  const top = { API: api };
  top.parent = top;
  const middle = { API: { notAnApi: true }, parent: top };
  const leaf = { parent: middle };
  assert.equal(findScormApi(leaf), api);
  const alone = {};
  alone.parent = alone;
  assert.equal(findScormApi(alone), null);
  const popup = { opener: leaf };
  popup.parent = popup;
  assert.equal(findScormApi(popup), api);
});

test('parseHostOrigin keeps an http(s) origin or *, and refuses everything else', () => {
  assert.equal(parseHostOrigin('https://course.example.org/path?x'), 'https://course.example.org');
  assert.equal(parseHostOrigin('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
  assert.equal(parseHostOrigin('*'), '*');
  for (const bad of [null, '', 'javascript:alert(1)', 'file:///etc', 'not a url', 'data:text/html,x']) assert.equal(parseHostOrigin(bad), null, String(bad));
});

test('the SCORM manifest escapes titles; the builder names a wrong chapter or language', async () => {
  const xml = scormManifest({ identifier: 'x', title: 'A & <B>', files: ['index.html'] });
  assert.match(xml, /<title>A &amp; &lt;B&gt;<\/title>/);
  assert.match(xml, /<file href="index\.html"\/>/);
  await assert.rejects(buildScorm({ chapters: ['99-nope'] }), /unknown chapter\(s\) 99-nope|dist\/scorm\.html is missing/);
});
