// The CodeMirror 6 editor of a live example, loaded on demand (the element shows the code as plain text until this
// module arrives, so a chapter reads and runs without waiting for the editor). A deliberately small setup: line
// numbers, history, bracket matching, JavaScript highlighting — no autocompletion popups or linting that would
// get in a learner's way. Colours are CSS variables of the element's stylesheet, so light/dark is pure CSS.
import { EditorState, Compartment, StateEffect, StateField, Prec } from '@codemirror/state';
import {
  EditorView, Decoration, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, undo, indentLess, indentMore } from '@codemirror/commands';
import { HighlightStyle, syntaxHighlighting, bracketMatching, indentOnInput } from '@codemirror/language';
import { javascriptLanguage } from '@codemirror/lang-javascript';
import { tags } from '@lezer/highlight';

const highlightStyle = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.moduleKeyword, tags.operatorKeyword], color: 'var(--tok-keyword)' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'var(--tok-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--tok-number)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--tok-comment)', fontStyle: 'italic' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName), tags.definition(tags.function(tags.variableName))], color: 'var(--tok-function)' },
  { tag: [tags.propertyName], color: 'var(--tok-property)' },
  { tag: [tags.definition(tags.variableName)], color: 'var(--tok-definition)' },
  { tag: [tags.className, tags.typeName], color: 'var(--tok-type)' },
  { tag: tags.invalid, color: 'var(--error)' },
]);

const baseTheme = EditorView.theme({
  '&': { fontSize: '14px', backgroundColor: 'var(--code-bg)', color: 'var(--fg)' },
  '.cm-content': { fontFamily: 'var(--font-mono)', caretColor: 'var(--fg)', padding: '8px 0' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55', overflow: 'auto' },
  '.cm-gutters': { backgroundColor: 'var(--code-bg)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)', color: 'var(--fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection) !important' },
  '&.cm-focused': { outline: 'none' },
  '.cm-matchingBracket': { backgroundColor: 'var(--bracket-match)', outline: '1px solid var(--border)' },
  '.cm-error-line': { backgroundColor: 'var(--error-line)' },
  '.cm-error-line-gutter': { color: 'var(--error)' },
});

const setErrorLine = StateEffect.define();
/** The line reported by the last error, highlighted until the code changes. */
const errorLineField = StateField.define({
  create: () => Decoration.none,
  update(decorations, transaction) {
    let next = transaction.docChanged ? Decoration.none : decorations.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (effect.is(setErrorLine)) {
        const line = effect.value;
        next = line && line <= transaction.state.doc.lines
          ? Decoration.set([Decoration.line({ class: 'cm-error-line' }).range(transaction.state.doc.line(line).from)])
          : Decoration.none;
      }
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/**
 * Creates the editor. Options: parent, root (the shadow root), doc, readOnly, dark, ariaLabel,
 * onChange(code), onRun(), onEscape().
 */
export function createEditor({ parent, root, doc, readOnly, dark, ariaLabel, onChange, onRun, onEscape }) {
  const darkCompartment = new Compartment();
  const labelCompartment = new Compartment();
  const view = new EditorView({
    root,
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        javascriptLanguage,
        syntaxHighlighting(highlightStyle),
        baseTheme,
        errorLineField,
        darkCompartment.of(EditorView.darkTheme.of(dark)),
        labelCompartment.of(EditorView.contentAttributes.of({ 'aria-label': ariaLabel })),
        // The content is focusable anyway (contenteditable); saying so with tabindex tells checkers such as axe that
        // the scrolling area around it can be reached by keyboard. No extra tab stop: it is the same element.
        EditorView.contentAttributes.of({ tabindex: '0' }),
        EditorState.tabSize.of(2),
        EditorState.readOnly.of(readOnly),
        Prec.highest(keymap.of([
          { key: 'Mod-Enter', run: () => { onRun(); return true; } },
          // Escape leaves the editor (no focus trap). With several cursors it first collapses them, as usual.
          { key: 'Escape', run: (v) => (v.state.selection.ranges.length > 1 ? false : (onEscape(), true)) },
          // Tab indents only when a selection spans text; otherwise it moves focus on, like everywhere else.
          { key: 'Tab', run: (v) => (v.state.selection.ranges.some((r) => !r.empty) ? indentMore(v) : false) },
          { key: 'Shift-Tab', run: (v) => (v.state.selection.ranges.some((r) => !r.empty) ? indentLess(v) : false) },
        ])),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.updateListener.of((update) => { if (update.docChanged) onChange(update.state.doc.toString()); }),
      ],
    }),
  });

  return {
    view,
    /** The code as currently edited. */
    getCode: () => view.state.doc.toString(),
    /** Replaces the code with a normal, undoable edit (Ctrl+Z brings the previous text back). */
    replaceCode(code) {
      if (code === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code }, userEvent: 'input.replace' });
    },
    /** Undoes the last edit (used by "Undo reset"). */
    undo: () => undo(view),
    setDark: (isDark) => view.dispatch({ effects: darkCompartment.reconfigure(EditorView.darkTheme.of(isDark)) }),
    setAriaLabel: (label) => view.dispatch({ effects: labelCompartment.reconfigure(EditorView.contentAttributes.of({ 'aria-label': label })) }),
    /** Highlights a 1-based line (null clears). */
    markErrorLine(line) {
      view.dispatch({ effects: setErrorLine.of(line) });
      if (line && line <= view.state.doc.lines) {
        view.dispatch({ effects: EditorView.scrollIntoView(view.state.doc.line(line).from, { y: 'nearest' }) });
      }
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
