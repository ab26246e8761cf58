// Entry of scorm.html, the launch page of the SCORM 1.2 package (`npm run build:scorm`): shows the course in a
// frame, opens the LMS session, restores progress from cmi.suspend_data, and reports score, status and progress
// whenever an exercise or quiz result is recorded. The course itself is the ordinary site, unchanged: its progress
// lives in this origin's localStorage, which this page reads (same origin) and hears change ('storage' events).
import manifest from 'virtual:aw-content';
import { PROGRESS_EVENT, PROGRESS_KEY, importProgress, readProgress } from '../src/exercises/progress.js';
import { decodeSuspendData, encodeSuspendData, findScormApi, packageItems, scormResult } from './scorm.js';

const statusLine = document.getElementById('lms-status');
const course = document.getElementById('course');

/** scorm-package.json, written by scripts/build-scorm.mjs: { chapters: [slug…], lang }. */
async function packageConfig() {
  try {
    const response = await fetch('./scorm-package.json');
    if (response.ok) return await response.json();
  } catch { /* not in a package: the whole workshop */ }
  return { chapters: [], lang: manifest.defaultLanguage };
}

const TEXT = {
  en: { none: 'No LMS found: progress is kept in this browser only.', told: (r) => `Reported to the LMS: ${r.passed + r.correct} of ${r.total} done (score ${r.raw}), ${r.status}.`,
    failed: (call, code, text) => `The LMS refused ${call}: error ${code} ${text}` },
  zh: { none: '未找到 LMS：进度只保存在本浏览器中。', told: (r) => `已报告给 LMS：完成 ${r.passed + r.correct} / ${r.total}（得分 ${r.raw}），${r.status === 'completed' ? '已完成' : '未完成'}。`,
    failed: (call, code, text) => `LMS 拒绝了 ${call}：错误 ${code} ${text}` },
};

async function start() {
  const config = await packageConfig();
  const lang = manifest.languages.includes(config.lang) ? config.lang : manifest.defaultLanguage;
  const text = TEXT[lang] ?? TEXT.en;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : lang;
  const chapters = (config.chapters ?? []).filter((slug) => manifest.chapters.some((c) => c.slug === slug));
  const items = packageItems(manifest, chapters);
  const api = findScormApi(window);

  const check = (call, ok) => {
    if (String(ok) === 'true') return true;
    const code = api.LMSGetLastError();
    statusLine.textContent = text.failed(call, code, api.LMSGetErrorString(code));
    return false;
  };

  if (api) {
    check('LMSInitialize', api.LMSInitialize(''));
    try {
      const saved = decodeSuspendData(api.LMSGetValue('cmi.suspend_data'));
      if (saved) importProgress(JSON.stringify(saved));
    } catch (error) {
      console.warn(`Attention Workshop: ${error.message}; starting from this browser's progress.`);
    }
  }

  let lastReported = '';
  const report = () => {
    const progress = readProgress();
    const result = scormResult(items, progress);
    if (!api) { statusLine.textContent = text.none; return; }
    const suspend = encodeSuspendData(items, progress);
    const key = `${result.raw}|${result.status}|${suspend}`;
    if (key === lastReported) return;
    lastReported = key;
    check('cmi.core.score.min', api.LMSSetValue('cmi.core.score.min', '0'));
    check('cmi.core.score.max', api.LMSSetValue('cmi.core.score.max', '100'));
    check('cmi.core.score.raw', api.LMSSetValue('cmi.core.score.raw', String(result.raw)));
    check('cmi.core.lesson_status', api.LMSSetValue('cmi.core.lesson_status', result.status));
    check('cmi.suspend_data', api.LMSSetValue('cmi.suspend_data', suspend));
    if (check('LMSCommit', api.LMSCommit(''))) statusLine.textContent = text.told(result);
  };

  window.addEventListener('storage', (event) => { if (event.key === PROGRESS_KEY) report(); });
  course.addEventListener('load', () => {
    // Same origin: the course's own progress event is heard at once (the storage event may come a little later).
    try { course.contentWindow.addEventListener(PROGRESS_EVENT, report); } catch { /* not reachable: storage events remain */ }
  });
  let finished = false;
  window.addEventListener('pagehide', () => {
    if (!api || finished) return;
    finished = true;
    report();
    api.LMSFinish('');
  });

  const first = chapters[0] ?? manifest.chapters[0]?.slug ?? '';
  course.src = `./index.html#/${lang}/${first}`;
  report();
}

start().catch((error) => { statusLine.textContent = error.message; console.error(error); });
