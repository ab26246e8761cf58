// The host-page SDK, dist/embed/sdk.js: an ES module with no dependencies (the build inlines its two imports).
//
//   import { createPlayground } from 'https://your-host/attention-workshop/embed/sdk.js';
//   const playground = createPlayground(document.getElementById('here'), {
//     appUrl: 'https://your-host/attention-workshop/', chapter: '04-programming-exercises', item: 'stable-softmax',
//   });
//   playground.on('check', ({ passed }) => …);  await playground.check();
//
// It creates the iframe (frame.html of the site at appUrl), names this page's origin as its host (so the embed
// obeys and reports to this page only), and accepts messages only from that iframe's window and the site's origin.
import { EVENTS, PROTOCOL, isEmbedMessage } from './protocol.js';
import { encodeCode } from '../src/live/share-link.js'; // import-free: the built sdk.js still has no dependencies

const DEFAULT_TIMEOUT_MS = 60000;

/**
 * @param {HTMLElement} container  the iframe is appended here
 * @param {import('./sdk').PlaygroundOptions} options
 * @returns {import('./sdk').Playground}
 */
export function createPlayground(container, options = {}) {
  if (!(container instanceof Element)) throw new TypeError('createPlayground(container, options): container must be a DOM element');
  const { appUrl, chapter, item = '', lang, theme, code, loading, height = 200, title, commandTimeoutMs = DEFAULT_TIMEOUT_MS } = options;
  if (!appUrl) throw new TypeError('createPlayground: options.appUrl is required (the URL of the workshop site, e.g. "https://example.org/attention-workshop/")');
  if (!chapter) throw new TypeError('createPlayground: options.chapter is required (e.g. "04-programming-exercises")');

  const frameUrl = new URL('frame.html', new URL(appUrl, document.baseURI));
  const appOrigin = frameUrl.origin;
  const search = frameUrl.searchParams;
  search.set('chapter', chapter);
  if (item) search.set('item', item);
  if (lang) search.set('lang', lang);
  if (theme) search.set('theme', theme);
  if (loading === 'click') search.set('loading', 'click');
  search.set('host', window.location.origin);

  const iframe = document.createElement('iframe');
  iframe.title = title ?? `Attention Workshop: ${item || chapter}`;
  iframe.style.cssText = `display:block;width:100%;border:0;height:${Number(height) || 200}px`;
  iframe.setAttribute('allow', 'clipboard-write');
  if (loading === 'lazy') iframe.loading = 'lazy';

  const listeners = new Map(EVENTS.map((name) => [name, new Set()]));
  const pending = new Map();
  let nextRequestId = 1;
  let destroyed = false;
  let markReady;
  const ready = new Promise((resolve) => { markReady = resolve; });

  const emit = (name, detail) => {
    for (const callback of listeners.get(name) ?? []) {
      try { callback(detail); } catch (error) { setTimeout(() => { throw error; }); }
    }
  };

  const onMessage = (event) => {
    // Only the iframe this SDK created, served from the site's origin, is listened to.
    if (event.source !== iframe.contentWindow || event.origin !== appOrigin || !isEmbedMessage(event.data)) return;
    const { type, protocol: _protocol, ...detail } = event.data;
    if (type === 'response') {
      const request = pending.get(detail.requestId);
      if (!request) return;
      pending.delete(detail.requestId);
      clearTimeout(request.timer);
      if (detail.ok) request.resolve(detail.value);
      else request.reject(new Error(detail.error));
      return;
    }
    if (type === 'resize') iframe.style.height = `${detail.height}px`;
    if (type === 'ready') markReady(detail.item);
    if (listeners.has(type)) emit(type, detail);
  };
  window.addEventListener('message', onMessage);

  async function command(name, extra = {}) {
    if (destroyed) throw new Error(`${name}(): this playground was destroyed`);
    await ready;
    return new Promise((resolve, reject) => {
      const requestId = nextRequestId++;
      const timer = setTimeout(() => {
        pending.delete(requestId);
        reject(new Error(`${name}(): no answer from the embed within ${commandTimeoutMs} ms`));
      }, commandTimeoutMs);
      pending.set(requestId, { resolve, reject, timer });
      iframe.contentWindow.postMessage({ protocol: PROTOCOL, type: 'command', requestId, command: name, ...extra }, appOrigin);
    });
  }

  // Starting code travels in the fragment, exactly as in a share link; encoding it needs CompressionStream (async).
  const start = async () => {
    if (typeof code === 'string' && item) frameUrl.hash = `?example=${encodeURIComponent(item)}&code=${await encodeCode(code)}`;
    if (!destroyed) { iframe.src = frameUrl.href; container.append(iframe); }
  };
  start().catch((error) => emit('error', { message: error.message }));

  return {
    iframe,
    ready,
    run: () => command('run'),
    getCode: () => command('getCode'),
    setCode: (text) => {
      if (typeof text !== 'string') return Promise.reject(new TypeError('setCode(code): code must be a string'));
      return command('setCode', { code: text });
    },
    check: () => command('check'),
    on(name, callback) {
      if (!listeners.has(name)) throw new Error(`on(): unknown event "${name}"; expected one of ${EVENTS.join(', ')}`);
      listeners.get(name).add(callback);
      return () => listeners.get(name).delete(callback);
    },
    destroy() {
      destroyed = true;
      window.removeEventListener('message', onMessage);
      for (const { reject, timer } of pending.values()) { clearTimeout(timer); reject(new Error('the playground was destroyed')); }
      pending.clear();
      iframe.remove();
    },
  };
}
