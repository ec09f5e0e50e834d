// Closing the extension ends every snippet it started, whole process trees included. Deactivating
// stops the language client, so this suite exists only when asked for by name
// (`npm run test:e2e:deactivation`), and then it runs alone.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, openNote, poll } from './helpers';

const MARKER = 'sleep 1000.4242';

/** The processes still running the fixture's sleeps (zombies are dead and do not count). */
function sleepers(): string[] {
  const table = execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' });
  return table.split('\n').filter((line) => line.includes(MARKER) && !line.trimStart().startsWith('Z'));
}

if ((process.env.MARGINALIA_E2E_GREP ?? '').includes('deactivation')) {
  suite('deactivation', () => {
    test("deactivating the extension kills a running snippet's whole tree: sleep 1000 & sleep 1000 leaves nothing", async () => {
      assert.deepEqual(sleepers(), [], 'no sleeper is left from an earlier run');
      const doc = await openNote('snippet-tree.md');
      const line = doc
        .getText()
        .split('\n')
        .findIndex((text) => /name=tree/.test(text));
      const running = vscode.commands.executeCommand('marginalia.runSnippet', { uri: doc.uri.toString(), line });
      await poll('both sleeps to start', () => (sleepers().length >= 2 ? true : undefined), 20_000);
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension?.isActive);
      // The extension host loads the extension through Node's module cache, so this is the live module.
      const main = require(path.join(extension.extensionPath, 'dist', 'extension.js')) as { deactivate(): Promise<void> };
      await main.deactivate();
      await poll('every sleep to end', () => (sleepers().length === 0 ? true : undefined), 10_000);
      await running.then(undefined, () => undefined);
    });
  });
}
