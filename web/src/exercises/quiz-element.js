// <workshop-quiz>: one question in the format of CONTRACTS.md (kinds single, multiple, numeric, predict), built by the
// pipeline as <workshop-quiz quiz-id chapter lang><script type="application/json">{ config }</script></workshop-quiz>
// with question, options and explanations already rendered to HTML (Markdown and KaTeX at build time). It renders in
// the light DOM so the page's prose and formula styles apply. After an answer every option's explanation is shown;
// a predict quiz then runs its linked <live-example> and shows the prediction beside what the example printed.
// Progress is saved (progress.js) and a bubbling, composed `quiz-answer` event carries { id, correct }.
import { quizStrings } from './i18n.js';
import { quizProgress, recordQuiz } from './progress.js';
import { formatNumber } from './checker.js';
import { make } from '../live/dom.js';

const QUIZ_CSS = `
workshop-quiz { display: block; margin: 1.25rem 0; }
.quiz-frame { border: 1px solid var(--aw-border, #d1d9e0); border-radius: var(--aw-radius, 8px); padding: 0.75rem 1rem; background: var(--aw-surface, transparent); }
.quiz-kicker { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; opacity: 0.75; margin: 0; }
.quiz-question { font-weight: 600; margin: 0.25rem 0 0.5rem; }
.quiz-instructions { font-size: 0.9rem; opacity: 0.8; margin: 0 0 0.5rem; }
.quiz-options { border: 0; margin: 0; padding: 0; min-width: 0; }
.quiz-option-body { min-width: 0; overflow-wrap: anywhere; }
workshop-quiz code { overflow-wrap: anywhere; }
.quiz-option { display: flex; gap: 0.5rem; align-items: baseline; padding: 0.3rem 0.4rem; border-radius: 6px; }
.quiz-option:hover { background: rgba(127, 127, 127, 0.08); }
.quiz-option input { flex: none; }
.quiz-option.is-correct { outline: 2px solid #1a7f37; }
.quiz-option.is-wrong { outline: 2px solid #cf222e; }
.quiz-explain { display: block; font-size: 0.92rem; margin: 0.15rem 0 0.3rem; opacity: 0.9; }
.quiz-actions { display: flex; gap: 0.5rem; flex-wrap: wrap; margin-top: 0.6rem; align-items: center; }
.quiz-actions button { font: inherit; padding: 0.3rem 0.9rem; border-radius: 6px; border: 1px solid currentColor; background: transparent; color: inherit; cursor: pointer; }
.quiz-actions button.primary { background: var(--aw-accent, #0969da); border-color: var(--aw-accent, #0969da); color: var(--aw-accent-contrast, #fff); }
.quiz-number { font: inherit; padding: 0.25rem 0.4rem; width: 10em; }
.quiz-feedback { margin-top: 0.6rem; }
.quiz-verdict { font-weight: 700; margin: 0 0 0.3rem; }
.quiz-verdict.is-correct { color: #1a7f37; }
.quiz-verdict.is-wrong { color: #cf222e; }
[data-theme="dark"] .quiz-verdict.is-correct { color: #3fb950; }
[data-theme="dark"] .quiz-verdict.is-wrong { color: #ff7b72; }
.quiz-run-output { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 0.85rem; padding: 0.4rem 0.6rem; border-radius: 6px; background: rgba(127, 127, 127, 0.1); max-height: 12rem; overflow: auto; }
`;

function ensureStyles() {
  if (document.getElementById('workshop-quiz-styles')) return;
  const style = document.createElement('style');
  style.id = 'workshop-quiz-styles';
  style.textContent = QUIZ_CSS;
  document.head.append(style);
}

const html = (tag, className, markup) => { const node = make(tag, className); node.innerHTML = markup; return node; };

let quizCount = 0;

