// Build-time content pipeline: turns web/content/<lang>/<NN>-<slug>.md into chapter HTML and a manifest.
//
// Everything heavy happens here, in Node, once per build: Markdown → HTML (markdown-it), formulas → KaTeX HTML
// (so the browser ships only KaTeX's CSS and fonts), code fences → highlighted <pre>, and ```js live``` fences →
// <live-example> elements. The shell then only inserts prebuilt HTML. A teacher adds a chapter by adding Markdown
// files; no JavaScript changes.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import markdownItFrontMatter from 'markdown-it-front-matter';
import markdownItKatexModule from '@vscode/markdown-it-katex';
import katex from 'katex';
import YAML from 'yaml';
import { highlightCode, classHighlighter } from '@lezer/highlight';
import { parser as javascriptParser } from '@lezer/javascript';
import { parseLabConfig, parseLabInfo, renderLab } from './lab-blocks.js';

/** Languages the site has UI strings for, in the order the language switch offers them; the first is the default. */
export const LANGUAGES = ['zh', 'en'];

/** A chapter file name: two digits (its place in the navigation), a dash, a kebab-case slug. */
export const CHAPTER_FILE_PATTERN = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/** Chapter states a teacher can set in front matter. */
export const CHAPTER_STATUSES = ['complete', 'outline'];

// The KaTeX plugin is CommonJS with its function on `exports.default`.
const markdownItKatex = markdownItKatexModule.default ?? markdownItKatexModule;

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LIVE_FLAGS = new Set(['autorun', 'readonly', 'norun']);
const LIVE_FENCE_LANGUAGES = new Set(['js', 'javascript']);
const MAX_TIMEOUT_MS = 600_000;

/** A problem in a content file; the message names the file and, when known, the line. */
export class ContentError extends Error {
  constructor(file, line, message) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'ContentError';
    this.file = file;
    this.line = line;
  }
}

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content or a double-quoted attribute value. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Makes code safe as the raw text of a <script type="text/plain"> element.
 *
 * Script content is not entity-decoded, so &lt; would reach the editor literally; instead only the two sequences
 * that can end or confuse a script element are changed: "</script" becomes "<\/script" and "<!--" becomes "<\!--".
 * JavaScript reads both identically inside strings, template literals and regular expressions, the only places
 * where they can occur in a working snippet.
 */
export function escapeScriptText(code) {
  return code.replace(/<(?=\/script)/gi, '<\\').replace(/<!--/g, '<\\!--');
}

/**
 * Parses the info string of a live fence, e.g. "js live id=softmax-temperature autorun timeout=8000".
 * Returns null when the fence is not a live example.
 */
export function parseLiveInfo(info) {
  const words = info.trim().split(/\s+/);
  if (!LIVE_FENCE_LANGUAGES.has(words[0]) || words[1] !== 'live') return null;
  const options = { id: null, autorun: false, readonly: false, norun: false, timeout: null };
  for (const word of words.slice(2)) {
    const [key, value, ...rest] = word.split('=');
    if (LIVE_FLAGS.has(key) && value === undefined) {
      options[key] = true;
    } else if (key === 'id' && value !== undefined && rest.length === 0) {
      if (!KEBAB_CASE.test(value)) {
        throw new Error(`live example id must be kebab-case (a-z, 0-9, dashes), got "${value}"`);
      }
      options.id = value;
    } else if (key === 'timeout' && value !== undefined && rest.length === 0) {
      const ms = Number(value);
      if (!/^\d+$/.test(value) || ms < 1 || ms > MAX_TIMEOUT_MS) {
        throw new Error(`live example timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got "${value}"`);
      }
      options.timeout = ms;
    } else {
      throw new Error(`unknown live example option "${word}"; expected id=<kebab-slug>, autorun, readonly, norun or timeout=<ms>`);
    }
  }
  if (!options.id) throw new Error('live example needs an id, e.g. ```js live id=softmax-temperature');
  if (options.norun) options.autorun = true; // a snippet without a Run button must run on load to show anything
  return options;
}

