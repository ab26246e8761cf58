// <workshop-lab kind="mask-composer" lab-id="…" lang="en" config='{"…": …}'>: the host of one interactive lab.
//
// The element owns what all labs share — a shadow root with the live example's colours and view styles, the
// light/dark theme (following <html data-theme>), the language, a loading line and a readable error — and loads
// the lab's own module lazily through registry.js. A lab module exports
//   title: { zh, en }                       shown as the lab's heading
//   options: { name: spec }                 its options (see lab-options.js), usually from ./options.js
//   mount(container, context) → { destroy?() } (or a promise of it)
// with context = { config, lang: 'zh' | 'en', labId, host: ShadowRoot }; config holds every option, checked, with
// defaults filled in. A bad option (possible only outside the site's build, which rejects it) is named in a warning
// and replaced by its default.
import { liveExampleStyleSheet } from '../live/styles.js';
import { resolveTheme, watchTheme } from '../live/theme.js';
import { loadLabModule } from './registry.js';
import { labStyleSheet } from './styles.js';
import { h, languageOf, pick } from './lab-kit.js';
import { checkLabOptions } from './lab-options.js';
import { createScrollRegions } from '../scroll-regions.js';

/** Parts of a lab that may scroll sideways (quoted code, a drawing or table wider than a phone). */
const SCROLLABLE_PARTS = '.code, .view-body, pre, .table-wrap';

const TEXT = {
  loading: { zh: '正在加载实验…', en: 'Loading the lab…' },
  failed: { zh: '实验无法加载：', en: 'The lab could not be loaded: ' },
  badConfig: { zh: '实验选项不是有效的 JSON：', en: 'The lab options are not valid JSON: ' },
  lab: { zh: '交互实验', en: 'Interactive lab' },
  badOptions: { zh: '部分选项无效，已改用默认值：', en: 'Some options were not valid and their defaults are used: ' },
  scrollable: { zh: '比实验区更宽：可用方向键左右滚动', en: 'Wider than the lab: scroll sideways with the arrow keys' },
};

/** The custom element; registered as workshop-lab by ./index.js. */
export class WorkshopLabElement extends HTMLElement {
  #started = false;
  #lab = null;
  #unwatchTheme = null;
  #scrollRegions = null;
  #partsObserver = null;
  #generation = 0;

  /** The lab's language, 'zh' or 'en': its own lang attribute, else the nearest ancestor's, else <html>'s. */
  get language() {
    return languageOf(this.getAttribute('lang') || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang);
  }

  connectedCallback() {
    if (this.#started) return;
    this.#started = true;
    this.#start();
  }

  disconnectedCallback() {
    // Moved (removed and put back in the same task) → keep everything. Removed for good (a chapter change) → free
    // what the lab holds and empty the shadow root, so a later connection starts the lab again from scratch.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#stop();
    });
  }

  #stop() {
    this.#started = false;
    this.#generation += 1; // a start still loading its module finds this changed and tears down what it mounted
    this.#unwatchTheme?.();
    this.#partsObserver?.disconnect();
    this.#scrollRegions?.unwatchAll();
    this.#lab?.destroy?.();
    this.#unwatchTheme = this.#partsObserver = this.#scrollRegions = this.#lab = null;
    delete this.dataset.state;
    // Emptying the shadow root is what lets Chromium forget the lab's form controls. Its autofill observes a
    // <select> of the training lab (a MutationObserver, WebFormElementObserver, waiting to see the control leave);
    // removing only the host never showed it that, and it kept every visited chapter alive (≈ 17,000 DOM nodes per
    // visit of chapter 2, found with a heap snapshot's retainers; gone once the shadow root is emptied).
    this.shadowRoot?.replaceChildren();
  }

  /**
   * Keyboard access to whatever scrolls sideways: labs redraw their parts, so the watched set is renewed whenever the
   * body's children change (unwatchAll first, so removed parts are not kept alive by the observer).
   */
  #watchScrollableParts(body, lang) {
    this.#scrollRegions = createScrollRegions(pick(lang, TEXT.scrollable));
    const rewatch = () => {
      this.#scrollRegions.unwatchAll();
      for (const part of body.querySelectorAll(SCROLLABLE_PARTS)) this.#scrollRegions.watch(part);
    };
    this.#partsObserver = new MutationObserver(rewatch);
    this.#partsObserver.observe(body, { childList: true, subtree: true });
    rewatch();
  }

  async #start() {
    const generation = this.#generation;
    const lang = this.language;
    const kind = this.getAttribute('kind') ?? '';
    const labId = this.getAttribute('lab-id') ?? kind;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [liveExampleStyleSheet(), labStyleSheet()];
    const title = h('h3', { class: 'lab-title' }, pick(lang, TEXT.lab));
    const status = h('p', { class: 'lab-status', role: 'status' }, pick(lang, TEXT.loading));
    const body = h('div', { class: 'lab-body' });
    const frame = h('section', { class: 'frame lab', 'data-kind': kind, lang: lang === 'zh' ? 'zh-CN' : 'en' },
      h('header', { class: 'lab-header' }, title, h('span', { class: 'lab-kind' }, pick(lang, TEXT.lab))), status, body);
    const applyTheme = () => frame.classList.toggle('dark', resolveTheme(this) === 'dark');
    applyTheme();
    this.#unwatchTheme = watchTheme(applyTheme);
    root.replaceChildren(frame);
    this.dataset.state = 'loading';

    try {
      let config;
      try {
        config = JSON.parse(this.getAttribute('config') || '{}');
      } catch (error) {
        throw new Error(`${pick(lang, TEXT.badConfig)}${error.message}`);
      }
      const module = await loadLabModule(kind);
      if (generation !== this.#generation) return; // removed while its module loaded
      title.textContent = pick(lang, module.title ?? TEXT.lab);
      frame.setAttribute('aria-label', title.textContent);
      const { values, problems } = module.options ? checkLabOptions(module.options, config) : { values: config, problems: [] };
      const lab = await module.mount(body, { config: values, lang, labId, host: root });
      if (generation !== this.#generation) { lab?.destroy?.(); return; } // removed while it loaded
      this.#lab = lab;
      this.#watchScrollableParts(body, lang);
      if (problems.length) {
        console.warn(`Attention Workshop: lab ${labId} (${kind}): ${problems.join('; ')}`);
        status.classList.add('is-warn');
        status.textContent = `${pick(lang, TEXT.badOptions)}${problems.join('; ')}`;
      } else {
        status.remove();
      }
      this.dataset.state = 'ready';
      this.dispatchEvent(new CustomEvent('workshop-lab-ready', { bubbles: true, composed: true, detail: { kind, labId } }));
    } catch (error) {
      if (generation !== this.#generation) return; // removed meanwhile: nobody to tell
      console.warn(`Attention Workshop: lab ${labId} (${kind}) failed.`, error);
      status.classList.add('is-error');
      status.setAttribute('role', 'alert');
      status.textContent = `${pick(lang, TEXT.failed)}${error.message}`;
      this.dataset.state = 'error';
    }
  }
}
