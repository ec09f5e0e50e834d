// The client around the server: status bar, the entity Quick Pick, the palette commands, and
// restarts, on demand and after a crash. Other features' suites can use the same helpers
// (marginalia() for the extension's API, indexed() to wait for the first index).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { indexed, marginalia, openNote, poll } from './helpers';

const AI_OS = '001_7e5cbe7abf80e26e.md';
const restricted = process.env.MARGINALIA_E2E_TRUST === 'restricted';

/** Language server processes started by this extension host (Linux: read from /proc). */
function serverProcesses(): number[] {
  const found: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (parent === process.pid && /dist[\\/]server\.js/.test(command)) found.push(Number(name));
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

/** The one running server process, once there is exactly one other than `previous`. */
function newServer(previous: number | undefined, what: string): Promise<number> {
  return poll(what, () => {
    const pids = serverProcesses().filter((pid) => pid !== previous);
    if (pids.length !== 1) throw new Error(`server processes: ${JSON.stringify(serverProcesses())}`);
    return pids[0];
  });
}

suite('client: status bar', () => {
  test('shows the entity count after indexing, the same the server reports', async () => {
    await openNote(AI_OS);
    const text = await indexed();
    const api = await marginalia();
    const status = await api.client.sendRequest<{ entities: number }>('marginalia/status');
    assert.ok(status.entities > 100, `the server counts ${status.entities} entities`);
    assert.match(text, new RegExp(`\\b${status.entities} entities\\b`));
  });

  test('counts dead links as the link.* diagnostics VS Code holds', async () => {
    const api = await marginalia();
    await poll('the dead-link count to match the diagnostics', () => {
      const expected = vscode.languages
        .getDiagnostics()
        .reduce(
          (sum, [, diagnostics]) =>
            sum +
            diagnostics.filter(
              (d) => String(typeof d.code === 'object' ? d.code.value : d.code).startsWith('link.') && d.source !== 'markdown',
            ).length,
          0,
        );
      const shown = /(\d+) dead links?/.exec(api.statusText())?.[1];
      if (Number(shown) !== expected) throw new Error(`status bar "${api.statusText()}", ${expected} link diagnostics`);
      return true;
    });
  });
});

suite('client: entity list', () => {
  test('marginalia/entities lists vLLM with its summary and the site of its definition', async () => {
    const api = await marginalia();
    const vllm = (await api.entities()).find((entity) => entity.name === 'vLLM');
    assert.ok(vllm, 'vLLM is not in the entity list');
    assert.match(vllm.summary, /PagedAttention/);
    assert.match(vllm.sites[0].uri, /001_7e5cbe7abf80e26e\.md$/);
    assert.equal(vllm.sites[0].range.start.line, 119);
  });

  test('Show Entities opens a Quick Pick of projects and papers; choosing vLLM opens its definition', async () => {
    const api = await marginalia();
    await openNote('000_2a3c44dcec08f07f.md');
    const closed = vscode.commands.executeCommand('marginalia.showEntities');
    const picker = await poll('the entity Quick Pick with its items', () => {
      const open = api.entityPicker();
      return open && !open.busy && open.items.length > 0 ? open : undefined;
    });
    const separators = picker.items.filter((item) => item.kind === vscode.QuickPickItemKind.Separator).map((item) => item.label);
    assert.deepEqual(separators.slice(0, 2), ['Projects', 'Papers']);
    const vllm = picker.items.find((item) => item.label === 'vLLM');
    assert.ok(vllm, 'vLLM is not among the items');
    assert.match(vllm.detail ?? '', /PagedAttention.*001_7e5cbe7abf80e26e\.md:120$/);

    // the workbench filters as the user types; its active item comes back to the extension
    picker.value = 'vLLM';
    await poll('the filtered list to put a vLLM item first', () => (picker.activeItems[0]?.label.includes('vLLM') ? true : undefined));
    picker.activeItems = [vllm];
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await closed;

    const editor = await poll("the editor of vLLM's note", () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.path.endsWith(AI_OS) ? active : undefined;
    });
    assert.equal(editor.selection.start.line, 119);
    assert.equal(editor.document.getText(editor.selection), 'vLLM');
  });
});

