// Compiling a snippet and locating its errors in the user's own line numbers.
//
// A snippet becomes the body of `async function (attn, show, console) { … }` built with the AsyncFunction
// constructor, so top-level `await` works and the code cannot reach outside its wrapper. The engine numbers lines
// of that generated function, not of the snippet: V8, for instance, puts two header lines first. Rather than hard-code
// one engine's header, we measure it once with a probe compiled exactly like a snippet.

/** The file name that stack frames of snippet code carry (set with `//# sourceURL`). */
export const SNIPPET_URL = 'live-snippet.js';

const AsyncFunction = (async () => {}).constructor;
const SNIPPET_PARAMETERS = ['attn', 'show', 'console'];
const FRAME_PATTERN = new RegExp(`${SNIPPET_URL.replace('.', '\\.')}:(\\d+):(\\d+)`);

/**
 * Compiles snippet source into an async function of (attn, show, console, ...extraParameters); throws SyntaxError on
 * bad code. An exercise passes its set-up names as extra parameters and an epilogue that returns the learner's
 * function; both leave the snippet's own line numbers unchanged.
 */
export function compileSnippet(code, { extraParameters = [], epilogue = '' } = {}) {
  // Strict mode, as in an ES module: `x = 1` without a declaration is an error instead of a global that would leak
  // into later snippets. It shares line 1 with the snippet; the calibration probe measures that column shift.
  // The newline before the sourceURL comment keeps a trailing `// comment` in the snippet from swallowing it.
  return new AsyncFunction(...SNIPPET_PARAMETERS, ...extraParameters, `'use strict'; ${code}${epilogue}\n//# sourceURL=${SNIPPET_URL}`);
}

// How many lines/columns the generated wrapper adds before snippet line 1, column 1. V8 adds two lines; the
// value is measured by calibrateSnippetOffsets() before the first run and this default only covers a failed probe.
let wrapperOffset = { lines: 2, columns: 0 };

/** Measures the wrapper's line/column offset with a probe; call (and await) once before running snippets. */
export async function calibrateSnippetOffsets() {
  try {
    // A ReferenceError is raised exactly at line 1, column 1 of the probe.
    await compileSnippet('__liveExampleOffsetProbe__;')();
  } catch (probeError) {
    const frame = FRAME_PATTERN.exec(String(probeError?.stack ?? ''));
    if (frame) wrapperOffset = { lines: Number(frame[1]) - 1, columns: Number(frame[2]) - 1 };
  }
  return wrapperOffset;
}

/** Finds the snippet line and column (1-based) of the innermost snippet frame in an error's stack, or nulls. */
export function locateRuntimeError(error, code) {
  const offset = wrapperOffset;
  const frame = FRAME_PATTERN.exec(String(error?.stack ?? ''));
  if (!frame) return { line: null, column: null };
  const line = Number(frame[1]) - offset.lines;
  const column = Number(frame[2]) - (line === 1 ? offset.columns : 0);
  const lineCount = code.split('\n').length;
  // A frame outside the snippet's lines would be the wrapper itself; say nothing rather than something wrong.
  if (line < 1 || line > lineCount) return { line: null, column: null };
  return { line, column: Math.max(1, column) };
}

/**
 * Engines do not report where a SyntaxError from the Function constructor is, so we parse the snippet with the same
 * Lezer JavaScript grammar the editor uses and report its first error node. Loaded only when needed.
 */
export async function locateSyntaxError(code, message = '') {
  try {
    const { parser } = await import('@lezer/javascript');
    const tree = parser.parse(code);
    let position = null;
    tree.iterate({
      enter(node) {
        if (position !== null) return false;
        if (node.type.isError) { position = node.from; return false; }
        return undefined;
      },
    });
    if (position === null) position = findRedeclaration(code, message);
    if (position === null) return { line: null, column: null };
    const before = code.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    return { line, column };
  } catch {
    return { line: null, column: null };
  }
}

// "Identifier 'x' has already been declared" is an early error, not a grammar error, so Lezer does not see it.
// The second declaration of that name is the offending one.
function findRedeclaration(code, message) {
  const name = /Identifier '([^']+)' has already been declared/.exec(message)?.[1];
  if (!name) return null;
  const escaped = name.replace(/[$]/g, '\\$&');
  const declaration = new RegExp(`\\b(?:let|const|var|class|function\\*?)\\s+${escaped}(?![\\w$])`, 'g');
  const matches = [...code.matchAll(declaration)];
  return matches.length >= 2 ? matches[1].index : null;
}

/** Turns anything thrown into a plain, cloneable { name, message } pair. */
export function describeThrown(thrown) {
  if (thrown instanceof Error) return { name: thrown.name || 'Error', message: thrown.message || String(thrown) };
  if (thrown && typeof thrown === 'object' && typeof thrown.message === 'string') {
    return { name: String(thrown.name ?? 'Error'), message: thrown.message };
  }
  let text;
  try { text = typeof thrown === 'string' ? thrown : JSON.stringify(thrown); } catch { text = String(thrown); }
  return { name: 'Thrown value', message: String(text) };
}
