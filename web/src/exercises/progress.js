// Progress through exercises and quizzes, kept in this browser's localStorage under one key, shared by both
// languages (entries are keyed by chapter and id, which are the same in zh and en). Every change is announced with a
// `workshop-progress` event on window, so the navigation's ✓ marks follow at once (and other tabs via `storage`).

export const PROGRESS_KEY = 'attention-workshop:progress:v1';
export const PROGRESS_EVENT = 'workshop-progress';
const FORMAT = 'attention-workshop-progress';

const empty = () => ({ exercises: {}, quizzes: {} });

/** Everything recorded so far: { exercises: { "<chapter>/<id>": {...} }, quizzes: { ... } }. */
export function readProgress() {
  try {
    const stored = JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? 'null');
    if (stored && typeof stored === 'object') return { ...empty(), ...stored };
  } catch { /* unreadable or unavailable storage: start empty */ }
  return empty();
}

function write(progress) {
  try { localStorage.setItem(PROGRESS_KEY, JSON.stringify(progress)); } catch { /* private mode or full: progress is a nicety */ }
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
}

const entryKey = (chapter, id) => `${chapter}/${id}`;

/**
 * Merges `changes` into an exercise's record { attempted, passed, hintsUsed, solutionSeen, updatedAt }. `passed`
 * stays true once reached (a later failing attempt does not take the ✓ away); hintsUsed keeps its maximum.
 */
export function recordExercise(chapter, id, changes) {
  const progress = readProgress();
  const key = entryKey(chapter, id);
  const before = progress.exercises[key] ?? { attempted: false, passed: false, hintsUsed: 0, solutionSeen: false };
  progress.exercises[key] = {
    attempted: before.attempted || Boolean(changes.attempted),
    passed: before.passed || Boolean(changes.passed),
    hintsUsed: Math.max(before.hintsUsed, changes.hintsUsed ?? 0),
    solutionSeen: before.solutionSeen || Boolean(changes.solutionSeen),
    updatedAt: new Date().toISOString(),
  };
  write(progress);
  return progress.exercises[key];
}

/** Records a quiz answer { answered, correct, attempts, answer } (correct stays true once reached). */
export function recordQuiz(chapter, id, { correct, answer }) {
  const progress = readProgress();
  const key = entryKey(chapter, id);
  const before = progress.quizzes[key] ?? { answered: false, correct: false, attempts: 0 };
  progress.quizzes[key] = {
    answered: true, correct: before.correct || correct, attempts: before.attempts + 1, answer, updatedAt: new Date().toISOString(),
  };
  write(progress);
  return progress.quizzes[key];
}

export const exerciseProgress = (chapter, id) => readProgress().exercises[entryKey(chapter, id)] ?? null;
export const quizProgress = (chapter, id) => readProgress().quizzes[entryKey(chapter, id)] ?? null;

/** The JSON a learner downloads: their progress with a format marker and a date. */
export function exportProgress() {
  return JSON.stringify({ format: FORMAT, version: 1, exportedAt: new Date().toISOString(), ...readProgress() }, null, 2);
}

/**
 * Imports exported JSON, merged into what is stored (nothing is lost: passed/correct stay true, counts keep their
 * maximum). Throws an Error saying what is wrong with the file; the stored progress is then untouched.
 */
export function importProgress(text) {
  let data;
  try { data = JSON.parse(text); } catch (error) { throw new Error(`not JSON (${error.message})`); }
  if (!data || data.format !== FORMAT) throw new Error(`not an Attention Workshop progress file (expected "format": "${FORMAT}")`);
  const progress = readProgress();
  let count = 0;
  for (const section of ['exercises', 'quizzes']) {
    const entries = data[section] ?? {};
    if (typeof entries !== 'object' || Array.isArray(entries)) throw new Error(`"${section}" must be an object`);
    for (const [key, value] of Object.entries(entries)) {
      if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(key) || !value || typeof value !== 'object') throw new Error(`bad entry "${key}" in ${section}`);
      const before = progress[section][key] ?? {};
      progress[section][key] = section === 'exercises'
        ? { attempted: Boolean(before.attempted || value.attempted), passed: Boolean(before.passed || value.passed),
          hintsUsed: Math.max(before.hintsUsed ?? 0, Number(value.hintsUsed) || 0), solutionSeen: Boolean(before.solutionSeen || value.solutionSeen),
          updatedAt: value.updatedAt ?? before.updatedAt ?? null }
        : { answered: Boolean(before.answered || value.answered), correct: Boolean(before.correct || value.correct),
          attempts: Math.max(before.attempts ?? 0, Number(value.attempts) || 0), answer: value.answer ?? before.answer ?? null,
          updatedAt: value.updatedAt ?? before.updatedAt ?? null };
      count += 1;
    }
  }
  write(progress);
  return count;
}

/** Removes all recorded progress. */
export function clearProgress() {
  write(empty());
}

/** Done/total for a chapter's manifest version: an exercise counts when passed, a quiz when answered correctly. */
export function chapterTally(chapterSlug, version, progress = readProgress()) {
  const exercises = version.exercises ?? [];
  const quizzes = version.quizzes ?? [];
  const done = exercises.filter((e) => progress.exercises[entryKey(chapterSlug, e.id)]?.passed).length
    + quizzes.filter((q) => progress.quizzes[entryKey(chapterSlug, q.id)]?.correct).length;
  return { done, total: exercises.length + quizzes.length };
}
