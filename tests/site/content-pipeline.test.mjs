// Tests of the build-time content pipeline (web/build/content-pipeline.js), in Node without a browser:
// front matter, live-example fences and their options, escaping, math, highlighting, links, and that a teacher's
// new Markdown file becomes a chapter. The last group checks every real chapter's live examples round-trip.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import {
  ContentError, escapeScriptText, loadContent, parseLiveInfo, renderChapter, renderCodeBlock, slugifyHeading,
} from '../../web/build/content-pipeline.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const where = { file: 'web/content/en/09-test.md', lang: 'en', chapter: '09-test' };
const chapter = (body, frontMatter = 'title: Test chapter\nsummary: One line.\nstatus: complete') =>
  `---\n${frontMatter}\n---\n\n${body}\n`;

/** What a browser's parser gives as the text of each <script type="text/plain"> in `html`. */
function scriptTexts(html) {
  return [...html.matchAll(/<script type="text\/plain">([\s\S]*?)<\/script>/g)].map((match) => match[1]);
}

describe('front matter', () => {
  test('title, summary and status are read from front matter and not rendered', () => {
    const { meta, html } = renderChapter(chapter('Body.', 'title: 什么是注意力机制\nsummary: 一句话。\nstatus: outline'), where);
    assert.deepEqual(meta, { title: '什么是注意力机制', summary: '一句话。', status: 'outline' });
    assert.equal(html.trim(), '<p>Body.</p>');
  });

  test('summary and status are optional; status defaults to complete', () => {
    assert.deepEqual(renderChapter(chapter('x', 'title: T'), where).meta, { title: 'T', summary: '', status: 'complete' });
  });

  test('a missing title, an unknown status or an unknown field is an error naming the file', () => {
    assert.throws(() => renderChapter(chapter('x', 'summary: s'), where), /09-test\.md:2: front matter needs a title/);
    assert.throws(() => renderChapter(chapter('x', 'title: T\nstatus: draft'), where), /status must be complete or outline, got "draft"/);
    assert.throws(() => renderChapter(chapter('x', 'title: T\nauthor: A'), where), /unknown front matter field\(s\): author/);
    assert.throws(() => renderChapter('No front matter', where), ContentError);
  });
});

describe('live example fences', () => {
  test('options are parsed; norun implies autorun', () => {
    assert.deepEqual(parseLiveInfo('js live id=softmax-temperature autorun timeout=8000'),
      { id: 'softmax-temperature', autorun: true, readonly: false, norun: false, timeout: 8000 });
    assert.deepEqual(parseLiveInfo('javascript live id=a readonly norun'),
      { id: 'a', autorun: true, readonly: true, norun: true, timeout: null });
    assert.equal(parseLiveInfo('js'), null);
    assert.equal(parseLiveInfo('python live id=a'), null);
  });

  test('a missing or malformed id, a bad timeout or an unknown option is an error', () => {
    assert.throws(() => parseLiveInfo('js live autorun'), /needs an id/);
    assert.throws(() => parseLiveInfo('js live id=Softmax_T'), /kebab-case/);
    assert.throws(() => parseLiveInfo('js live id=a timeout=5s'), /whole number of milliseconds/);
    assert.throws(() => parseLiveInfo('js live id=a timeout=0'), /whole number/);
    assert.throws(() => parseLiveInfo('js live id=a autoran'), /unknown live example option "autoran"/);
  });

  test('a live fence becomes a <live-example> with its attributes and the original code', () => {
    const code = 'const x = [1, 2];\nshow(attn.softmax(x), `T = ${1 < 2 && "a"}`);';
    const { html, liveExamples } = renderChapter(chapter(`\`\`\`js live id=first-example norun timeout=2000\n${code}\n\`\`\``), where);
    assert.match(html, /^<live-example example-id="first-example" chapter="09-test" lang="en" autorun norun timeout="2000"><script type="text\/plain">/);
    assert.deepEqual(scriptTexts(html), [code], 'code is kept byte for byte, without entity escaping');
    assert.deepEqual(liveExamples.map((e) => e.id), ['first-example']);
  });

  test('"</script" and "<!--" in code cannot end the script element', () => {
    const code = "const html = '</script><script>alert(1)</script>'; // <!-- x -->\nconst re = /<\\/SCRIPT>/i;";
    const { html } = renderChapter(chapter(`\`\`\`js live id=tricky\n${code}\n\`\`\``), where);
    const [text] = scriptTexts(html);
    assert.ok(!/<\/script/i.test(text) && !text.includes('<!--'));
    assert.equal(text, escapeScriptText(code));
    // JavaScript reads the escaped forms identically inside strings and regular expressions.
    assert.equal(new Function("return '<\\/script>'")(), '</script>');
    assert.equal(new Function("return /<\\!--/.test('<!--')")(), true);
    assert.equal(escapeScriptText('a </ScRiPt b <!-- c'), 'a <\\/ScRiPt b <\\!-- c');
  });

  test('an id used twice in one chapter is an error with its line', () => {
    const body = '```js live id=a\n1\n```\n\ntext\n\n```js live id=a\n2\n```';
    assert.throws(() => renderChapter(chapter(body), where), /09-test\.md:13: live example id "a" is used twice/);
  });
});

