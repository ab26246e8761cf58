// Shared by the tests that check code quoted in the site (a lab's kernel lines, chapter 5's excerpts) against the
// files it was quoted from, so that a page never shows code the project no longer has.

/** The quoted lines of `quote` ({ lines }) that are not a whole line of `source` (leading/trailing spaces aside). */
export function missingLines(source, quote) {
  const present = new Set(source.split('\n').map((line) => line.trim()));
  return quote.lines.filter((line) => !present.has(line.trim()));
}
