// Tests of ```lab``` blocks (web/build/lab-blocks.js through the content pipeline), in Node: a well-formed block
// becomes a <workshop-lab> with its options as JSON, every malformed one stops the build with file and line, and
// every real chapter's labs name registered kinds, with the same ids in zh and en.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContentError, loadContent, renderChapter } from '../../web/build/content-pipeline.js';
import { LAB_KINDS, parseLabInfo } from '../../web/build/lab-blocks.js';
import { LAB_MODULES } from '../../web/src/labs/registry.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const where = { file: 'web/content/en/09-test.md', lang: 'en', chapter: '09-test' };
const chapter = (body) => `---\ntitle: Test chapter\n---\n\nSome text.\n\n${body}\n`;
const attributeJson = (html) => JSON.parse(html.match(/config="([^"]*)"/)[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'"));

describe('lab blocks', () => {
  test('a lab fence becomes <workshop-lab> with kind, id, lang and its YAML options as JSON', () => {
    const { html, labs } = renderChapter(chapter('```lab kind=query-steps id=my-steps\ntokens: ["a <b>", "&", "\'quote\'"]\nstep: "sum"\n```'), where);
    assert.match(html, /<workshop-lab kind="query-steps" lab-id="my-steps" lang="en" config="[^"]*"><\/workshop-lab>/);
    assert.deepEqual(attributeJson(html), { tokens: ['a <b>', '&', "'quote'"], step: 'sum' });
    assert.deepEqual(labs, [{ id: 'my-steps', kind: 'query-steps', line: 7 }]);
  });

  test('an empty body gives {} and the options may be written in any YAML style', () => {
    const empty = renderChapter(chapter('```lab id=s kind=mask-composer\n```'), where);
    assert.deepEqual(attributeJson(empty.html), {});
    const flow = renderChapter(chapter('```lab kind=mask-composer id=s\n{ lq: 3, lk: 0x8, preset: window }\n```'), where);
    assert.deepEqual(attributeJson(flow.html), { lq: 3, lk: 8, preset: 'window' });
    const block = renderChapter(chapter('```lab kind=mask-composer id=s\nlq: 3\nlk: 8\npreset: "window"   # a comment\n```'), where);
    assert.deepEqual(attributeJson(block.html), attributeJson(flow.html));
  });

  const rejected = [
    ['no kind', '```lab id=x\n```', /lab needs a kind/],
    ['an unknown kind', '```lab kind=mask-composr id=x\n```', /unknown lab kind "mask-composr"; expected one of mask-composer/],
    ['no id', '```lab kind=mask-composer\n```', /lab needs an id/],
    ['an id that is not kebab-case', '```lab kind=mask-composer id=My_Lab\n```', /kebab-case/],
    ['an unknown option', '```lab kind=mask-composer id=x autorun\n```', /unknown lab option "autorun"/],
    ['a repeated option', '```lab kind=mask-composer kind=mask-composer id=x\n```', /unknown lab option "kind=mask-composer"/],
    ['options that are not YAML', '```lab kind=mask-composer id=x\nmagnitude: [1, 2\n```', /not valid YAML/],
    ['options that are a list', '```lab kind=mask-composer id=x\n- 1\n- 2\n```', /YAML mapping/],
    ['an option the lab does not have', '```lab kind=mask-composer id=x\nlength: 4\n```', /mask-composer lab: unknown option "length"; expected lq, lk, d, seed, preset/],
    ['a number out of range', '```lab kind=mask-composer id=x\nlq: 9\n```', /option "lq" must be a whole number from 1 to 8, got 9/],
    ['a fraction where a whole number is needed', '```lab kind=mask-composer id=x\nlk: 2.5\n```', /option "lk" must be a whole number/],
    ['a number written as text', '```lab kind=mask-composer id=x\nlq: "4"\n```', /option "lq" must be a whole number from 1 to 8, got "4"/],
    ['a value outside the choices', '```lab kind=mask-composer id=x\npreset: diagonal\n```', /option "preset" must be one of causal, all, none, padding, window, got "diagonal"/],
    ['"yes" for a boolean written as text', '```lab kind=query-steps id=x\ncausal: "yes"\n```', /option "causal" must be true or false/],
    ['a list that is too short', '```lab kind=query-steps id=x\ntokens: [one]\n```', /option "tokens" must be a list of 2 to 8 words/],
    ['a repeated id', '```lab kind=mask-composer id=x\n```\n\n```lab kind=mask-composer id=x\n```', /lab id "x" is used twice/],
  ];
  for (const [what, block, message] of rejected) {
    test(`a lab block with ${what} stops the build with the file and line`, () => {
      assert.throws(() => renderChapter(chapter(block), where), (error) => {
        assert.ok(error instanceof ContentError);
        assert.match(error.message, /^web\/content\/en\/09-test\.md:\d+: /);
        assert.match(error.message, message);
        return true;
      });
    });
  }

  test('other fences are not labs: "lab" must be the first word', () => {
    assert.equal(parseLabInfo('js live id=lab'), null);
    assert.equal(parseLabInfo('laboratory kind=x'), null);
    const { html, labs } = renderChapter(chapter('```text\nlab kind=x\n```'), where);
    assert.deepEqual(labs, []);
    assert.doesNotMatch(html, /workshop-lab/);
  });

  test('the build knows exactly the kinds of web/src/labs/registry.js, and each has its module', async () => {
    assert.deepEqual([...LAB_KINDS], Object.keys(LAB_MODULES));
    for (const kind of LAB_KINDS) {
      const file = path.join(repoRoot, 'web/src/labs', kind, 'index.js');
      await import('node:fs/promises').then((fs) => fs.access(file));
    }
  });

  test('every lab in the real chapters has a registered kind and the same ids in zh and en', async () => {
    const { manifest } = await loadContent(path.join(repoRoot, 'web/content'));
    let count = 0;
    for (const c of manifest.chapters) {
      const [zh, en] = ['zh', 'en'].map((lang) => (c.versions[lang]?.labs ?? []).map((lab) => `${lab.kind}:${lab.id}`));
      assert.deepEqual(zh, en, `${c.slug}: labs differ between zh and en`);
      for (const lab of c.versions.en?.labs ?? []) assert.ok(LAB_KINDS.includes(lab.kind));
      count += en.length;
    }
    assert.ok(count >= 1, 'the chapters place at least one lab');
  });
});
