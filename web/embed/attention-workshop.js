// Entry of the one-script-tag embed bundle, dist/embed/attention-workshop.js: registers every element of the
// workshop on any page — <live-example>, <workshop-exercise>, <workshop-quiz>, <workshop-lab> — with no bundler.
// It may be served from another origin than the page: its chunks, the worker and the wasm are all found relative
// to this file's own URL (import.meta.url), and the runner starts its worker through a same-origin blob when the
// bundle is cross-origin (web/src/live/runner.js). The host of the bundle must send Access-Control-Allow-Origin.
import { LiveExampleElement } from '../src/live/index.js';
import { ExerciseElement, QuizElement } from '../src/exercises/index.js';
import { WorkshopLabElement } from '../src/labs/index.js';

export { LiveExampleElement, ExerciseElement, QuizElement, WorkshopLabElement };
