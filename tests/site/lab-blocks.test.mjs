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
    const { html, labs } = renderChapter(chapter('```lab kind=mask-composer id=my-mask\nlq: 3\nlk: 5\npreset: "causal"\nnote: "a <b> & \'quote\'"\n```'), where);
    assert.match(html, /<workshop-lab kind="mask-composer" lab-id="my-mask" lang="en" config="[^"]*"><\/workshop-lab>/);
    assert.deepEqual(attributeJson(html), { lq: 3, lk: 5, preset: 'causal', note: "a <b> & 'quote'" });
    assert.deepEqual(labs, [{ id: 'my-mask', kind: 'mask-composer', line: 7 }]);
  });

  test('an empty body gives {} and the options may be written in any YAML style', () => {
    const empty = renderChapter(chapter('```lab id=s kind=mask-composer\n```'), where);
    assert.deepEqual(attributeJson(empty.html), {});
    const flow = renderChapter(chapter('```lab kind=mask-composer id=s\n{ magnitude: 30, dtype: float32 }\n```'), where);
    assert.deepEqual(attributeJson(flow.html), { magnitude: 30, dtype: 'float32' });
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
