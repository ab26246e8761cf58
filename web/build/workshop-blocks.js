// Build-time handling of the two practice blocks in chapter Markdown (documented in the README, "Exercises and quizzes"):
//
//   ```exercise id=<kebab-id> [timeout=<ms>] [tolerance=<abs>[,<rel>]]      → <workshop-exercise>
//   starter: |            the code the learner edits (comments in this file's language)
//   hints:                one to five hints, inline Markdown with $math$, revealed one at a time
//   ```
//   ```quiz id=<kebab-id>                                                  → <workshop-quiz>
//   kind: single | multiple | numeric | predict   (see CONTRACTS.md; YAML body)
//   ```
//
// The code that must not drift between languages — hidden set-up, reference solution, checker — lives once in
// web/exercises/<id>.js; the block holds only what is written per language. Anything malformed throws an Error whose
// `line` is the offending line of the Markdown file; the pipeline turns it into a ContentError (file:line: message).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_TIMEOUT_MS = 600_000;
const DEFAULT_EXERCISE_TIMEOUT_MS = 10_000;
/** Where the language-neutral exercise modules live. */
export const EXERCISES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../exercises');
export const QUIZ_KINDS = ['single', 'multiple', 'numeric', 'predict'];

class BlockError extends Error {
  constructor(line, message) { super(message); this.line = line; }
}

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
/** JSON that is safe as the text of a <script type="application/json">. */
const scriptJson = (value) => JSON.stringify(value).replace(/</g, '\\u003c');

/** Which block a fence is: 'exercise', 'quiz' or null. */
export function blockKind(info) {
  const word = info.trim().split(/\s+/)[0];
  return word === 'exercise' || word === 'quiz' ? word : null;
}

function parseInfo(info, fenceLine, allowed) {
  const [kind, ...words] = info.trim().split(/\s+/);
  const options = {};
  for (const word of words) {
    const [key, value, ...rest] = word.split('=');
    if (!allowed.includes(key) || value === undefined || rest.length) {
      throw new BlockError(fenceLine, `unknown ${kind} option "${word}"; expected ${allowed.map((a) => `${a}=…`).join(', ')}`);
    }
    options[key] = value;
  }
  if (!options.id) throw new BlockError(fenceLine, `${kind} block needs an id, e.g. \`\`\`${kind} id=stable-softmax`);
  if (!KEBAB_CASE.test(options.id)) throw new BlockError(fenceLine, `${kind} id must be kebab-case (a-z, 0-9, dashes), got "${options.id}"`);
  return options;
}

