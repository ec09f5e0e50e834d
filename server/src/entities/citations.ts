// The title inside a reference written out in full, as a list that cites the paper behind each entry does:
//   *Paper*: A. Author and B. Author. 2012. Tinyhdl: Describing hardware in Lisp. In Proc. of X. 1–9. https://doi.org/…
//   Paper: A. Author, "Describing hardware in Lisp," in Proc. of X, 2012.
// The title is the entry's description when the entry says nothing else about itself.
/** A reference's title in quotes (IEEE style). */
const QUOTED_TITLE = /["“]([^"“”]{4,240}?)[,.]?["”]/;
/** The sentence after the year that closes the authors (ACM style): `… Leeser. 2000. Title. Venue …`. */
const TITLE_AFTER_YEAR = /(?:^|[\s,])(?:19|20)\d{2}[a-z]?\.\s+([^\n]{4,240}?[.?!])(?=\s|$)/;
// The lazy run stops at the first sentence end; no pattern nests one unbounded run in another.

/** The title a written-out reference cites, or undefined when the text is not one. */
export function citedTitle(reference: string): string | undefined {
  const title = (QUOTED_TITLE.exec(reference) ?? TITLE_AFTER_YEAR.exec(reference))?.[1];
  const cleaned = title?.replace(/[.,]$/, '').trim();
  if (!cleaned || cleaned.split(/\s+/).length < 3) return undefined;
  return cleaned;
}
