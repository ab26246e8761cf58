// Small DOM helpers shared by the workshop's custom elements (<workshop-exercise>, <workshop-quiz>; the same shapes
// as <live-example>'s own, which can move here once that element's split settles).

/** An element with a class and text. */
export function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A toolbar button: an aria-hidden icon and a text label (filled in later, per language). */
export function toolbarButton(className, icon) {
  const node = make('button', className);
  node.type = 'button';
  const iconSpan = make('span', 'icon', icon);
  iconSpan.setAttribute('aria-hidden', 'true');
  node.append(iconSpan, make('span', 'text'));
  return node;
}

/** A row of text buttons: `actions` = [[label, className, onClick], ...]. Returns { row, buttons }. */
export function actionRow(actions) {
  const row = make('div', 'actions');
  const buttons = actions.map(([label, className, onClick]) => {
    const node = make('button', className, label);
    node.type = 'button';
    node.addEventListener('click', onClick);
    return node;
  });
  row.append(...buttons);
  return { row, buttons };
}

/**
 * The code in an element's child <script type="text/plain">, undoing the two escapes the Markdown pipeline applies
 * ("<\/script" and "<\!--"), without the leading newline and trailing white space.
 */
export function readScriptCode(element) {
  const script = element.querySelector(':scope > script[type="text/plain"]');
  return (script ? script.textContent : element.textContent)
    .replace(/<\\\/script/gi, (m) => `</${m.slice(3)}`)
    .replace(/<\\!--/g, '<!--')
    .replace(/^\n/, '')
    .replace(/\s+$/, '');
}
