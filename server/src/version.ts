// The version the CLI and the server report: package.json's, put in by the bundler (esbuild `define`);
// from sources run directly (tests through tsx), read from package.json.
declare const MARGINALIA_VERSION: string | undefined;

export const VERSION: string =
  typeof MARGINALIA_VERSION === 'string' ? MARGINALIA_VERSION : (require('../../package.json') as { version: string }).version;