describe('Markdown rendering', () => {
  test('math is rendered by KaTeX at build time, inline and display', () => {
    const { html, hasMath } = renderChapter(chapter('Inline $\\sqrt{d_k}$ and\n\n$$\n\\mathrm{softmax}(x)_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}\n$$'), where);
    assert.equal(hasMath, true);
    assert.match(html, /<span class="katex">/);
    assert.match(html, /class="katex-display"/);
    assert.match(html, /<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML">/, 'MathML for screen readers');
  });

  test('a formula KaTeX cannot parse stops the build with the file and formula', () => {
    assert.throws(() => renderChapter(chapter('Bad $\\frac{1}{$ here.'), where), /09-test\.md: cannot render math: .*\\frac\{1\}\{/);
  });

  test('code fences are highlighted for JavaScript and C++ and plain otherwise, always escaped', () => {
    assert.match(renderCodeBlock('const a = 1 < 2;\n', 'js'), /<span class="tok-keyword">const<\/span>.*&lt;/);
    assert.match(renderCodeBlock('// why\nint main() { return 0; }\n', 'cpp'), /<span class="tok-comment">\/\/ why<\/span>\n<span class="tok-typeName">int<\/span>.*<span class="tok-keyword">return<\/span>/);
  });

  test('C++ and Python fences are parsed by their Lezer grammars, not guessed by patterns', () => {
    // What a regex tokenizer gets wrong: keywords inside strings or comments, a raw string holding quotes, a
    // preprocessor line with a header name, Python keywords inside names and strings.
    const cpp = renderCodeBlock('#include <xtensor/xarray.hpp>\nauto s = R"(return "x")"; // for\nstd::size_t n = 0x1F;\n', 'c++');
    assert.match(cpp, /<span class="tok-meta">#include<\/span> <span class="tok-string2">&lt;xtensor\/xarray.hpp&gt;<\/span>/);
    assert.match(cpp, /<span class="tok-string2">R&quot;\(return &quot;x&quot;\)&quot;<\/span>;/, 'a raw string is one string');
    assert.match(cpp, /<span class="tok-comment">\/\/ for<\/span>/);
    assert.match(cpp, /<span class="tok-number">0x1F<\/span>/);
    const python = renderCodeBlock('def f(x):\n    """return x"""\n    return np.pass_ + f"{x} if"  # in\n', 'py');
    assert.match(python, /<span class="tok-keyword">def<\/span> <span class="tok-variableName tok-definition">f<\/span>/);
    assert.match(python, /<span class="tok-string">(?:"|&quot;){3}return x(?:"|&quot;){3}<\/span>/);
    assert.match(python, /<span class="tok-comment"># in<\/span>/);
    assert.doesNotMatch(python, /<span class="tok-keyword">(?:if|in|pass_?)<\/span>/, 'no keyword inside a string, comment or name');
    assert.equal(renderCodeBlock('<b>&\n', 'text'), '<pre class="code-block" data-language="text"><code class="language-text">&lt;b&gt;&amp;</code></pre>\n');
    assert.equal(renderCodeBlock('x', ''), '<pre class="code-block"><code>x</code></pre>\n');
  });

  test('headings get ids (also in Chinese), anchors and a list for the table of contents', () => {
    const { html, headings } = renderChapter(chapter('## 缩放点积注意力\n\n### Why √d?\n\n## 缩放点积注意力'), { ...where, lang: 'zh' });
    assert.deepEqual(headings.map((h) => [h.level, h.id]), [[2, '缩放点积注意力'], [3, 'why-d'], [2, '缩放点积注意力-2']]);
    assert.match(html, /<h2 id="缩放点积注意力">缩放点积注意力<a class="heading-anchor" href="#\/zh\/09-test\/%E7%BC%A9/);
    assert.equal(slugifyHeading('Nadaraya–Watson kernel regression'), 'nadarayawatson-kernel-regression');
  });

  test('links to other chapter files become site routes; in-page links become section routes', () => {
    const { html } = renderChapter(chapter('[a](02-core-principles.md) [b](../zh/01-what-is-attention.md#history) [c](#masks) [d](https://arxiv.org/abs/1706.03762)'), where);
    assert.match(html, /href="#\/en\/02-core-principles"/);
    assert.match(html, /href="#\/zh\/01-what-is-attention\/history"/);
    assert.match(html, /href="#\/en\/09-test\/masks"/);
    assert.match(html, /href="https:\/\/arxiv.org\/abs\/1706.03762" rel="noopener" class="external"/);
  });

  test('tables are wrapped so they scroll on narrow screens', () => {
    assert.match(renderChapter(chapter('| a | b |\n|---|---|\n| 1 | 2 |'), where).html, /<div class="table-wrap" tabindex="0">\n<table>/);
  });
});

describe('content folder', () => {
  test('a new Markdown file is a new chapter, ordered by its number; stray files are ignored with a warning', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'aw-content-'));
    try {
      await mkdir(path.join(dir, 'zh'));
      await mkdir(path.join(dir, 'en'));
      await writeFile(path.join(dir, 'en', '10-attention-in-vision.md'), chapter('Patches.', 'title: Attention in vision'));
      await writeFile(path.join(dir, 'en', '02-core.md'), chapter('Core.', 'title: Core'));
      await writeFile(path.join(dir, 'zh', '02-core.md'), chapter('核心。', 'title: 核心'));
      await writeFile(path.join(dir, 'en', 'notes.md'), 'scratch');
      const { manifest, pages, warnings } = await loadContent(dir);
      assert.deepEqual(manifest.chapters.map((c) => c.slug), ['02-core', '10-attention-in-vision']);
      assert.deepEqual(Object.keys(manifest.chapters[1].versions), ['en']);
      assert.deepEqual([...pages.keys()].sort(), ['en/02-core', 'en/10-attention-in-vision', 'zh/02-core']);
      assert.ok(warnings.some((w) => w.includes('notes.md is ignored')));
      assert.ok(warnings.some((w) => w.includes('10-attention-in-vision has no zh version')));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a missing content folder gives an empty manifest, not a failed build', async () => {
    const { manifest } = await loadContent(path.join(os.tmpdir(), 'aw-no-such-content-folder'));
    assert.deepEqual(manifest.chapters, []);
  });
});

describe('the workshop chapters', async () => {
  const contentDir = path.join(repoRoot, 'web/content');
  const { manifest, pages } = await loadContent(contentDir);
  const md = new MarkdownIt();

  test('both languages have the same chapters and the same live example ids', () => {
    for (const c of manifest.chapters) {
      const ids = manifest.languages.filter((lang) => c.versions[lang]).map((lang) => c.versions[lang].liveExamples.map((e) => e.id));
      for (const list of ids) assert.deepEqual(list, ids[0], `${c.slug}: live example ids`);
    }
  });

  for (const [key, page] of pages) {
    test(`${key}: every live example carries its fence's code exactly`, async () => {
      const source = await readFile(page.file, 'utf8');
      const fences = md.parse(source, {}).filter((t) => t.type === 'fence' && parseLiveInfo(t.info));
      const texts = scriptTexts(page.html);
      assert.equal(texts.length, fences.length);
      // Undo the two script-safe escapes; what is left must be the author's code.
      texts.forEach((text, i) => assert.equal(text.replace(/<\\\/script/gi, (m) => `</${m.slice(3)}`).replace(/<\\!--/g, '<!--'),
        fences[i].content.replace(/\n$/, '')));
    });
  }

  // A code fence that lost its closing line (as a merge once did in chapter 2) swallows the Markdown after it into
  // the snippet, up to the next bare fence: the page then misses a section and its lab, and nothing else notices.
  for (const [key, page] of pages) {
    test(`${key}: no live example swallowed a following fence or heading (a missing closing fence)`, async () => {
      const fences = md.parse(await readFile(page.file, 'utf8'), {}).filter((t) => t.type === 'fence' && parseLiveInfo(t.info));
      for (const fence of fences) {
        const swallowed = fence.content.split('\n').find((line) => /^(```|~~~|#{1,6} )/.test(line));
        assert.equal(swallowed, undefined, `live example ${parseLiveInfo(fence.info).id} (line ${fence.map[0] + 1}) contains "${swallowed}": is its closing fence missing?`);
      }
    });
  }

  test('chapter files are named NN-slug.md', async () => {
    for (const lang of manifest.languages) {
      for (const name of await readdir(path.join(contentDir, lang)).catch(() => [])) {
        if (name.endsWith('.md')) assert.match(name, /^\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.md$/);
      }
    }
  });
});
