// The "Embed" disclosure under every live example, exercise, quiz and lab of a chapter: the two ways a teacher puts
// that item on their own page, ready to copy — an <iframe> of frame.html (with four lines that size it) and the
// one-script-tag bundle with the element's own markup. URLs are absolute, built from where this site is served.
import { element } from './navigation.js';

const ITEMS = [
  ['live-example', 'example-id'],
  ['workshop-exercise', 'exercise-id'],
  ['workshop-quiz', 'quiz-id'],
  ['workshop-lab', 'lab-id'],
];

const STRINGS = {
  en: { summary: 'Embed', iframe: 'As an iframe (any page, LMS, blog):', script: 'With one script tag (the element runs in your page):',
    copy: 'Copy', copied: 'Copied', frameTitle: (id) => `Attention Workshop: ${id}` },
  zh: { summary: '嵌入', iframe: '用 iframe（任何网页、LMS、博客）：', script: '用一个 script 标签（元素直接运行在你的页面里）：',
    copy: '复制', copied: '已复制', frameTitle: (id) => `注意力编程工作坊：${id}` },
};

/** The folder this site is served from (where index.html, frame.html and embed/ are). */
const siteBase = () => new URL('./', window.location.href.split('#')[0]).href;

/** The iframe snippet: the frame URL and a listener that applies the height the frame reports. */
export function iframeSnippet({ chapter, id, lang, title, base = siteBase() }) {
  const src = new URL('frame.html', base);
  src.search = new URLSearchParams({ chapter, item: id, lang }).toString();
  return `<iframe src="${src.href.replace(/&/g, '&amp;')}" title="${title}" style="width:100%;height:420px;border:0" loading="lazy"></iframe>
<script>
  // Attention Workshop frames report their height; this sizes them (once per page is enough).
  addEventListener('message', (e) => {
    if (e.data?.protocol !== 'attention-workshop-embed' || e.data.type !== 'resize') return;
    for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source) f.style.height = e.data.height + 'px';
  });
</script>`;
}

/** The script-tag snippet: the bundle and the element's markup as the chapter has it. */
export function scriptSnippet({ markup, base = siteBase() }) {
  return `<script type="module" src="${new URL('embed/attention-workshop.js', base).href}"></script>\n${markup}`;
}

/**
 * Adds an Embed disclosure after each item in `body`. `html` is the chapter's prebuilt HTML, from which each
 * item's original markup is taken (the live elements have replaced theirs by the time a reader opens the panel).
 */
export function addEmbedSnippets(body, html, { chapter, lang }) {
  const strings = STRINGS[lang] ?? STRINGS.en;
  // The chapter's HTML is parsed when a reader first opens a panel, and once for all the chapter's panels: most
  // visits open none, and a chapter's HTML is a second copy of all its nodes (chapter 4: 22 exercises and their
  // panels — parsing it per panel made opening them all take seconds).
  let original = null;
  const originalMarkup = (tag, attribute, id) => {
    if (!original) {
      original = document.createElement('template');
      original.innerHTML = html;
    }
    return original.content.querySelector(`${tag}[${attribute}="${CSS.escape(id)}"]`)?.outerHTML;
  };
  for (const [tag, attribute] of ITEMS) {
    for (const item of body.querySelectorAll(`${tag}[${attribute}]`)) {
      const id = item.getAttribute(attribute);
      const details = element('details', { className: 'embed-snippets' }, element('summary', {}, strings.summary));
      details.addEventListener('toggle', () => {
        if (!details.open || details.dataset.filled) return;
        const markup = originalMarkup(tag, attribute, id);
        if (!markup) return;
        details.dataset.filled = 'true';
        details.append(
          snippetBlock(strings.iframe, iframeSnippet({ chapter, id, lang, title: strings.frameTitle(id) }), strings),
          snippetBlock(strings.script, scriptSnippet({ markup }), strings));
      });
      item.after(details);
    }
  }
}

function snippetBlock(label, code, strings) {
  const text = element('textarea', { readonly: '', rows: String(Math.min(10, code.split('\n').length + 1)), spellcheck: 'false', 'aria-label': label }, code);
  const copy = element('button', { type: 'button', className: 'embed-copy' }, strings.copy);
  copy.addEventListener('click', async () => {
    try { await navigator.clipboard.writeText(code); } catch { text.select(); document.execCommand?.('copy'); }
    copy.textContent = strings.copied;
    setTimeout(() => { copy.textContent = strings.copy; }, 1500);
  });
  return element('div', { className: 'embed-snippet' }, element('p', {}, label), text, copy);
}
