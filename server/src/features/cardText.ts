// How a card's pieces are written for the client: Markdown for editors that render it, plain text for
// those that asked for plaintext hovers (`textDocument.hover.contentFormat`). In plain text nothing is
// escaped (nothing renders), web links show their address, links to note lines show only their label
// (which already names the file and line), and the server's command links are plain labels.
import { commandLink, escapeMarkdown, markdownLink, showControls } from './markdownText';

export interface CardText {
  /** Note text, shown as it is. */
  text(value: string): string;
  strong(value: string): string;
  emphasis(value: string): string;
  link(label: string, url: string): string;
  command(label: string, command: string, args: readonly unknown[]): string;
}

export const MARKDOWN_CARD: CardText = {
  text: escapeMarkdown,
  strong: (value) => `**${escapeMarkdown(value)}**`,
  emphasis: (value) => `*${escapeMarkdown(value)}*`,
  link: markdownLink,
  command: commandLink,
};

export const PLAIN_CARD: CardText = {
  text: showControls,
  strong: showControls,
  emphasis: showControls,
  link: (label, url) => (/^https?:/i.test(url) && label !== url ? `${showControls(label)} <${showControls(url)}>` : showControls(label)),
  command: (label) => showControls(label),
};
