// Finds an exercise's language-neutral module (web/exercises/<id>.js) by id. Each module is its own small chunk,
// loaded only by the page (for Show solution) and the worker (for Check) that need it.
const modules = import.meta.glob('../../exercises/*.js');

/** Resolves to the exercise definition with this id; rejects with a clear message for an unknown id. */
export async function loadExercise(id) {
  const load = modules[`../../exercises/${id}.js`];
  if (!load) throw new Error(`No exercise module web/exercises/${id}.js`);
  return (await load()).default;
}
