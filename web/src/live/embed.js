// Entry of web/embed.html, the standalone embedding demo: registers <live-example> and wires the page's own theme
// button (the element follows <html data-theme> by itself; a host page only has to set that attribute).
import './index.js';

const toggle = document.getElementById('theme-toggle');
const root = document.documentElement;
const prefersDark = globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches;
const saved = (() => { try { return localStorage.getItem('attention-workshop:embed-demo:theme'); } catch { return null; } })();
root.dataset.theme = saved ?? (prefersDark ? 'dark' : 'light');

function render() {
  const dark = root.dataset.theme === 'dark';
  toggle.setAttribute('aria-pressed', String(dark));
  toggle.textContent = dark ? 'Light theme' : 'Dark theme';
}
toggle?.addEventListener('click', () => {
  root.dataset.theme = root.dataset.theme === 'dark' ? 'light' : 'dark';
  try { localStorage.setItem('attention-workshop:embed-demo:theme', root.dataset.theme); } catch { /* not kept */ }
  render();
});
if (toggle) render();