/** The <live-example> element for one live fence, with its original code in a text/plain script. */
export function renderLiveExample(code, options, { chapter, lang }) {
  const attributes = [
    `example-id="${escapeHtml(options.id)}"`,
    `chapter="${escapeHtml(chapter)}"`,
    `lang="${escapeHtml(lang)}"`,
  ];
  for (const flag of ['autorun', 'readonly', 'norun']) if (options[flag]) attributes.push(flag);
  if (options.timeout !== null) attributes.push(`timeout="${options.timeout}"`);
  const source = code.replace(/\n$/, '');
  return `<live-example ${attributes.join(' ')}><script type="text/plain">${escapeScriptText(source)}</script></live-example>\n`;
}

// Static highlighting. JavaScript/TypeScript use the same Lezer grammar the editor uses, so fences and live
// examples colour alike; C-family and Python get a small tokenizer (comments, strings, numbers, keywords),
// enough for reading and far lighter than shipping a highlighter to the browser.
const LEZER_DIALECTS = { js: '', javascript: '', mjs: '', ts: 'ts', typescript: 'ts' };

function highlightWithLezer(code, dialect) {
  const parser = dialect ? javascriptParser.configure({ dialect }) : javascriptParser;
  let html = '';
  highlightCode(code, parser.parse(code), classHighlighter,
    (text, classes) => { html += classes ? `<span class="${classes}">${escapeHtml(text)}</span>` : escapeHtml(text); },
    () => { html += '\n'; });
  return html;
}

const C_FAMILY_KEYWORDS = new Set(('alignas alignof auto bool break case catch char class const constexpr const_cast continue ' +
  'decltype default delete do double dynamic_cast else enum explicit export extern false float for friend if inline int ' +
  'long mutable namespace new noexcept nullptr operator private protected public return short signed sizeof static ' +
  'static_assert static_cast struct switch template this throw true try typedef typeid typename union unsigned using ' +
  'virtual void volatile while size_t std').split(' '));
const PYTHON_KEYWORDS = new Set(('False None True and as assert async await break class continue def del elif else except ' +
  'finally for from global if import in is lambda nonlocal not or pass raise return try while with yield').split(' '));

