// The client's user-facing text: every message, button, status text and tooltip goes through `l10n.t`,
// with the English text as its key. Once the extension is active that is `vscode.l10n.t`, which looks
// the text up in l10n/bundle.l10n.<language>.json (bundle.l10n.zh-cn.json for Chinese); before that,
// and in unit tests, which run without the `vscode` module, it is the English text with its `{0}`
// placeholders filled in. Keys must be string literals: test/unit/client/l10n.test.ts reads them from
// the source to check that the bundles hold every one.

export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** `{0}`, `{1}`… replaced by the arguments, as `vscode.l10n.t` does when no bundle has the text. */
export function english(message: string, ...args: Array<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (placeholder, index: string) =>
    Number(index) < args.length ? String(args[Number(index)]) : placeholder,
  );
}

let translate: Translate = english;

export const l10n = {
  t: (message: string, ...args: Array<string | number | boolean>): string => translate(message, ...args),
};

/** Called once on activation with `vscode.l10n.t`. */
export function useTranslator(fn: Translate): void {
  translate = fn;
}
