// Interface strings of the shell, per language. Chapter text comes from web/content; these are only the words
// around it. A language added here also needs its folder web/content/<lang>/ and an entry in LANGUAGES
// (web/build/content-pipeline.js).

/** Interface strings by language code. */
export const UI_STRINGS = {
  zh: {
    htmlLang: 'zh-CN',
    languageName: '中文',
    siteTitle: '注意力编程工作坊',
    skipToContent: '跳到正文',
    menu: '目录',
    chapters: '章节',
    onThisPage: '本章内容',
    languageGroup: '语言',
    switchLanguageTo: (name) => `切换到${name}`,
    darkTheme: '切换到深色主题',
    lightTheme: '切换到浅色主题',
    part: (n) => `第 ${n} 部分`,
    outline: '提纲',
    outlineNotice: '本章目前是提纲，完整内容即将写成。',
    otherLanguageNotice: (name) => `本章暂无中文版本，下面显示的是${name}版本。`,
    previous: '上一章',
    next: '下一章',
    pager: '章节翻页',
    loading: '正在加载…',
    loadFailed: '本章加载失败。请刷新页面重试。',
    notFoundTitle: '找不到这一页',
    notFoundText: '地址中的章节不存在。',
    backToStart: '回到第一章',
    noChaptersTitle: '还没有章节',
    noChaptersText: '在 web/content/zh/ 和 web/content/en/ 中加入 Markdown 文件即可添加章节。',
    liveUnavailable: '交互示例暂不可用，下面显示示例代码。',
    wideFormula: '公式比页面更宽：可用方向键左右滚动',
    footer: '注意力编程工作坊 · 所有计算都在你的浏览器中完成，无需联网。',
  },
  en: {
    htmlLang: 'en',
    languageName: 'English',
    siteTitle: 'Attention Workshop',
    skipToContent: 'Skip to content',
    menu: 'Chapters',
    chapters: 'Chapters',
    onThisPage: 'On this page',
    languageGroup: 'Language',
    switchLanguageTo: (name) => `Switch to ${name}`,
    darkTheme: 'Switch to dark theme',
    lightTheme: 'Switch to light theme',
    part: (n) => `Part ${n}`,
    outline: 'Outline',
    outlineNotice: 'This chapter is an outline for now; the full text is being written.',
    otherLanguageNotice: (name) => `This chapter has no English version yet; it is shown in ${name}.`,
    previous: 'Previous',
    next: 'Next',
    pager: 'Chapter navigation',
    loading: 'Loading…',
    loadFailed: 'This chapter could not be loaded. Reload the page to try again.',
    notFoundTitle: 'Page not found',
    notFoundText: 'The chapter in the address does not exist.',
    backToStart: 'Go to the first chapter',
    noChaptersTitle: 'No chapters yet',
    noChaptersText: 'Add Markdown files to web/content/zh/ and web/content/en/ to create chapters.',
    liveUnavailable: 'Live examples are not available; the example code is shown below.',
    wideFormula: 'Formula wider than the page: scroll sideways with the arrow keys',
    footer: 'Attention Workshop · everything runs in your browser, offline.',
  },
};

/** The strings for `lang`, falling back to the first language for a code without strings. */
export function stringsFor(lang) {
  return UI_STRINGS[lang] ?? Object.values(UI_STRINGS)[0];
}
