// Notes' text goes into hover cards as text: every Markdown and HTML character is escaped, and only
// http(s) and file links are ever produced, so a note can never smuggle a command link into a card.

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}\[\]()#+\-.!|<>&~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

export function markdownLink(label: string, url: string): string {
  if (!/^(https?|file):\/\//i.test(url)) return escapeMarkdown(label);
  return `[${escapeMarkdown(label)}](${url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c))})`;
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('。'), cut.lastIndexOf('; '));
  return `${sentenceEnd > max * 0.6 ? cut.slice(0, sentenceEnd + 1) : cut.trimEnd()}…`;
}