export class QuizElement extends HTMLElement {
  get quizId() { return this.getAttribute('quiz-id') || 'quiz'; }
  get chapter() { return this.getAttribute('chapter') || ''; }
  get language() { return this.getAttribute('lang') || this.closest('[lang]')?.getAttribute('lang') || 'en'; }
  get strings() { return quizStrings(this.language); }

  connectedCallback() {
    if (this.built) return;
    this.built = true;
    ensureStyles();
    const script = this.querySelector(':scope > script[type="application/json"]');
    this.config = JSON.parse(script?.textContent ?? '{}');
    this.uid = `quiz-${++quizCount}`;
    this.render();
  }

  render() {
    const { config, strings } = this;
    const frame = make('div', 'quiz-frame');
    frame.setAttribute('role', 'group');
    const questionId = `${this.uid}-question`;
    frame.setAttribute('aria-labelledby', questionId);
    const question = html('p', 'quiz-question', config.question);
    question.id = questionId;
    const usesOptions = Array.isArray(config.options);
    const instructions = config.kind === 'predict' ? strings.predict
      : config.kind === 'multiple' ? strings.multiple : usesOptions ? strings.single : strings.numeric;
    frame.append(make('p', 'quiz-kicker', strings.quiz), question, make('p', 'quiz-instructions', instructions));

    if (usesOptions) {
      const fieldset = make('fieldset', 'quiz-options');
      fieldset.setAttribute('aria-labelledby', questionId);
      const type = config.kind === 'multiple' ? 'checkbox' : 'radio';
      this.optionNodes = config.options.map((option, i) => {
        const label = make('label', 'quiz-option');
        const input = document.createElement('input');
        input.type = type;
        input.name = this.uid;
        input.value = String(i);
        const body = make('span', 'quiz-option-body');
        body.append(html('span', 'quiz-option-text', option.text));
        const explain = html('span', 'quiz-explain', option.explain);
        explain.hidden = true;
        body.append(explain);
        label.append(input, body);
        fieldset.append(label);
        return { label, input, explain, option };
      });
      frame.append(fieldset);
    } else {
      const label = make('label', 'quiz-number-label');
      label.append(`${strings.answerLabel} `);
      this.numberInput = document.createElement('input');
      this.numberInput.type = 'text';
      this.numberInput.inputMode = 'decimal';
      this.numberInput.className = 'quiz-number';
      label.append(this.numberInput);
      if (config.unit) label.append(` ${config.unit}`);
      frame.append(label);
      this.numberInput.addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); this.submit(); } });
    }

    const actions = make('div', 'quiz-actions');
    this.submitButton = make('button', 'primary', config.kind === 'predict' ? strings.commit : strings.submit);
    this.submitButton.type = 'button';
    this.retryButton = make('button', '', strings.retry);
    this.retryButton.type = 'button';
    this.retryButton.hidden = true;
    this.previous = make('span', 'quiz-previous');
    actions.append(this.submitButton, this.retryButton, this.previous);
    this.feedback = make('div', 'quiz-feedback');
    this.feedback.setAttribute('aria-live', 'polite');
    frame.append(actions, this.feedback);
    this.replaceChildren(frame);

    this.submitButton.addEventListener('click', () => { this.submit(); });
    this.retryButton.addEventListener('click', () => this.retry());
    const before = quizProgress(this.chapter, this.quizId);
    if (before) this.previous.textContent = strings.previously(before.correct);
  }

  /** The learner's answer: option indices, or a number; null when nothing (valid) is given. */
  currentAnswer() {
    if (this.optionNodes) {
      const chosen = this.optionNodes.map((o, i) => (o.input.checked ? i : -1)).filter((i) => i >= 0);
      return chosen.length ? chosen : null;
    }
    const text = this.numberInput.value.trim().replace(',', '.');
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return null;
    return Number(text);
  }

  isCorrect(answer) {
    const { config } = this;
    if (this.optionNodes) {
      const right = config.options.map((o, i) => (o.correct ? i : -1)).filter((i) => i >= 0);
      return right.length === answer.length && right.every((i) => answer.includes(i));
    }
    const { abs = 0, rel = 0 } = config.tolerance ?? {};
    return Math.abs(answer - config.answer) <= abs + rel * Math.abs(config.answer) + 1e-12;
  }

  /** Answers with what is selected or typed. Resolves to { id, correct } (also sent as `quiz-answer`), or null. */
  async submit() {
    const { strings, config } = this;
    const answer = this.currentAnswer();
    if (answer === null) {
      this.feedback.replaceChildren(make('p', 'quiz-verdict is-wrong', this.optionNodes ? strings.chooseFirst : strings.notANumber));
      return null;
    }
    const correct = this.isCorrect(answer);
    this.lock(true);
    const parts = [make('p', `quiz-verdict ${correct ? 'is-correct' : 'is-wrong'}`, correct ? strings.correct : strings.incorrect)];
    const described = this.optionNodes ? answer.map((i) => this.optionNodes[i].label.querySelector('.quiz-option-text').textContent).join('; ')
      : `${formatNumber(answer)}${config.unit ? ` ${config.unit}` : ''}`;
    if (this.optionNodes) {
      for (const { label, explain, option, input } of this.optionNodes) {
        explain.hidden = false;
        label.classList.toggle('is-correct', option.correct);
        label.classList.toggle('is-wrong', input.checked && !option.correct);
      }
    } else {
      const unit = config.unit ? ` ${config.unit}` : '';
      const tolerance = config.tolerance?.rel ? `${config.tolerance.rel * 100}%` : `±${config.tolerance?.abs ?? 0}${unit}`;
      parts.push(make('p', '', `${strings.yourAnswer(`${formatNumber(answer)}${unit}`)} ${strings.theAnswer(`${formatNumber(config.answer)}${unit}`)} ${strings.within(tolerance)}`));
    }
    if (config.explain) parts.push(html('p', 'quiz-explain', config.explain));
    this.feedback.replaceChildren(...parts);
    recordQuiz(this.chapter, this.quizId, { correct, answer });
    this.previous.textContent = '';
    this.dispatchEvent(new CustomEvent('quiz-answer', { bubbles: true, composed: true, detail: { id: this.quizId, correct } }));
    if (config.kind === 'predict') await this.runLinkedExample(described);
    return { id: this.quizId, correct };
  }

  /** Runs the predict quiz's example and shows the prediction beside the example's own output. */
  async runLinkedExample(prediction) {
    const { strings, config } = this;
    const example = this.getRootNode().querySelector?.(`live-example[example-id="${CSS.escape(config.example)}"]`);
    const box = make('div', 'quiz-prediction');
    box.append(make('p', '', strings.yourPrediction(prediction)));
    this.feedback.prepend(box);
    if (!example || typeof example.run !== 'function') { box.append(make('p', '', strings.noExample)); return; }
    const waiting = make('p', '', strings.running);
    box.append(waiting);
    await example.run();
    const printed = example.shadowRoot?.querySelector('.output')?.innerText?.trim() ?? '';
    waiting.replaceWith(make('p', '', strings.runResult), make('pre', 'quiz-run-output', printed.slice(0, 2000)));
  }

  lock(locked) {
    for (const o of this.optionNodes ?? []) o.input.disabled = locked;
    if (this.numberInput) this.numberInput.disabled = locked;
    this.submitButton.hidden = locked;
    this.retryButton.hidden = !locked;
    (locked ? this.retryButton : this.submitButton).focus();
  }

  /** Clears the answer so the learner can answer again (progress keeps the earlier attempt). */
  retry() {
    for (const o of this.optionNodes ?? []) {
      o.input.checked = false;
      o.explain.hidden = true;
      o.label.classList.remove('is-correct', 'is-wrong');
    }
    if (this.numberInput) this.numberInput.value = '';
    this.feedback.replaceChildren();
    this.lock(false);
    (this.optionNodes?.[0]?.input ?? this.numberInput).focus();
  }
}
