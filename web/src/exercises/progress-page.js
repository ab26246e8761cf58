// The progress page (#/<lang>/progress): every exercise and quiz of every chapter with its state, and JSON export
// and import of the progress kept in this browser.
import { formatRoute } from '../router.js';
import { chapterVersion, element } from '../navigation.js';
import { chapterTally, clearProgress, exportProgress, importProgress, readProgress } from './progress.js';

const TEXT = {
  en: {
    title: 'Your progress', intro: 'Kept in this browser only. Export it to keep a copy or move it to another browser; importing merges, it never removes what you did.',
    exercises: 'Exercises', quizzes: 'Quizzes', passed: 'passed', attempted: 'attempted', notStarted: 'not started',
    hints: (n) => `${n} hint${n === 1 ? '' : 's'}`, solution: 'solution seen', correct: 'answered correctly', answered: 'answered, not yet right',
    export: 'Export JSON', import: 'Import JSON…', clear: 'Clear progress', clearAsk: 'Remove all recorded progress from this browser?',
    imported: (n) => `Imported ${n} entries.`, importFailed: (m) => `Could not import: ${m}. Nothing was changed.`, none: 'No exercises or quizzes yet.',
    tally: (d, t) => `${d} of ${t} done`,
  },
  zh: {
    title: '学习进度', intro: '进度只保存在本浏览器中。导出可保存副本或搬到其他浏览器；导入会合并，不会删除你已有的记录。',
    exercises: '练习', quizzes: '测验', passed: '已通过', attempted: '已尝试', notStarted: '未开始',
    hints: (n) => `用了 ${n} 条提示`, solution: '看过答案', correct: '已答对', answered: '已作答，尚未答对',
    export: '导出 JSON', import: '导入 JSON…', clear: '清除进度', clearAsk: '要删除本浏览器中的全部进度吗？',
    imported: (n) => `已导入 ${n} 条记录。`, importFailed: (m) => `无法导入：${m}。没有做任何修改。`, none: '还没有练习或测验。',
    tally: (d, t) => `完成 ${d} / ${t}`,
  },
};

/** Renders the progress page into `main`; returns its title. */
export function renderProgressPage(main, manifest, lang) {
  const t = TEXT[lang] ?? TEXT.en;
  const status = element('p', { className: 'progress-status', role: 'status' });
  const list = element('div', { className: 'progress-list' });
  const draw = () => {
    const progress = readProgress();
    const blocks = [];
    for (const chapter of manifest.chapters) {
      const { version } = chapterVersion(chapter, lang, manifest.languages);
      const exercises = version.exercises ?? [];
      const quizzes = version.quizzes ?? [];
      if (!exercises.length && !quizzes.length) continue;
      const { done, total } = chapterTally(chapter.slug, version, progress);
      const items = [];
      for (const exercise of exercises) {
        const p = progress.exercises[`${chapter.slug}/${exercise.id}`];
        const state = p?.passed ? `✓ ${t.passed}` : p?.attempted ? t.attempted : t.notStarted;
        const extra = [p?.hintsUsed ? t.hints(p.hintsUsed) : null, p?.solutionSeen ? t.solution : null].filter(Boolean).join(', ');
        items.push(element('li', { 'data-exercise': exercise.id, 'data-passed': String(Boolean(p?.passed)) },
          element('a', { href: formatRoute(lang, chapter.slug, exercise.id) }, `${t.exercises} · ${exercise.title}`), ` — ${state}${extra ? ` (${extra})` : ''}`));
      }
      for (const quiz of quizzes) {
        const p = progress.quizzes[`${chapter.slug}/${quiz.id}`];
        const state = p?.correct ? `✓ ${t.correct}` : p?.answered ? t.answered : t.notStarted;
        items.push(element('li', { 'data-quiz': quiz.id }, element('a', { href: formatRoute(lang, chapter.slug, `quiz-${quiz.id}`) }, `${t.quizzes} · ${quiz.title ?? quiz.id}`), ` — ${state}`));
      }
      blocks.push(element('section', { className: 'progress-chapter' },
        element('h2', {}, `${String(chapter.number).padStart(2, '0')} · ${version.title} — ${t.tally(done, total)}`),
        element('ul', {}, ...items)));
    }
    list.replaceChildren(...(blocks.length ? blocks : [element('p', {}, t.none)]));
  };
  const exportButton = element('button', { type: 'button', className: 'progress-export' }, t.export);
  const importInput = element('input', { type: 'file', accept: 'application/json,.json', className: 'progress-import-file', 'aria-label': t.import });
  const importButton = element('button', { type: 'button', className: 'progress-import' }, t.import);
  const clearButton = element('button', { type: 'button', className: 'progress-clear' }, t.clear);
  importInput.hidden = true;
  exportButton.addEventListener('click', () => {
    const blob = new Blob([exportProgress()], { type: 'application/json' });
    const link = element('a', { href: URL.createObjectURL(blob), download: 'attention-workshop-progress.json' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
  importButton.addEventListener('click', () => importInput.click());
  importInput.addEventListener('change', async () => {
    const file = importInput.files?.[0];
    if (!file) return;
    try {
      status.textContent = t.imported(importProgress(await file.text()));
    } catch (error) {
      status.textContent = t.importFailed(error.message);
    }
    importInput.value = '';
    draw();
  });
  clearButton.addEventListener('click', () => { if (window.confirm(t.clearAsk)) { clearProgress(); draw(); } });
  draw();
  main.replaceChildren(element('article', { className: 'chapter progress-page', lang: lang === 'zh' ? 'zh-CN' : 'en' },
    element('header', { className: 'chapter-header' }, element('h1', { tabindex: '-1' }, t.title)),
    element('div', { className: 'prose' }, element('p', {}, t.intro),
      element('div', { className: 'progress-actions' }, exportButton, importButton, importInput, clearButton), status, list)));
  return t.title;
}
