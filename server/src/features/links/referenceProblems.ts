// Reference-style links: `[text][label]` needs a `[label]: url` definition; a definition that no
// link uses, or that repeats a label, is dead weight. The undefined references themselves are
// found while parsing (parse/links/references.ts); this says what is wrong with each.

import type { NoteFacts, UndefinedReferenceFact } from '../../parse/facts';
import { definitionsByLabel, isCommentDefinition, normalizeLabel } from '../../parse/links/references';
import type { LinkProblem } from './problem';

export function referenceProblems(facts: NoteFacts): LinkProblem[] {
  return [...duplicateAndUnused(facts).map(explainingListItem), ...facts.undefinedReferences.map(undefinedReferenceProblem)];
}

/**
 * A problem of a definition that opens a list item (`* [Tim]: notes.`), which its writer most likely
 * meant as the item's text, says how Markdown read it.
 */
export function explainingListItem(problem: LinkProblem): LinkProblem {
  const definition = problem.definition;
  if (!definition?.inListItem) return problem;
  const label = definition.label;
  const why = `a list item that starts with [${label}]: is read as a reference definition, not as text; write \\[${label}]: to keep it text`;
  return { ...problem, message: `${problem.message} (${why})` };
}

function undefinedReferenceProblem(reference: UndefinedReferenceFact): LinkProblem {
  const { label, isImage, range, nearLabel } = reference;
  const image = isImage ? ' (image)' : '';
  const message = nearLabel
    ? `Reference [${label}]${image} is not defined; did you mean [${nearLabel}]?`
    : `Reference [${label}] is not defined${image}`;
  return { code: 'link.reference-undefined', message, range, label, reference };
}

function duplicateAndUnused(facts: NoteFacts): LinkProblem[] {
  const problems: LinkProblem[] = [];
  const used = new Set(facts.links.filter((link) => link.kind === 'reference').map((link) => normalizeLabel(link.referenceLabel ?? '')));
  const first = definitionsByLabel(facts);
  for (const definition of facts.referenceDefinitions) {
    const label = normalizeLabel(definition.label);
    const original = first.get(label)!;
    if (original !== definition) {
      problems.push({
        code: 'link.reference-duplicate',
        message: `Reference [${definition.label}] is already defined on line ${original.range.start.line + 1}; this definition is ignored`,
        range: definition.range,
        definition,
      });
    } else if (!used.has(label) && !isCommentDefinition(definition)) {
      problems.push({
        code: 'link.reference-unused',
        message: `Reference definition [${definition.label}] (${definition.target}) is never used`,
        range: definition.range,
        target: definition.target,
        definition,
      });
    }
  }
  return problems;
}
