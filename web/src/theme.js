// Light and dark themes. With no remembered choice the page follows the system's prefers-color-scheme (and keeps
// following it while open); the toggle remembers an explicit choice. The theme is the data-theme attribute on
// <html>; styles and components read the --aw-* custom properties it selects, so they need no script of their own.
// Components that draw with script (canvas, exported images) can listen for the `aw-themechange` event on document.
import { storedTheme, storeTheme } from './preferences.js';

const systemDark = window.matchMedia('(prefers-color-scheme: dark)');

/** The theme in effect: the remembered choice, else the system's. */
export function effectiveTheme() {
  return storedTheme() ?? (systemDark.matches ? 'dark' : 'light');
}

/** Puts the effective theme on <html> and tells components about it. */
export function applyTheme() {
  const theme = effectiveTheme();
  const root = document.documentElement;
  if (root.dataset.theme === theme) return;
  root.dataset.theme = theme;
  document.dispatchEvent(new CustomEvent('aw-themechange', { detail: { theme } }));
}

/** Switches to the other theme and remembers the choice. */
export function toggleTheme() {
  storeTheme(effectiveTheme() === 'dark' ? 'light' : 'dark');
  applyTheme();
}

/** Calls `onChange` after the system theme changes while no explicit choice is remembered. */
export function followSystemTheme(onChange) {
  systemDark.addEventListener('change', () => {
    if (storedTheme()) return;
    applyTheme();
    onChange();
  });
}