suite('client: commands', () => {
  test('the palette commands are registered', async () => {
    await marginalia();
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['marginalia.showEntities', 'marginalia.checkLinks', 'marginalia.restartServer', 'marginalia.showLog'])
      assert.ok(commands.includes(id), `${id} is not registered`);
  });

  test('Check External Links refuses with a message in Restricted Mode or without the server command', async function () {
    const api = await marginalia();
    const offered = api.client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
    if (!restricted && offered.includes('marginalia.checkExternalLinks')) this.skip();
    assert.equal(await vscode.commands.executeCommand('marginalia.checkLinks'), undefined);
  });

  test('Check External Links asks the server and shows its summary', async function () {
    const api = await marginalia();
    const offered = api.client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
    if (restricted || !offered.includes('marginalia.checkExternalLinks')) this.skip();
    // every web link ignored, so the check needs no network and answers at once
    const settings = () => vscode.workspace.getConfiguration('marginalia');
    await settings().update('links.ignore', ['http://**', 'https://**'], vscode.ConfigurationTarget.Global);
    try {
      // the server re-reads its settings as soon as it hears of the change; give that a moment
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await indexed();
      const summary = await Promise.race([
        vscode.commands.executeCommand<string | undefined>('marginalia.checkLinks'),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the check did not answer within 30 s')), 30_000)),
      ]);
      assert.match(summary ?? '', /Checked 0 external links/);
    } finally {
      await settings().update('links.ignore', undefined, vscode.ConfigurationTarget.Global);
    }
    await indexed();
  });

  test('Show Server Log opens the output channel without error', async () => {
    await vscode.commands.executeCommand('marginalia.showLog');
  });
});

suite('client: settings', () => {
  test('turning marginalia.hover.enabled off removes the cards, and back on brings them back', async () => {
    const doc = await openNote(AI_OS);
    const position = new vscode.Position(119, doc.lineAt(119).text.indexOf('vLLM') + 2);
    const hasCard = async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
      return (hovers ?? []).some((hover) =>
        hover.contents.some((part) => (typeof part === 'string' ? part : part.value).includes('UC Berkeley')),
      );
    };
    const settings = () => vscode.workspace.getConfiguration('marginalia');
    await poll('the vLLM card', async () => ((await hasCard()) ? true : undefined));
    await settings().update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await poll('the card to go away', async () => ((await hasCard()) ? undefined : true));
    } finally {
      await settings().update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await poll('the card to come back', async () => ((await hasCard()) ? true : undefined));
    await indexed();
  });
});

suite('client: server restarts', () => {
  // a failure here must not leave the later suites without a server
  suiteTeardown(async () => {
    if (serverProcesses().length > 0) return;
    await vscode.commands.executeCommand('marginalia.restartServer');
    await indexed();
  });

  test('Restart Server starts a new server process that answers again', async () => {
    await indexed();
    const [before] = serverProcesses();
    assert.ok(before, 'no server process found under the extension host');
    await vscode.commands.executeCommand('marginalia.restartServer');
    await newServer(before, 'a new server process after Restart Server');
    await indexed();
    const api = await marginalia();
    assert.ok((await api.entities()).some((entity) => entity.name === 'vLLM'));
  });

  test('a crashed server is restarted, and the status bar comes back', async () => {
    await indexed();
    const [before] = serverProcesses();
    assert.ok(before, 'no server process found under the extension host');
    process.kill(before, 'SIGKILL');
    const after = await newServer(before, 'the server to be restarted after it was killed');
    assert.notEqual(after, before);
    const text = await indexed();
    assert.match(text, /\d+ entities/);
  });

  test('a server that dies while the editor is sending it messages is restarted all the same', async () => {
    const api = await marginalia();
    await indexed();
    const [before] = serverProcesses();
    assert.ok(before, 'no server process found under the extension host');
    process.kill(before, 'SIGKILL');
    // the writes that fail on the dead channel must not stop the client before it can restart the server
    for (let i = 0; i < 8; i++)
      void api.client.sendNotification('workspace/didChangeConfiguration', { settings: null }).catch(() => undefined);
    await newServer(before, 'the server to be restarted after it died mid-conversation');
    const text = await indexed();
    assert.match(text, /\d+ entities/);
  });

  test('after the fifth crash within three minutes it stays stopped, says so, and Restart Server brings it back', async () => {
    const api = await marginalia();
    await vscode.commands.executeCommand('marginalia.restartServer'); // a fresh crash count
    let previous: number | undefined;
    for (let crash = 1; crash <= 5; crash++) {
      const pid = await newServer(previous, `server process ${crash}`);
      await poll(`the client to run server ${crash}`, () => (api.client.isRunning() ? true : undefined));
      process.kill(pid, 'SIGKILL');
      previous = pid;
    }
    const text = await poll('the status bar to say the server stopped', () =>
      /stopped/.test(api.statusText()) ? api.statusText() : undefined,
    );
    assert.match(text, /Marginalia stopped/);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(serverProcesses(), [], 'no sixth server was started');

    await vscode.commands.executeCommand('marginalia.restartServer');
    await newServer(previous, 'a server started by Restart Server');
    await indexed();
  });
});
