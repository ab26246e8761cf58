// Keyboard access to anything that scrolls sideways: a wide formula, a wide printed tensor, a drawing at phone
// width. While such a part overflows it is a focusable region named by `label` (arrow keys then scroll it); when it
// fits, it is no tab stop at all — so the tab order does not fill up with stops that do nothing. Used by the shell
// (formulas in a chapter) and by <live-example> (its output).

/**
 * Creates a watcher; `watch(part)` observes a part, `setLabel()` renames the regions, `unwatchAll()` lets go of every
 * part (call it when they are removed: an observer keeps what it observes alive) and may be followed by new watches.
 */
export function createScrollRegions(label) {
  let currentLabel = label;
  const watched = new Set();
  const update = (part) => {
    const scrolls = part.scrollWidth > part.clientWidth + 1;
    if (scrolls === (part.getAttribute('tabindex') === '0')) return;
    if (scrolls) {
      part.tabIndex = 0;
      part.setAttribute('role', 'region');
      part.setAttribute('aria-label', currentLabel);
    } else {
      for (const name of ['tabindex', 'role', 'aria-label']) part.removeAttribute(name);
    }
  };
  const observer = new ResizeObserver((entries) => { for (const { target } of entries) update(target); });
  return {
    watch(part) { watched.add(part); observer.observe(part); },
    setLabel(next) {
      currentLabel = next;
      for (const part of watched) if (part.getAttribute('role') === 'region') part.setAttribute('aria-label', next);
    },
    unwatchAll() { observer.disconnect(); watched.clear(); },
  };
}
