// Where an example's code comes from, in order of precedence: a share link in the page's fragment that names the
// example, the reader's own edit saved in this browser, or the original written by the author. Also keeps the
// reader's edits (debounced) and forgets them when the code is the original again. No DOM beyond reading the
// original from the element, so an exercise or a lab can use the same rules.
import { debounce, loadEdit, saveEdit, storageKey } from './persistence.js';
import { SharedCodeError, decodeCode, readShareRequest } from './share-link.js';

const SAVE_DELAY_MS = 400;

/** The code inside the element's first <script type="text/plain">, undoing the escapes the Markdown pipeline applies. */
export function readOriginalCode(element) {
  const script = element.querySelector(':scope > script[type="text/plain"]');
  const raw = script ? script.textContent : element.textContent;
  return raw
    .replace(/<\\\/script/gi, (m) => `</${m.slice(3)}`)
    .replace(/<\\!--/g, '<!--')
    .replace(/^\n/, '')
    .replace(/\s+$/, '');
}

/**
 * @typedef {'original'|'saved'|'shared'} CodeOrigin
 * @typedef {{ code: string, origin: CodeOrigin, problem: null|'sharedBroken'|'sharedTooLarge' }} CodeChoice
 *   `problem` says why a share link naming this example was not used (a key of the i18n label table).
 *   Code of origin 'shared' came from whoever made the link: the host shows it but must never run it by itself.
 */

/** The code rules of one example. */
export class CodeSource {
  /**
   * @param {{ chapter: string, lang: string, exampleId: string, original: string, readOnly?: boolean }} options
   */
  constructor({ chapter, lang, exampleId, original, readOnly = false }) {
    this.exampleId = exampleId;
    this.original = original;
    this.readOnly = readOnly;
    this.key = storageKey({ chapter, lang, exampleId });
    this.appliedShare = null;
    this.saveSoon = debounce((code) => saveEdit(this.key, code, this.original), SAVE_DELAY_MS);
  }

  /** What to show first: shared, else saved, else original. A read-only example always shows the original. */
  async initial(hash) {
    if (this.readOnly) return { code: this.original, origin: 'original', problem: null };
    const shared = await this.fromShareLink(hash);
    if (shared?.origin === 'shared') return shared;
    const saved = loadEdit(this.key);
    if (saved !== null && saved !== this.original) return { code: saved, origin: 'saved', problem: shared?.problem ?? null };
    return { code: this.original, origin: 'original', problem: shared?.problem ?? null };
  }

  /**
   * The code of a share link in `hash` that names this example, or null when there is none (or, with `onlyNew`,
   * when it is the link already applied). A damaged link gives `{ origin: 'original', problem: 'sharedBroken' }`,
   * one with more than MAX_SHARED_CODE_BYTES of code `problem: 'sharedTooLarge'`.
   */
  async fromShareLink(hash, { onlyNew = false } = {}) {
    if (this.readOnly) return null;
    const request = readShareRequest(hash);
    if (!request || request.exampleId !== this.exampleId) return null;
    if (onlyNew && request.encodedCode === this.appliedShare) return null;
    this.appliedShare = request.encodedCode;
    try {
      return { code: await decodeCode(request.encodedCode), origin: 'shared', problem: null };
    } catch (error) {
      const problem = error instanceof SharedCodeError && error.reason === 'too-large' ? 'sharedTooLarge' : 'sharedBroken';
      return { code: this.original, origin: 'original', problem };
    }
  }

  /** Keeps `code` as the reader's edit once typing pauses (the original itself is never stored). */
  save(code) { if (!this.readOnly) this.saveSoon(code); }
  /** Writes a pending save now (page hide, element removed, Reset). */
  flush() { this.saveSoon.flush(); }
}
