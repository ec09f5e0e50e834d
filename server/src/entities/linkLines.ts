import type { Paragraph } from 'mdast';
import { LINK_FIELD } from './fieldLabels';
import { segmentsOf } from './segments';

// A card's first paragraph often says only where the thing lives or what comes next, not what it is:
//   [What is ChatGPT?](https://openai.com/blog/chatgpt/)
//   [TensorRT-LLM](https://github.com/NVIDIA/TensorRT-LLM) (also integrated what used to be `FasterTransformer`)
//   **地址**：https://…            **EBMC:**
// Its description is the next paragraph that says something in words of its own.

/**
 * A list's note to its readers (`If your favourite framework isn't listed please make a PR`, `欢迎提交PR`)
 * may follow the last card's link line; it asks for contributions and describes nothing.
 */
const CALL_FOR_CONTRIBUTIONS = /\bplease\b|\bpull requests?\b|\bPRs?\b|欢迎(?:提交|补充|贡献|PR)/i;

/** The paragraph after a card's link line describes the thing unless it is the list's note to its readers. */
export function describesCard(text: string): boolean {
  return !CALL_FOR_CONTRIBUTIONS.test(text);
}

/** Remarks in parentheses (`(also integrated …)`, `（开源）`) qualify a link; they do not describe the thing. */
const REMARK = /\([^()]*\)|（[^（）]*）/g;

/** What a line of links is made of besides its links: separators, punctuation and blanks. */
const NO_WORDS = /^[\s\p{P}\p{S}]*$/u;

/**
 * Whether a paragraph holds no description of its own: links, bare URLs, images and code names, a bold
 * label (`**EBMC:**`), a link field's label (`Paper:`, `地址：`) and remarks in parentheses, nothing else.
 */
export function holdsNoDescription(paragraph: Paragraph): boolean {
  const segments = segmentsOf(paragraph.children);
  const words = segments
    .map((segment, index) => {
      if (segment.kind !== 'text') return ' ';
      const next = segments[index + 1];
      const label = segment.bold && (/[:：]\s*$/.test(segment.text) || (next?.kind === 'text' && /^\s*[:：]/.test(next.text)));
      return label ? ' ' : segment.text;
    })
    .join('')
    .trim();
  return NO_WORDS.test(
    words
      .replace(LINK_FIELD, '')
      .replace(REMARK, ' ')
      .replace(/https?:\/\/\S+/g, ' '),
  );
}
