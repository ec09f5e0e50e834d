// The facts one note contributes to the index. Plain data only: no syntax trees survive parsing,
// so facts can cross a worker boundary and be cached on disk.

import type { Position, Range } from '../../../common/protocol';

/** Zero-based line and UTF-16 character, as LSP counts them: the protocol's own. */
export type { Position, Range };

export interface HeadingFact {
  text: string;
  level: number;
  /** GitHub-style anchor, with the `-1`, `-2` suffixes GitHub gives duplicate headings. */
  slug: string;
  range: Range;
}

export type LinkKind = 'inline' | 'reference' | 'autolink' | 'wiki' | 'html' | 'definition';

export interface LinkFact {
  kind: LinkKind;
  /** The target exactly as written (reference links: the resolved definition's URL, if any). */
  target: string;
  text: string;
  isImage: boolean;
  /** The whole link. */
  range: Range;
  /** Just the target, for diagnostics and edits; equals `range` when the target is not written inline. */
  targetRange: Range;
  /** For reference links: the label used (normalised to lower case). */
  referenceLabel?: string;
  /**
   * For a bare web address written as `(text)[address]`, a link typed with its brackets reversed: the text
   * meant, and the range of the whole of it, parentheses and brackets included.
   */
  reversed?: { text: string; range: Range };
}

export interface ReferenceDefinitionFact {
  label: string;
  target: string;
  range: Range;
  targetRange: Range;
  /** Set when the definition opens a list item (`* [Tim]: notes.`): likely meant as the item's text. */
  inListItem?: boolean;
}

export interface CodeBlockFact {
  /** First word of the info string (`bash` in ```` ```bash {cwd=.} ````); empty for none. */
  lang: string;
  /** The rest of the info string. */
  meta: string;
  value: string;
  /** Whether the block is fenced (```` ``` ```` / `~~~`) rather than indented. */
  fenced: boolean;
  /** The whole block, fences included. */
  range: Range;
}

/** A block an editor can fold that no other fact holds: a list item, a table or a block quote over more than one line. */
export interface BlockFact {
  kind: 'listItem' | 'table' | 'blockquote';
  range: Range;
}

/**
 * `[text][label]` or `[text][]` whose label has no definition, or `[text]` whose label is a slip of a
 * defined one; the parser leaves these as plain text.
 */
export interface UndefinedReferenceFact {
  /** The label as written (the text, for a collapsed `[text][]` or a lone `[text]`). */
  label: string;
  isImage: boolean;
  /** The label: `[label]` of a full reference, `[text]` of a collapsed one or a lone one. */
  range: Range;
  /** A defined label, as its definition writes it, that this one nearly is: a typo, a plural, `_` for `-`. */
  nearLabel?: string;
  /** How the reference is written, when not in full (`[text][label]`). */
  form?: 'collapsed' | 'shortcut';
}

/** A line written as a heading that is not one, with what it would have been called and why it is not. */
export interface LostHeadingFact {
  /** The anchor it would have had (without a duplicate's suffix). */
  slug: string;
  line: number;
  /** Inside an HTML block or comment; indented under a paragraph that takes it in; `#Text` without a space. */
  reason: 'html' | 'comment' | 'paragraph' | 'no-space';
}

export type EntityKind = 'project' | 'paper' | 'article' | string;

/** Which note shape produced a candidate; decides which candidate names and describes a merged entity. */
export type EntityShape = 'explicit' | 'project-card' | 'table-row' | 'linked-heading' | 'loose-list' | 'list-record' | 'paper-link';

export interface EntityLinks {
  /** `owner/repo` of a GitHub repository, or `owner` for an organisation page. */
  github?: string;
  arxiv?: string;
  /** `org/name` of a Hugging Face model, or `datasets/org/name`. */
  hf?: string;
  homepage?: string;
}

/** One place where a note describes a project or paper. The index merges candidates into entities. */
export interface EntityCandidate {
  name: string;
  kind: EntityKind;
  shape: EntityShape;
  aliases: string[];
  summary: string;
  links: EntityLinks;
  fields: Record<string, string>;
  /**
   * The canonical key of the link that anchors the candidate (`github:owner/repo`, `arxiv:2404.17153`,
   * `url:host/path`; see entities/identity.ts); absent for a candidate known by its name alone.
   */
  identity?: string;
  /** The name as it stands in the note. */
  range: Range;
  /** A weak candidate (an unlinked list item) only adds a site to an entity defined elsewhere. */
  weak?: boolean;
  /** A fallback candidate (a bare arXiv URL) defines the entity only when nothing else does. */
  fallback?: boolean;
}

export interface NoteFacts {
  uri: string;
  /** Bumps when the facts' shape changes, so stale caches are rebuilt. */
  version: number;
  title?: string;
  frontMatter?: Record<string, unknown>;
  headings: HeadingFact[];
  links: LinkFact[];
  referenceDefinitions: ReferenceDefinitionFact[];
  codeBlocks: CodeBlockFact[];
  /** Multi-line list items, tables and block quotes, in the order they start. */
  blocks: BlockFact[];
  entities: EntityCandidate[];
  /** Sorted, non-overlapping [start, end) UTF-16 offsets where names are never matched: code, URLs, HTML. */
  opaqueRanges: Array<[number, number]>;
  /** Problems met while reading or parsing, for the log; the facts hold whatever could be read. */
  problems: string[];
  // What the link checks would otherwise read from the text, read while parsing so that the
  // index need not keep the text of closed notes.
  /** Sorted zero-based lines whose link problems `<!-- marginalia-ignore… -->` comments silence. */
  silencedLines: number[];
  /** Lower-cased `id` and `name` anchors written in HTML (`<a id="x">`), which fragments may point at. */
  htmlAnchors: string[];
  undefinedReferences: UndefinedReferenceFact[];
  /** Lines written as headings that are not headings, for the message of a link to one. */
  lostHeadings: LostHeadingFact[];
}

export const FACTS_VERSION = 14;
