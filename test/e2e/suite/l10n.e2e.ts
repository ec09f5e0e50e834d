// The extension in the editor's language. The launcher runs this suite in English, and once more with
// `--locale zh-cn` (npm run test:e2e:zh-cn), where VS Code reads package.nls.zh-cn.json for the
// manifest's titles and l10n/bundle.l10n.zh-cn.json for the client's messages.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, marginalia, poll } from './helpers';

const LANGUAGE = process.env.MARGINALIA_E2E_LOCALE || 'en';
const chinese = LANGUAGE.startsWith('zh');

/** A manifest text as the extension host has it: a string, or `{ value, original }` when translated. */
function shown(text: string | { value: string; original: string }): string {
  return typeof text === 'string' ? text : text.value;
}

suite('the editor language', () => {
  test(`runs in ${LANGUAGE}: command titles, the walkthrough with its pages and the status bar in that language`, async () => {
    assert.equal(vscode.env.language, LANGUAGE);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const { contributes } = extension.packageJSON;
    const title = (id: string) => shown(contributes.commands.find((command: { command: string }) => command.command === id).title);
    assert.equal(title('marginalia.showEntities'), chinese ? '显示实体' : 'Show Entities');
    assert.equal(title('marginalia.openSampleNotes'), chinese ? '打开示例笔记' : 'Open Sample Notes');
    assert.equal(shown(contributes.walkthroughs[0].title), chinese ? 'Marginalia 入门' : 'Get Started with Marginalia');
    assert.match(
      shown(contributes.configuration.properties['marginalia.hover.enabled'].description),
      chinese ? /悬停在项目和论文名称上时显示实体卡片/ : /Show entity cards when hovering/,
    );
    // The walkthrough's step pages: VS Code substitutes package.nls*.json in their paths too.
    const pages: string[] = contributes.walkthroughs[0].steps.map((step: { media: { markdown: string } }) => step.media.markdown);
    assert.deepEqual(
      pages,
      ['open-folder', 'hover', 'fix-link', 'run-snippet', 'trust'].map((name) => `walkthrough/${name}${chinese ? '.zh-cn' : ''}.md`),
    );
    const hoverPage = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, pages[1])));
    assert.match(hoverPage, chinese ? /^# 悬停在名称上$/m : /^# Hover a name$/m);

    // The client's own text, from its l10n bundle: the status bar once the notes are indexed.
    const api = await marginalia();
    const status = await poll(
      'the status bar to show the entity count',
      () => (/\$\(book\) \d+/.test(api.statusText()) ? api.statusText() : undefined),
      30_000,
    );
    assert.match(
      status,
      chinese ? /^\$\(book\) \d+ 个实体 \$\(link\) \d+ 个死链$/ : /^\$\(book\) \d+ entities \$\(link\) \d+ dead links?$/,
    );
  });
});
