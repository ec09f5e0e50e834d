// Whether an undefined reference label is a slip of a defined one: the same but for a typo, a plural,
// or `_` and `-` for spaces (`[feature-enhancemment]` for `[feature-enhancement]`). Numbers never
// count as slips: `[ref3]` is not a typo of `[ref2]`, nor `[2]` of `[1]`.

import { distance } from 'fastest-levenshtein';

/** Shorter labels are too alike by chance (`[ab]`, `[ac]`) to call one a typo of the other. */
const MIN_TYPO_LENGTH = 5;

/**
 * The defined label that `wanted` nearly is, or undefined; both as `normalizeLabel` gives them (the
 * defined labels are the keys of `definitionsByLabel`). A loose match wins over a typo.
 */
export function nearLabel(wanted: string, definedLabels: Iterable<string>): string | undefined {
  if (!wanted) return undefined;
  const loose = looseForm(wanted);
  let typo: string | undefined;
  for (const defined of definedLabels) {
    if (defined === wanted || digitsOf(defined) !== digitsOf(wanted)) continue;
    const definedLoose = looseForm(defined);
    if (definedLoose === loose || singular(definedLoose) === singular(loose)) return defined;
    if (!typo && Math.min(loose.length, definedLoose.length) >= MIN_TYPO_LENGTH && distance(loose, definedLoose) === 1) typo = defined;
  }
  return typo;
}

/** `_`, `-` and spaces as one. */
function looseForm(label: string): string {
  return label.replace(/[\s_-]+/g, ' ').trim();
}

function singular(label: string): string {
  return label.length > 3 ? label.replace(/(?<=[^s])s$/, '') : label;
}

function digitsOf(label: string): string {
  return label.replace(/\D+/g, ' ').trim();
}

/**
 * `[feature-enhancement]`, `[the docs]`, `[论文]`: written as a label, not as an index such as `[i]`,
 * `[j + 1]`, `[row]` or `["key"]`, which is what `word[x][y]` usually holds.
 */
export function looksLikeLabel(label: string): boolean {
  const trimmed = label.trim();
  if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+$/u.test(trimmed)) return true;
  const words = trimmed.split(/[\s-]+/);
  return words.length > 1 && words.every((word) => /^\p{L}{2,}$/u.test(word));
}
