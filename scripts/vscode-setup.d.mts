// Types for vscode-setup.mjs, for the TypeScript launchers under test/e2e.
export declare const CODE_SERVER_VERSION: string;
export declare const REPO_ROOT: string;
export declare const VSCODE_TEST_DIR: string;
export declare const CODE_SERVER_DIR: string;
export declare const CODE_SERVER_ENTRY: string;
export declare class SetupError extends Error {}
export declare function which(name: string): string | undefined;
export declare function findChromium(): string | undefined;
export declare function codeServerInstalled(): boolean;
export declare function run(cmd: string, args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; quiet?: boolean; label?: string }): Promise<string>;
export declare function ensureVSCode(options?: { browser?: boolean; force?: boolean }): Promise<{ entry: string; chromium: string | undefined; rg: string | undefined }>;
