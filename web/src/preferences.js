// The reader's remembered choices (language, theme). Storage can be unavailable (private modes, blocked
// cookies, sandboxed iframes); then choices simply last for the visit.

const KEYS = { language: 'aw:language', theme: 'aw:theme' };

function read(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // not remembered; the choice still applies to this visit
  }
}

/** The remembered language code, or null. */
export const storedLanguage = () => read(KEYS.language);
/** Remembers the language code. */
export const storeLanguage = (lang) => write(KEYS.language, lang);
/** The remembered theme, 'light' | 'dark', or null to follow the system. */
export const storedTheme = () => {
  const theme = read(KEYS.theme);
  return theme === 'light' || theme === 'dark' ? theme : null;
};
/** Remembers the theme. */
export const storeTheme = (theme) => write(KEYS.theme, theme);
