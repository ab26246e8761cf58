// The head picker for multi-head input [H, R, C]: a row of toggle buttons (a radio group: arrow keys move the
// choice, Tab leaves the group), or a <select> when there are too many heads for a row.

const MAX_BUTTONS = 16;

/** Creates a head picker; `onPick(index)` is called when the choice changes. */
export function createHeadPicker(headLabels, onPick, labels) {
  const wrapper = document.createElement('div');
  wrapper.className = 'head-picker';
  const caption = document.createElement('span');
  caption.className = 'head-picker-caption';
  caption.textContent = labels.head;
  wrapper.append(caption);

  if (headLabels.length > MAX_BUTTONS) {
    const select = document.createElement('select');
    select.setAttribute('aria-label', labels.heads);
    headLabels.forEach((label, i) => select.append(new Option(label, String(i))));
    select.addEventListener('change', () => onPick(Number(select.value)));
    wrapper.append(select);
    return wrapper;
  }

  const group = document.createElement('div');
  group.setAttribute('role', 'radiogroup');
  group.setAttribute('aria-label', labels.heads);
  group.className = 'head-picker-group';
  const buttons = headLabels.map((label, i) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('role', 'radio');
    button.textContent = label;
    button.addEventListener('click', () => select(i, false));
    group.append(button);
    return button;
  });
  let current = 0;
  function select(index, focus) {
    current = index;
    buttons.forEach((button, i) => {
      button.setAttribute('aria-checked', String(i === index));
      button.tabIndex = i === index ? 0 : -1;
    });
    if (focus) buttons[index].focus();
    onPick(index);
  }
  group.addEventListener('keydown', (event) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      select(event.key === 'Home' ? 0 : buttons.length - 1, true);
    } else if (step) {
      event.preventDefault();
      select((current + step + buttons.length) % buttons.length, true);
    }
  });
  buttons.forEach((button, i) => {
    button.setAttribute('aria-checked', String(i === 0));
    button.tabIndex = i === 0 ? 0 : -1;
  });
  wrapper.append(group);
  return wrapper;
}
