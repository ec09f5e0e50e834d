// Types for vscode-server.mjs, for the TypeScript launchers under test/e2e.
export interface CodeServerOptions {
  folder?: string;
  trusted?: boolean;
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  userDataDir?: string;
  extensionsDir?: string;
  installExtensions?: string[];
  port?: number;
  timeoutMs?: number;
  quiet?: boolean;
  logFile?: string;
  keepDirs?: boolean;
  entry?: string;
  extraArgs?: string[];
}
export interface CodeServer {
  url: string;
  folderUrl: string;
  port: number;
  pid: number;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  logTail(): string;
  exited: Promise<unknown>;
  stop(): Promise<void>;
}
export declare function baseSettings(options: { trusted: boolean }): Record<string, unknown>;
export declare function freePort(): Promise<number>;
export declare function descendants(pid: number): number[];
export declare function killTree(pid: number, graceMs?: number): Promise<void>;
export declare function killTreeSync(pid: number): void;
export declare function installExtension(vsixOrId: string, options: { extensionsDir: string; userDataDir: string; entry?: string; timeoutMs?: number }): Promise<string>;
export declare function startCodeServer(options?: CodeServerOptions): Promise<CodeServer>;
export declare function encodePath(path: string): string;
export declare function onParentGone(callback: () => void, everyMs?: number): () => void;
