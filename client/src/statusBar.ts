// The status bar item: indexing progress while the server reads the notes, then the entity and
// dead-link counts. Clicking it lists the entities, or restarts a stopped server.
import * as vscode from 'vscode';
import { COMMANDS } from './config';
import { countDeadLinks } from './deadLinks';
import { statusBarText, type ServerPhase, type StatusModel } from './format';
import type { ServerStatus } from '../../common/protocol';

/** Diagnostics change in bursts while the server validates notes; recount once they settle. */
const RECOUNT_DELAY_MS = 200;

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('marginalia.status', vscode.StatusBarAlignment.Left, 10);
  private readonly model: StatusModel = { phase: 'starting', indexed: 0, total: 0, entities: 0, deadLinks: 0 };
  private readonly diagnosticsListener: vscode.Disposable;
  private recountTimer: NodeJS.Timeout | undefined;

  constructor() {
    this.item.name = 'Marginalia';
    this.diagnosticsListener = vscode.languages.onDidChangeDiagnostics(() => this.scheduleRecount());
    this.model.deadLinks = countDeadLinks(vscode.languages.getDiagnostics());
    this.render();
    this.item.show();
  }

  /** The server's status, as notification or as answer. */
  applyServerStatus(status: ServerStatus): void {
    Object.assign(this.model, { indexed: status.indexed, total: status.total, entities: status.entities });
    this.setPhase(status.state === 'ready' ? 'ready' : 'indexing');
  }

  setPhase(phase: ServerPhase): void {
    this.model.phase = phase;
    this.render();
  }

  get phase(): ServerPhase {
    return this.model.phase;
  }

  /** What the item shows now, codicons included. */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    clearTimeout(this.recountTimer);
    this.diagnosticsListener.dispose();
    this.item.dispose();
  }

  private scheduleRecount(): void {
    clearTimeout(this.recountTimer);
    this.recountTimer = setTimeout(() => {
      this.model.deadLinks = countDeadLinks(vscode.languages.getDiagnostics());
      this.render();
    }, RECOUNT_DELAY_MS);
  }

  private render(): void {
    const { text, tooltip } = statusBarText(this.model);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = this.model.phase === 'stopped' ? COMMANDS.restartServer : COMMANDS.showEntities;
    this.item.backgroundColor = this.model.phase === 'stopped' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }
}