const TOKENIZERS = {
  cpp: {
    keywords: C_FAMILY_KEYWORDS,
    pattern: /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|(^[ \t]*#[^\n]*)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(\b(?:0[xX][\da-fA-F']+|\d[\d']*\.?\d*(?:[eE][+-]?\d+)?[fFuUlL]*)\b)|([A-Za-z_]\w*)/gm,
  },
  python: {
    keywords: PYTHON_KEYWORDS,
    pattern: /(#[^\n]*)|(^(?!)x)|("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(\b\d+\.?\d*(?:[eE][+-]?\d+)?\b)|([A-Za-z_]\w*)/gm,
  },
};
const TOKENIZER_ALIASES = { cpp: 'cpp', 'c++': 'cpp', c: 'cpp', h: 'cpp', hpp: 'cpp', cc: 'cpp', python: 'python', py: 'python' };

function highlightWithTokenizer(code, { keywords, pattern }) {
  let html = '';
  let last = 0;
  for (const match of code.matchAll(pattern)) {
    const [text, comment, preprocessor, string, number, word] = match;
    let kind = null;
    if (comment) kind = 'tok-comment';
    else if (preprocessor) kind = 'tok-meta';
    else if (string) kind = 'tok-string';
    else if (number) kind = 'tok-number';
    else if (word && keywords.has(word)) kind = 'tok-keyword';
    if (!kind) continue;
    html += escapeHtml(code.slice(last, match.index)) + `<span class="${kind}">${escapeHtml(text)}</span>`;
    last = match.index + text.length;
  }
  return html + escapeHtml(code.slice(last));
}

/** A <pre> for an ordinary code fence: highlighted when the language is known, plain otherwise. */
export function renderCodeBlock(code, info) {
  const language = info.trim().split(/\s+/)[0].toLowerCase();
  const source = code.replace(/\n$/, '');
  let body;
  if (language in LEZER_DIALECTS) body = highlightWithLezer(source, LEZER_DIALECTS[language]);
  else if (language in TOKENIZER_ALIASES) body = highlightWithTokenizer(source, TOKENIZERS[TOKENIZER_ALIASES[language]]);
  else body = escapeHtml(source);
  const languageAttribute = language ? ` data-language="${escapeHtml(language)}"` : '';
  const languageClass = language ? ` class="language-${escapeHtml(language)}"` : '';
  return `<pre class="code-block"${languageAttribute}><code${languageClass}>${body}</code></pre>\n`;
}

/** A URL-fragment-safe id for a heading; keeps CJK and other letters so Chinese headings get readable ids. */
export function slugifyHeading(text) {
  return text.normalize('NFKC').toLowerCase().trim()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/[\s-]+/g, '-')
    .replace(/^-|-$/g, '') || 'section';
}

/** The site route of a chapter; the shell's router reads the same form. */
export function chapterRoute(lang, slug, section) {
  return `#/${lang}/${slug}${section ? `/${encodeURIComponent(section)}` : ''}`;
}

// Relative links between chapters, e.g. [next](02-core-principles.md) or [English](../en/01-what-is-attention.md#x),
// become site routes so they work both on GitHub and on the site.
const CHAPTER_LINK = /^(?:\.\/)?(?:\.\.\/([a-z]{2})\/)?(\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)\.md(?:#(.*))?$/;

function createMarkdownRenderer() {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
  md.use(markdownItFrontMatter, (raw) => { md.frontMatterSource = raw; });
  // KaTeX runs with throwOnError so the plugin renders its error marker; the wrapper records each failure so the
  // build can stop with the file and formula rather than ship a red formula.
  const recordingKatex = {
    ...katex,
    renderToString(latex, options) {
      const { env } = md;
      try {
        return katex.renderToString(latex, {
          displayMode: options.displayMode,
          throwOnError: true,
          output: 'htmlAndMathml', // MathML keeps formulas readable to screen readers
          strict: (code, message) => { env?.warnings.push(`KaTeX (${code}): ${message} in $${latex}$`); return 'ignore'; },
        });
      } catch (error) {
        env?.katexErrors.push(`${error.message} in formula: ${latex}`);
        throw error;
      }
    },
  };
  md.use(markdownItKatex, { katex: recordingKatex, throwOnError: false });

  md.renderer.rules.fence = (tokens, index, _options, env) => {
    const token = tokens[index];
    const lab = renderLabFence(token, env);
    if (lab) return lab;
    let live;
    try {
      live = parseLiveInfo(token.info);
    } catch (error) {
      throw new ContentError(env.file, token.map[0] + 1, error.message);
    }
    if (!live) return renderCodeBlock(token.content, token.info);
    if (env.liveExamples.some((example) => example.id === live.id)) {
      throw new ContentError(env.file, token.map[0] + 1, `live example id "${live.id}" is used twice in this chapter`);
    }
    env.liveExamples.push({ id: live.id, autorun: live.autorun, readonly: live.readonly, norun: live.norun, line: token.map[0] + 1 });
    return renderLiveExample(token.content, live, env);
  };

  const defaultHeadingOpen = md.renderer.rules.heading_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  md.renderer.rules.heading_open = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const level = Number(token.tag.slice(1));
    const text = tokens[index + 1].children.map((child) => child.content).join('');
    let id = slugifyHeading(text);
    for (let n = 2; env.headingIds.has(id); n += 1) id = `${slugifyHeading(text)}-${n}`;
    env.headingIds.add(id);
    token.attrSet('id', id);
    if (level === 1) env.warnings.push(`${env.file}:${token.map[0] + 1}: a "# " heading duplicates the chapter title from front matter; start sections at "## "`);
    if (level === 2 || level === 3) env.headings.push({ level, id, text });
    return defaultHeadingOpen(tokens, index, options, env, self);
  };
  md.renderer.rules.heading_close = (tokens, index, options, env, self) => {
    const open = tokens[index - 2];
    const id = open.attrGet('id');
    const level = Number(tokens[index].tag.slice(1));
    const anchor = level >= 2 && level <= 3
      ? `<a class="heading-anchor" href="${chapterRoute(env.lang, env.chapter, id)}" aria-label="${escapeHtml(env.anchorLabel)}">#</a>`
      : '';
    return `${anchor}</${tokens[index].tag}>\n`;
  };

  md.renderer.rules.table_open = () => '<div class="table-wrap" tabindex="0">\n<table>\n';
  md.renderer.rules.table_close = () => '</table>\n</div>\n';

  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  md.renderer.rules.link_open = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const href = token.attrGet('href') ?? '';
    const chapterLink = href.match(CHAPTER_LINK);
    if (chapterLink) {
      const [, lang = env.lang, slug, section] = chapterLink;
      token.attrSet('href', chapterRoute(lang, slug, section ? decodeURIComponent(section) : undefined));
    } else if (/^#[^/]/.test(href)) {
      // an in-page link (#section) becomes the section's route, which the shell scrolls to
      token.attrSet('href', chapterRoute(env.lang, env.chapter, decodeURIComponent(href.slice(1))));
    } else if (/^https?:\/\//.test(href)) {
      token.attrSet('rel', 'noopener');
      token.attrJoin('class', 'external');
    }
    return defaultLinkOpen(tokens, index, options, env, self);
  };
  return md;
}

