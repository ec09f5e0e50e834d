import type { LinkFact, Range, ReferenceDefinitionFact, UndefinedReferenceFact } from '../../parse/facts';
import type { LinkCode, Severity } from './codes';

/** One thing wrong with a link, before settings decide how (and whether) it is reported. */
export interface LinkProblem {
  code: LinkCode;
  /** How severe this problem is unless the user set its code's severity, where that differs from the code's default. */
  severity?: Severity;
  /** One sentence naming the target. */
  message: string;
  /** The link's target where it is written; the whole link or definition where there is no target to point at. */
  range: Range;
  /** The target as written: what `marginalia.links.ignore` patterns are matched against. */
  target?: string;
  /** The link the problem is about, for quick fixes. */
  link?: LinkFact;
  /** The definition the problem is about (a reference definition's target, an unused or duplicate definition). */
  definition?: ReferenceDefinitionFact;
  /** The label of an undefined reference, as written. */
  label?: string;
  /** The undefined reference itself, with the defined label it nearly is. */
  reference?: UndefinedReferenceFact;
  /** For anchor problems: the note whose headings were searched. */
  anchorNote?: string;
  /** For a fragment that names a heading only once slugged: the heading's exact anchor. */
  exactAnchor?: string;
}
