// The exercise side of the snippet worker (runner-worker.js imports this only for exercise runs). For Run and Check,
// the learner's code runs like any snippet, with the exercise's hidden set-up values as extra parameters; for Check,
// its function is then handed to the checker library, case by case, under the same time limit as the whole run.
import { loadExercise } from './registry.js';
import { guardApi, runExercise } from './checker.js';

/** The view kind that carries a check report from the worker to the exercise element. */
export const CHECK_REPORT_KIND = 'check-report';

/**
 * Prepares one exercise run: { api, parameterNames, parameterValues, epilogue, check(entryFunction, locate) }.
 * `request` is { id, mode: 'run' | 'check', lang, tolerance? }.
 */
export async function prepareExerciseRun(request, attn) {
  const defined = await loadExercise(request.id);
  // A block's tolerance=… (README) overrides the module's for that page.
  const exercise = request.tolerance ? { ...defined, tolerance: { ...defined.tolerance, ...request.tolerance } } : defined;
  const { api, guard } = guardApi(attn, exercise.forbidden);
  const setup = exercise.setup ? exercise.setup(attn) : {};
  const parameterNames = Object.keys(setup);
  const entry = exercise.entry;
  return {
    api,
    parameterNames,
    parameterValues: parameterNames.map((name) => setup[name]),
    // Appended after the learner's last line, so their line numbers do not move.
    epilogue: request.mode === 'check' ? `\n;return typeof ${entry} === 'function' ? ${entry} : undefined;` : '',
    check: (learnerFunction, locate) => runExercise(exercise, learnerFunction, { attn, lang: request.lang, guard, locate }),
  };
}
