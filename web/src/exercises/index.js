// Registers <workshop-exercise> and <workshop-quiz>. Importing this module twice is harmless.
import { ExerciseElement } from './exercise-element.js';
import { QuizElement } from './quiz-element.js';

if (!customElements.get('workshop-exercise')) customElements.define('workshop-exercise', ExerciseElement);
if (!customElements.get('workshop-quiz')) customElements.define('workshop-quiz', QuizElement);

export { ExerciseElement, QuizElement };
