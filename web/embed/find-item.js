// Finds the item a frame URL names inside a chapter's prebuilt HTML: an element by its id attribute of its kind, or
// a heading (then the item is its section: the heading and what follows up to the next heading of its level or
// higher). No id: the whole chapter.

const ELEMENT_KINDS = [
  ['live-example', 'example-id'],
  ['workshop-exercise', 'exercise-id'],
  ['workshop-quiz', 'quiz-id'],
  ['workshop-lab', 'lab-id'],
];

/**
 * @param {DocumentFragment} root  the chapter's HTML, parsed
 * @param {string} id
 * @returns {{ kind: string, id: string, element: Element|null, selector: string, title: string, root: DocumentFragment } | null}
 */
export function findItem(root, id) {
  if (!id) return { kind: 'chapter', id: '', element: null, selector: 'h1, h2', title: root.querySelector('h1, h2')?.textContent ?? '', root };
  for (const [tag, attribute] of ELEMENT_KINDS) {
    const selector = `${tag}[${attribute}="${CSS.escape(id)}"]`;
    const element = root.querySelector(selector);
    if (element) return { kind: tag, id, element, selector, title: headingBefore(element)?.textContent?.trim() ?? id, root };
  }
  const heading = root.querySelector(`#${CSS.escape(id)}`);
  if (heading && /^H[1-6]$/.test(heading.tagName)) {
    return { kind: 'section', id, element: heading, selector: `#${CSS.escape(id)}`, title: heading.textContent.trim(), root };
  }
  return null;
}

/** The nodes to show for a found item (taken out of the parsed chapter). */
export function itemContent(found) {
  if (found.kind === 'chapter') return [wrap([...found.root.childNodes])];
  if (found.kind !== 'section') return [wrap([found.element])];
  const level = Number(found.element.tagName[1]);
  const nodes = [found.element];
  for (let node = found.element.nextSibling; node; node = node.nextSibling) {
    if (node.nodeType === 1 && /^H[1-6]$/.test(node.tagName) && Number(node.tagName[1]) <= level) break;
    nodes.push(node);
  }
  return [wrap(nodes)];
}

function wrap(nodes) {
  const prose = document.createElement('div');
  prose.className = 'prose';
  prose.append(...nodes);
  return prose;
}

/** The nearest heading before `element` in document order (its section's title). */
function headingBefore(element) {
  let title = null;
  const walker = document.createTreeWalker(element.getRootNode(), NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node && node !== element; node = walker.nextNode()) {
    if (/^H[1-6]$/.test(node.tagName)) title = node;
  }
  return title;
}
