// Entry of frame.html: one item of the workshop — a live example, an exercise, a quiz, a lab, a chapter section or a
// whole chapter — without the site's chrome, for an <iframe> on a course page. Parameters (query string):
//
//   chapter=<NN-slug>   required          item=<id>   an example, exercise, quiz, lab or heading id (none: the chapter)
//   lang=zh|en          theme=light|dark  loading=click (show a button; load on click)
//   host=<origin>       the origin allowed to drive the embed and to receive its results (the SDK sets it); `*` = any
//
// Code travels in the fragment exactly as in share links (#?example=<id>&code=<data>). The frame reports its height
// to its parent (also as Canvas' lti.frameResize) and, for `host`, its events; see ./protocol.js.
import 'katex/dist/katex.min.css';
import '../src/styles/site.css';
import manifest, { loadChapterHtml } from 'virtual:aw-content';
import { decodeCode, readShareRequest } from '../src/live/share-link.js';
import { startFrameChannel } from './frame-channel.js';
import { findItem, itemContent } from './find-item.js';

const params = new URLSearchParams(window.location.search);
const languages = manifest.languages;
const lang = languages.includes(params.get('lang')) ? params.get('lang') : manifest.defaultLanguage;
const theme = params.get('theme') === 'dark' ? 'dark' : params.get('theme') === 'light' ? 'light' : null;
const chapterSlug = params.get('chapter') ?? '';
const itemId = params.get('item') ?? '';
const root = document.documentElement;
root.lang = lang === 'zh' ? 'zh-CN' : lang;
root.dataset.theme = theme ?? (globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

const TEXT = {
  en: { load: 'Load', loading: 'Loading…', notFound: (what) => `Not found: ${what}. Expected chapter=<NN-slug> and item=<id of an example, exercise, quiz, lab or heading> in that chapter.`,
    kinds: { 'live-example': 'live example', 'workshop-exercise': 'exercise', 'workshop-quiz': 'quiz', 'workshop-lab': 'lab', section: 'section', chapter: 'chapter' },
    label: (kind, title) => `Load the ${kind}: ${title}` },
  zh: { load: '加载', loading: '加载中…', notFound: (what) => `未找到：${what}。需要 chapter=<NN-slug>，以及 item=<该章中的示例、练习、测验、实验或标题的 id>。`,
    kinds: { 'live-example': '示例', 'workshop-exercise': '练习', 'workshop-quiz': '测验', 'workshop-lab': '实验', section: '小节', chapter: '章节' },
    label: (kind, title) => `加载${kind}：${title}` },
};
const text = TEXT[lang] ?? TEXT.en;
const main = document.getElementById('frame');
const channel = startFrameChannel({ host: params.get('host'), content: main });

function fail(message) {
  main.replaceChildren(Object.assign(document.createElement('p'), { className: 'notice notice-error', role: 'alert', textContent: message }));
  main.removeAttribute('aria-busy');
  channel.send({ type: 'error', message });
}

/** Shared code in the fragment (#?example=<id>&code=…) for an exercise; live examples read it themselves. */
async function applySharedCode(found) {
  const request = readShareRequest(window.location.hash);
  if (!request?.code || found.kind !== 'workshop-exercise' || request.example !== found.id) return;
  found.element.code = await decodeCode(request.code);
}

async function show() {
  const chapter = manifest.chapters.find((entry) => entry.slug === chapterSlug);
  if (!chapter) { fail(text.notFound(`chapter=${chapterSlug}`)); return; }
  let html;
  try {
    html = await loadChapterHtml(lang, chapter.slug);
  } catch (error) {
    fail(`${error.message}`);
    return;
  }
  const template = document.createElement('template');
  template.innerHTML = html;
  const found = findItem(template.content, itemId);
  if (!found) { fail(text.notFound(`item=${itemId}`)); return; }
  const nodes = itemContent(found);
  const load = async () => {
    main.setAttribute('aria-busy', 'true');
    main.replaceChildren(...nodes);
    // Every element's module (the same entry as the script-tag bundle); the labs load their own code on demand.
    await import('./attention-workshop.js');
    found.element = main.querySelector(found.selector) ?? found.element;
    await customElements.whenDefined(found.element.localName).catch(() => {});
    await applySharedCode(found).catch((error) => channel.send({ type: 'error', message: error.message }));
    main.removeAttribute('aria-busy');
    channel.ready(found);
  };
  if (params.get('loading') !== 'click') { await load(); return; }
  const title = found.title || found.id || chapter.slug;
  const button = Object.assign(document.createElement('button'), { type: 'button', className: 'embed-load', textContent: `▶ ${text.load}` });
  button.setAttribute('aria-label', text.label(text.kinds[found.kind] ?? found.kind, title));
  const caption = Object.assign(document.createElement('p'), { className: 'embed-caption', textContent: title });
  button.addEventListener('click', () => { button.disabled = true; button.textContent = text.loading; load(); });
  main.replaceChildren(caption, button);
  main.removeAttribute('aria-busy');
}

show().catch((error) => fail(error.message));
