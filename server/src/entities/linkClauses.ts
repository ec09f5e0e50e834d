import type { LinkSegment, Segment } from './segments';
import { charsOf, trimChars } from './trim';

// An item led by a label over several links describes each link in the clause that follows it:
//   - **Google TPU**: [tpu-inference](…) - the vLLM TPU plugin …; [MaxText](…) is the JAX-native alternative.
//   - **AWS Trainium/Inferentia**: the [AWS Neuron SDK](…), which serves through standard vLLM APIs …
// The clause runs to the end of its sentence or the next `;`, and describes the link only when it opens
// as a description does: a separator, a verb of being, or a relative clause. `[vllm-gaudi](…) plugin`,
// `[MLX](…) / [mlx-lm](…)` and `[A](…), plus [B](…)` go on naming things instead.

const DESCRIPTION_OPENING =
  /^\s*(?:[-–—:：]|,\s*(?:which|that|an?|the)\b|(?:is|are|was|provides?|offers?|serves?|lets?|enables?)\b|是|为)/i;

/** `is the JAX-native alternative` reads as `the JAX-native alternative` on a card under the name. */
const BEING = /^(?:is|are|was)\s+(?=(?:an?|the)\s)/i;

/**
 * The clause after `link` among a record's segments, when it describes the link; '' otherwise. It ends
 * at `;`, at a sentence's end, or at a `)` closing a remark the link stands in.
 */
export function clauseAfter(segments: readonly Segment[], link: LinkSegment): string {
  let clause = '';
  let depth = 0;
  for (const segment of segments.slice(segments.indexOf(link) + 1)) {
    if (segment.kind === 'link') clause += segment.generic ? ' ' : segment.text;
    else if (segment.kind === 'code') clause += segment.text;
    else if (segment.kind === 'text') {
      const end = clauseEnd(segment.text, depth);
      clause += segment.text.slice(0, end.at);
      depth = end.depth;
      if (end.at < segment.text.length) break;
    }
  }
  clause = clause.replace(/\s+/g, ' ');
  if (!DESCRIPTION_OPENING.test(clause)) return '';
  return trimChars(clause, charsOf(':：-–—,，')).replace(BEING, '');
}

function clauseEnd(text: string, depth: number): { at: number; depth: number } {
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '(' || char === '（') depth++;
    else if (char === ')' || char === '）') {
      if (depth === 0) return { at, depth };
      depth--;
    } else if (';；。'.includes(char) || (char === '.' && (at + 1 === text.length || /\s/.test(text[at + 1])))) return { at, depth };
  }
  return { at: text.length, depth };
}