/** A ```lab``` fence as a <workshop-lab> element (web/build/lab-blocks.js), or null for any other fence. */
function renderLabFence(token, env) {
  const line = token.map[0] + 1;
  let lab;
  let config;
  try {
    lab = parseLabInfo(token.info);
    if (!lab) return null;
    config = parseLabConfig(token.content, lab.kind);
  } catch (error) {
    throw new ContentError(env.file, line, error.message);
  }
  if (env.labs.some((other) => other.id === lab.id)) throw new ContentError(env.file, line, `lab id "${lab.id}" is used twice in this chapter`);
  env.labs.push({ id: lab.id, kind: lab.kind, line });
  return renderLab(lab, config, env);
}

const ANCHOR_LABELS = { zh: '本节链接', en: 'Link to this section' };

/**
 * Renders one chapter. `file` is used only in messages. Returns
 * { meta: { title, summary, status }, html, headings, liveExamples, labs, hasMath, warnings }.
 * Throws ContentError for anything a reader would otherwise see broken.
 */
export function renderChapter(source, { file, lang, chapter }) {
  const md = createMarkdownRenderer();
  const env = {
    file, lang, chapter, anchorLabel: ANCHOR_LABELS[lang] ?? ANCHOR_LABELS.en,
    liveExamples: [], labs: [], headings: [], headingIds: new Set(), warnings: [], katexErrors: [],
  };
  md.env = env;
  md.frontMatterSource = null;
  const html = md.render(source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), env);
  if (env.katexErrors.length) throw new ContentError(file, null, `cannot render math: ${env.katexErrors.join('; ')}`);
  const meta = parseFrontMatter(md.frontMatterSource, file);
  const hasMath = html.includes('class="katex');
  return { meta, html, headings: env.headings, liveExamples: env.liveExamples, labs: env.labs, hasMath, warnings: env.warnings };
}

