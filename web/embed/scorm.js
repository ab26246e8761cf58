// SCORM 1.2 for the workshop, with no server: the launch page (scorm.html, ./scorm-launch.js) finds the LMS's
// JavaScript API (window.API in a parent or opener window), reports completion and a score, and keeps the learner's
// progress in cmi.suspend_data so a later attempt — on another computer — resumes where they were.
// This file holds the parts that do not touch the page (tested in Node: tests/site/scorm.test.mjs).

/** SCORM 1.2 caps cmi.suspend_data at 4096 characters. */
export const SUSPEND_DATA_LIMIT = 4096;
const SUSPEND_VERSION = 1;

/**
 * The SCORM 1.2 API object of the LMS, found as the specification's discovery algorithm does: this window and its
 * parents (a package usually runs in an LMS frame), then the opener's (a package opened in a new window). Windows
 * of another origin are skipped (reading them throws). Null when there is none.
 */
export function findScormApi(start = globalThis.window) {
  const search = (win) => {
    for (let depth = 0; win && depth < 10; depth += 1) {
      try { if (win.API && typeof win.API.LMSInitialize === 'function') return win.API; } catch { /* other origin */ }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  };
  return search(start) ?? (start?.opener ? search(start.opener) : null);
}

/** The exercises and quizzes of the chosen chapters, as `<chapter>/<id>` keys (the ids are the same in zh and en). */
export function packageItems(manifest, chapterSlugs) {
  const exercises = [];
  const quizzes = [];
  for (const chapter of manifest.chapters) {
    if (chapterSlugs.length && !chapterSlugs.includes(chapter.slug)) continue;
    const version = chapter.versions.en ?? Object.values(chapter.versions)[0];
    for (const { id } of version.exercises ?? []) exercises.push(`${chapter.slug}/${id}`);
    for (const { id } of version.quizzes ?? []) quizzes.push(`${chapter.slug}/${id}`);
  }
  return { exercises, quizzes };
}

/**
 * What the LMS is told: the score is (exercises passed + quizzes answered correctly) / (exercises + quizzes), as
 * 0–100; the lesson is completed once every exercise passed and every quiz was answered (right or wrong).
 * @param {{ exercises: string[], quizzes: string[] }} items
 * @param {{ exercises: object, quizzes: object }} progress  as web/src/exercises/progress.js records it
 */
export function scormResult(items, progress) {
  const passed = items.exercises.filter((key) => progress.exercises[key]?.passed).length;
  const correct = items.quizzes.filter((key) => progress.quizzes[key]?.correct).length;
  const answered = items.quizzes.filter((key) => progress.quizzes[key]?.answered).length;
  const total = items.exercises.length + items.quizzes.length;
  return {
    passed, correct, answered, total,
    raw: total ? Math.round((100 * (passed + correct)) / total) : 100,
    status: passed === items.exercises.length && answered === items.quizzes.length ? 'completed' : 'incomplete',
  };
}

/** Compact suspend_data: the passed exercises and the answered quizzes (1 = right) of the package. */
export function encodeSuspendData(items, progress) {
  const data = {
    v: SUSPEND_VERSION,
    e: items.exercises.filter((key) => progress.exercises[key]?.passed),
    q: Object.fromEntries(items.quizzes.filter((key) => progress.quizzes[key]?.answered)
      .map((key) => [key, progress.quizzes[key].correct ? 1 : 0])),
  };
  const text = JSON.stringify(data);
  if (text.length > SUSPEND_DATA_LIMIT) throw new Error(`suspend_data would be ${text.length} characters; SCORM 1.2 allows ${SUSPEND_DATA_LIMIT}`);
  return text;
}

/**
 * suspend_data back into the progress file format that importProgress() merges (nothing recorded locally is lost).
 * Returns null for empty data; throws an Error saying what is wrong with data that is not ours.
 */
export function decodeSuspendData(text) {
  if (!text) return null;
  let data;
  try { data = JSON.parse(text); } catch { throw new Error('cmi.suspend_data is not JSON written by this package'); }
  if (!data || data.v !== SUSPEND_VERSION || !Array.isArray(data.e) || typeof data.q !== 'object' || data.q === null) {
    throw new Error(`cmi.suspend_data is not in this package's format (expected {"v":${SUSPEND_VERSION},"e":[…],"q":{…}})`);
  }
  return {
    format: 'attention-workshop-progress',
    version: 1,
    exercises: Object.fromEntries(data.e.map((key) => [key, { attempted: true, passed: true }])),
    quizzes: Object.fromEntries(Object.entries(data.q).map(([key, right]) => [key, { answered: true, correct: right === 1, attempts: 1 }])),
  };
}
