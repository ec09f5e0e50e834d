// The client's translatable texts, read from its source with the TypeScript parser: every `l10n.t(…)`
// call (client/src/l10n.ts, or `vscode.l10n.t`) and every text handed to a show…Message call.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface TextCall {
  file: string;
  line: number;
  /** The first argument's text when it is a string literal; undefined when it is computed. */
  key?: string;
  /** The first argument as written. */
  source: string;
  /** Whether the first argument holds English words of its own (outside l10n.t calls and codicons). */
  plainText: boolean;
}

/** Text written into the expression itself: a literal, a template's fixed parts, either branch of a `?:`. */
function hasPlainText(node: ts.Expression): boolean {
  const words = (text: string) => /[A-Za-z]{2}/.test(text.replace(/\$\([\w~-]+\)/g, ''));
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return words(node.text);
  if (ts.isTemplateExpression(node)) return words(node.head.text) || node.templateSpans.some((span) => words(span.literal.text));
  if (ts.isConditionalExpression(node)) return hasPlainText(node.whenTrue) || hasPlainText(node.whenFalse);
  if (ts.isParenthesizedExpression(node)) return hasPlainText(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return hasPlainText(node.left) || hasPlainText(node.right);
  return false;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const MESSAGE_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage']);

/** `l10n.t(…)` calls (translations) and show…Message calls (what the user reads) in the files under dir. */
export function clientTexts(dir: string): { translated: TextCall[]; shown: TextCall[] } {
  const translated: TextCall[] = [];
  const shown: TextCall[] = [];
  for (const file of sourceFiles(dir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.arguments.length > 0) {
        const callee = node.expression;
        const first = node.arguments[0];
        const call: TextCall = {
          file: path.relative(path.dirname(dir), file),
          line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
          key: ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first) ? first.text : undefined,
          source: first.getText(source),
          plainText: hasPlainText(first),
        };
        if (callee.name.text === 't' && callee.expression.getText(source).endsWith('l10n')) translated.push(call);
        else if (MESSAGE_CALLS.has(callee.name.text)) shown.push(call);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { translated, shown };
}
