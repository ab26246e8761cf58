#!/usr/bin/env node
// `npm run build:scorm` — a SCORM 1.2 package of the workshop (or of chosen chapters) for any LMS, from the built
// site in dist/: every file the course needs, imsmanifest.xml (one SCO, launched at scorm.html) and
// scorm-package.json (which chapters count and the language the course opens in).
//
//   node scripts/build-scorm.mjs [--chapters 04-programming-exercises,01-what-is-attention] [--lang en|zh]
//                                [--out dist-packages/attention-workshop-scorm.zip]
//
// The score the package reports covers the exercises and quizzes of the chosen chapters (all chapters by default);
// the learner can still read every chapter.
import { readdir, readFile, mkdir, writeFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';
import { loadContent } from '../web/build/content-pipeline.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = path.join(repoRoot, 'dist');

/** Files of dist/ that are not part of the course a learner opens (the embed layer is for other people's pages). */
const LEFT_OUT = [/^embed\//, /^\./, /^frame\.html$/];

async function listFiles(dir, prefix = '') {
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const relative = prefix + entry.name;
    if (entry.isDirectory()) files.push(...await listFiles(path.join(dir, entry.name), `${relative}/`));
    else files.push(relative);
  }
  return files;
}

const xml = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** imsmanifest.xml for SCORM 1.2: one organization, one item, one SCO resource listing every file. */
export function scormManifest({ identifier, title, files }) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xml(identifier)}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="attention-workshop">
    <organization identifier="attention-workshop">
      <title>${xml(title)}</title>
      <item identifier="course" identifierref="sco" isvisible="true">
        <title>${xml(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="scorm.html">
${files.map((file) => `      <file href="${xml(file)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}

export async function buildScorm({ chapters = [], lang = 'en', out } = {}) {
  try { await stat(path.join(distDir, 'scorm.html')); } catch {
    throw new Error('dist/scorm.html is missing: build the site first (bash scripts/build.sh --wasm --site)');
  }
  const { manifest } = await loadContent(path.join(repoRoot, 'web/content'));
  const known = manifest.chapters.map((chapter) => chapter.slug);
  const unknown = chapters.filter((slug) => !known.includes(slug));
  if (unknown.length) throw new Error(`unknown chapter(s) ${unknown.join(', ')}; expected some of: ${known.join(', ')}`);
  if (!manifest.languages.includes(lang)) throw new Error(`unknown language "${lang}"; expected ${manifest.languages.join(' or ')}`);
  const chosen = manifest.chapters.filter((chapter) => !chapters.length || chapters.includes(chapter.slug));
  const titles = chosen.map((chapter) => (chapter.versions[lang] ?? Object.values(chapter.versions)[0]).title);
  const courseTitle = lang === 'zh' ? '注意力编程工作坊' : 'Attention Workshop';
  const title = chapters.length ? `${courseTitle}: ${titles.join(' · ')}` : courseTitle;

  const files = (await listFiles(distDir)).filter((file) => !LEFT_OUT.some((pattern) => pattern.test(file))).sort();
  const entries = {};
  for (const file of files) entries[file] = await readFile(path.join(distDir, file));
  entries['scorm-package.json'] = Buffer.from(JSON.stringify({ chapters: chosen.map((c) => c.slug), lang }, null, 2));
  const identifier = `attention-workshop-${chapters.length ? chosen.map((c) => c.number).join('-') : 'all'}-${lang}`;
  entries['imsmanifest.xml'] = Buffer.from(scormManifest({ identifier, title, files: [...files, 'scorm-package.json'] }));
  const zip = zipSync(entries, { level: 9 });
  const target = out ?? path.join(repoRoot, 'dist-packages', `${identifier}-scorm12.zip`);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, zip);
  return { file: target, bytes: zip.length, files: Object.keys(entries).length, title };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { chapters: { type: 'string', default: '' }, lang: { type: 'string', default: 'en' }, out: { type: 'string' } } });
  const chapters = values.chapters.split(',').map((s) => s.trim()).filter(Boolean);
  buildScorm({ chapters, lang: values.lang, out: values.out && path.resolve(values.out) })
    .then(({ file, bytes, files, title }) => console.log(`[scorm] ${path.relative(repoRoot, file)}: ${(bytes / 1e6).toFixed(2)} MB, ${files} files — "${title}"`))
    .catch((error) => { console.error(`[scorm] ${error.message}`); process.exit(1); });
}