function parseFrontMatter(raw, file) {
  if (raw === null) throw new ContentError(file, 1, 'missing front matter; start the file with ---, title:, summary:, status:, ---');
  let data;
  try {
    data = YAML.parse(raw) ?? {};
  } catch (error) {
    throw new ContentError(file, (error.linePos?.[0]?.line ?? 0) + 1, `front matter is not valid YAML: ${error.message}`);
  }
  if (typeof data !== 'object' || Array.isArray(data)) throw new ContentError(file, 2, 'front matter must be key: value lines');
  const { title, summary = '', status = 'complete', ...rest } = data;
  if (typeof title !== 'string' || !title.trim()) throw new ContentError(file, 2, 'front matter needs a title: line');
  if (typeof summary !== 'string') throw new ContentError(file, 2, 'front matter summary must be one line of text');
  if (!CHAPTER_STATUSES.includes(status)) {
    throw new ContentError(file, 2, `front matter status must be ${CHAPTER_STATUSES.join(' or ')}, got "${status}"`);
  }
  const unknown = Object.keys(rest);
  if (unknown.length) throw new ContentError(file, 2, `unknown front matter field(s): ${unknown.join(', ')}; expected title, summary, status`);
  return { title: title.trim(), summary: summary.trim(), status };
}

/**
 * Reads every chapter under `contentDir` (content/<lang>/<NN>-<slug>.md). Returns
 * { manifest, pages, warnings }: `manifest` is what the shell navigates by (no HTML), `pages` maps
 * "<lang>/<slug>" to { html, file } for the per-chapter modules. A missing or empty content folder yields no chapters.
 */
export async function loadContent(contentDir) {
  const warnings = [];
  const pages = new Map();
  const chapters = new Map();
  const entries = await readdir(contentDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    if (!LANGUAGES.includes(entry.name)) {
      warnings.push(`content/${entry.name}/ is ignored: the site has UI strings for ${LANGUAGES.join(', ')} only`);
      continue;
    }
    const lang = entry.name;
    for (const name of (await readdir(path.join(contentDir, lang))).sort()) {
      if (!name.endsWith('.md')) continue;
      const file = path.join(contentDir, lang, name);
      const shortName = path.relative(path.dirname(path.dirname(contentDir)), file);
      const match = name.match(CHAPTER_FILE_PATTERN);
      if (!match) {
        warnings.push(`${shortName} is ignored: chapter files are named NN-kebab-slug.md, e.g. 09-attention-in-vision.md`);
        continue;
      }
      const slug = name.slice(0, -3);
      const rendered = renderChapter(await readFile(file, 'utf8'), { file: shortName, lang, chapter: slug });
      warnings.push(...rendered.warnings);
      if (!chapters.has(slug)) chapters.set(slug, { slug, number: Number(match[1]), versions: {} });
      chapters.get(slug).versions[lang] = {
        ...rendered.meta,
        headings: rendered.headings,
        liveExamples: rendered.liveExamples.map(({ id, autorun, readonly, norun }) => ({ id, autorun, readonly, norun })),
        labs: rendered.labs.map(({ id, kind }) => ({ id, kind })),
        hasMath: rendered.hasMath,
        file: shortName,
      };
      pages.set(`${lang}/${slug}`, { html: rendered.html, file });
    }
  }
  const ordered = [...chapters.values()].sort((a, b) => a.number - b.number || a.slug.localeCompare(b.slug));
  for (const chapter of ordered) {
    const missing = LANGUAGES.filter((lang) => !chapter.versions[lang]);
    if (missing.length) warnings.push(`${chapter.slug} has no ${missing.join(', ')} version; readers of that language see the other one`);
    const ids = LANGUAGES.filter((lang) => chapter.versions[lang])
      .map((lang) => chapter.versions[lang].liveExamples.map((e) => e.id).join(','));
    if (new Set(ids).size > 1) warnings.push(`${chapter.slug}: live example ids differ between languages, so shared links will not match`);
  }
  ordered.forEach((chapter, i) => {
    if (i > 0 && ordered[i - 1].number === chapter.number) warnings.push(`${ordered[i - 1].slug} and ${chapter.slug} share the number ${chapter.number}`);
  });
  return { manifest: { languages: LANGUAGES, defaultLanguage: LANGUAGES[0], chapters: ordered }, pages, warnings };
}