function parseBody(content, fenceLine, kind) {
  let data;
  try {
    data = YAML.parse(content);
  } catch (error) {
    const line = error.linePos?.[0]?.line;
    throw new BlockError(line ? fenceLine + line : fenceLine, `${kind} block is not valid YAML: ${error.message.split('\n')[0]}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new BlockError(fenceLine + 1, `${kind} block body must be YAML key: value lines`);
  return data;
}

/** The Markdown line of a top-level YAML key in the block (for messages), or the fence line. */
function keyLine(content, key, fenceLine) {
  const index = content.split('\n').findIndex((line) => line.startsWith(`${key}:`));
  return index >= 0 ? fenceLine + 1 + index : fenceLine;
}

function rejectUnknown(data, allowed, content, fenceLine, kind) {
  for (const key of Object.keys(data)) {
    if (!allowed.includes(key)) throw new BlockError(keyLine(content, key, fenceLine), `unknown ${kind} field "${key}"; expected ${allowed.join(', ')}`);
  }
}

/**
 * Renders an ```exercise block. `renderInline` turns inline Markdown (with math) into HTML. Returns
 * { html, record } where record = { id, line, title } goes into the manifest.
 */
export function renderExerciseBlock(token, env, renderInline) {
  const fenceLine = token.map[0] + 1;
  const options = parseInfo(token.info, fenceLine, ['id', 'timeout', 'tolerance']);
  const { id } = options;
  if (!existsSync(path.join(EXERCISES_DIR, `${id}.js`))) {
    throw new BlockError(fenceLine, `exercise "${id}" has no module web/exercises/${id}.js (its set-up, solution and checker)`);
  }
  let timeout = DEFAULT_EXERCISE_TIMEOUT_MS;
  if (options.timeout !== undefined) {
    timeout = Number(options.timeout);
    if (!/^\d+$/.test(options.timeout) || timeout < 1 || timeout > MAX_TIMEOUT_MS) {
      throw new BlockError(fenceLine, `exercise timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got "${options.timeout}"`);
    }
  }
  let tolerance = null;
  if (options.tolerance !== undefined) {
    const parts = options.tolerance.split(',').map(Number);
    if (parts.length > 2 || parts.some((x) => !Number.isFinite(x) || x < 0)) {
      throw new BlockError(fenceLine, `exercise tolerance must be <abs> or <abs>,<rel> (non-negative numbers), got "${options.tolerance}"`);
    }
    tolerance = { abs: parts[0], ...(parts.length === 2 ? { rel: parts[1] } : {}) };
  }
  const content = token.content;
  const data = parseBody(content, fenceLine, 'exercise');
  rejectUnknown(data, ['starter', 'hints'], content, fenceLine, 'exercise');
  if (typeof data.starter !== 'string' || !data.starter.trim()) {
    throw new BlockError(keyLine(content, 'starter', fenceLine), 'exercise needs starter: | followed by the code the learner starts from');
  }
  const hints = data.hints ?? [];
  if (!Array.isArray(hints) || hints.length < 1 || hints.length > 5 || hints.some((h) => typeof h !== 'string' || !h.trim())) {
    throw new BlockError(keyLine(content, 'hints', fenceLine), 'exercise needs hints: a list of 1 to 5 hints (each a line of Markdown)');
  }
  if (env.exercises.some((e) => e.id === id)) throw new BlockError(fenceLine, `exercise id "${id}" is used twice in this chapter`);
  const title = env.headings.at(-1)?.text ?? id;
  env.exercises.push({ id, line: fenceLine, title });

  const attributes = [`id="${id}"`, `exercise-id="${id}"`, `chapter="${escapeHtml(env.chapter)}"`, `lang="${escapeHtml(env.lang)}"`, `timeout="${timeout}"`];
  if (tolerance) attributes.push(`tolerance="${escapeHtml(JSON.stringify(tolerance))}"`);
  const starter = data.starter.replace(/\n$/, '').replace(/<(?=\/script)/gi, '<\\').replace(/<!--/g, '<\\!--');
  const hintHtml = hints.map((hint) => `<div class="exercise-hint">${renderInline(hint)}</div>`).join('');
  return `<workshop-exercise ${attributes.join(' ')}><script type="text/plain" data-starter>${starter}</script>`
    + `<template class="exercise-hints">${hintHtml}</template></workshop-exercise>\n`;
}

function requireText(value, what, line) {
  if (typeof value !== 'string' || !value.trim()) throw new BlockError(line, `quiz needs ${what} (a line of Markdown)`);
  return value;
}

function parseTolerance(value, line) {
  if (typeof value === 'number' && value >= 0) return { abs: value };
  if (typeof value === 'string' && /^\d+(\.\d+)?%$/.test(value.trim())) return { rel: Number(value.trim().slice(0, -1)) / 100 };
  throw new BlockError(line, `quiz tolerance must be a non-negative number or a percentage such as 5%, got ${JSON.stringify(value)}`);
}

/** Renders a ```quiz block (format in CONTRACTS.md). Returns the HTML; pushes { id, kind, example, line } to env.quizzes. */
export function renderQuizBlock(token, env, renderInline) {
  const fenceLine = token.map[0] + 1;
  const { id } = parseInfo(token.info, fenceLine, ['id']);
  const content = token.content;
  const data = parseBody(content, fenceLine, 'quiz');
  const at = (key) => keyLine(content, key, fenceLine);
  if (!QUIZ_KINDS.includes(data.kind)) throw new BlockError(at('kind'), `quiz kind must be ${QUIZ_KINDS.join(', ')}, got ${JSON.stringify(data.kind)}`);
  const allowed = {
    single: ['kind', 'question', 'options'],
    multiple: ['kind', 'question', 'options'],
    numeric: ['kind', 'question', 'answer', 'tolerance', 'unit', 'explain'],
    predict: ['kind', 'question', 'example', 'options', 'answer', 'tolerance', 'unit', 'explain'],
  }[data.kind];
  rejectUnknown(data, allowed, content, fenceLine, 'quiz');
  const config = { kind: data.kind, question: renderInline(requireText(data.question, 'a question:', at('question'))) };
  const usesOptions = data.kind === 'single' || data.kind === 'multiple' || (data.kind === 'predict' && data.options !== undefined);
  if (usesOptions) {
    const options = data.options;
    if (!Array.isArray(options) || options.length < 2) throw new BlockError(at('options'), 'quiz needs options: a list of at least 2 { text, explain, correct? }');
    config.options = options.map((option, i) => {
      if (!option || typeof option !== 'object') throw new BlockError(at('options'), `quiz option ${i + 1} must have text: and explain:`);
      const extra = Object.keys(option).filter((key) => !['text', 'explain', 'correct'].includes(key));
      if (extra.length) throw new BlockError(at('options'), `quiz option ${i + 1} has unknown field(s) ${extra.join(', ')}; expected text, explain, correct`);
      if (option.correct !== undefined && typeof option.correct !== 'boolean') throw new BlockError(at('options'), `quiz option ${i + 1}: correct must be true or false`);
      return {
        text: renderInline(requireText(option.text, `text: for option ${i + 1}`, at('options'))),
        explain: renderInline(requireText(option.explain, `explain: for option ${i + 1} (every option is explained after answering)`, at('options'))),
        correct: option.correct === true,
      };
    });
    const correct = config.options.filter((o) => o.correct).length;
    if (data.kind !== 'multiple' && correct !== 1) throw new BlockError(at('options'), `a ${data.kind} quiz needs exactly one option with correct: true, found ${correct}`);
    if (data.kind === 'multiple' && correct < 1) throw new BlockError(at('options'), 'a multiple quiz needs at least one option with correct: true');
    if (data.explain !== undefined) config.explain = renderInline(requireText(data.explain, 'explain:', at('explain')));
  } else {
    if (typeof data.answer !== 'number' || !Number.isFinite(data.answer)) {
      throw new BlockError(at('answer'), `a ${data.kind} quiz needs options: or a numeric answer: (with tolerance:)`);
    }
    config.answer = data.answer;
    config.tolerance = parseTolerance(data.tolerance ?? 0, at('tolerance'));
    if (data.unit !== undefined) config.unit = requireText(String(data.unit), 'unit:', at('unit'));
    config.explain = renderInline(requireText(data.explain, 'explain: (why the answer is what it is)', at('explain')));
  }
  if (data.kind === 'predict') {
    if (typeof data.example !== 'string' || !KEBAB_CASE.test(data.example)) {
      throw new BlockError(at('example'), 'a predict quiz needs example: <id of a live example on the same page>');
    }
    config.example = data.example;
  }
  if (env.quizzes.some((q) => q.id === id)) throw new BlockError(fenceLine, `quiz id "${id}" is used twice in this chapter`);
  // A plain-text title for the progress page: the question's Markdown without backticks, shortened.
  const plain = data.question.replace(/`/g, '').replace(/\s+/g, ' ').trim();
  const title = plain.length > 90 ? `${plain.slice(0, 89)}…` : plain;
  env.quizzes.push({ id, kind: data.kind, title, example: config.example ?? null, line: fenceLine });
  return `<workshop-quiz id="quiz-${id}" quiz-id="${id}" chapter="${escapeHtml(env.chapter)}" lang="${escapeHtml(env.lang)}">`
    + `<script type="application/json">${scriptJson(config)}</script></workshop-quiz>\n`;
}

/** After a chapter is rendered: every predict quiz must name a live example of the same chapter. Returns an error or null. */
export function checkQuizExamples(env) {
  for (const quiz of env.quizzes) {
    if (quiz.example && !env.liveExamples.some((example) => example.id === quiz.example)) {
      return new BlockError(quiz.line, `predict quiz "${quiz.id}" names example "${quiz.example}", but this chapter has no live example with that id`);
    }
  }
  return null;
}
