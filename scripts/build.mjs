// Bundles the server, its parse worker, the CLI and the VS Code client into dist/.
//
// `node scripts/build.mjs --minify` (or MARGINALIA_MINIFY=1) minifies the bundles, as `npm run package`
// does for the .vsix: smaller to download and quicker to load. The everyday build stays readable, for
// debugging and for stack traces. Both write source maps beside the bundles (dist/*.js.map), so a stack
// trace from the packaged extension can be mapped back to the source of the same build.
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { configSchema, readManifest, SCHEMA_FILE } from './configSchema.mjs';

const minify = process.argv.includes('--minify') || process.env.MARGINALIA_MINIFY === '1';
const manifest = readManifest();

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify,
  logLevel: 'warning',
  // jsonc-parser's default (UMD) build loads its parts with a require esbuild cannot follow; its ES build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  define: { MARGINALIA_VERSION: JSON.stringify(manifest.version) },
};

await Promise.all([
  build({
    ...common,
    entryPoints: { server: 'server/src/server.ts', parseWorker: 'server/src/pipeline/parseWorker.ts' },
    outdir: 'dist',
  }),
  // Installed as the `marginalia` command (package.json's bin), so it starts with a shebang.
  build({ ...common, entryPoints: { cli: 'server/src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
]);

// The config file's schema follows the settings in package.json.
writeFileSync(SCHEMA_FILE, `${JSON.stringify(configSchema(manifest), null, 2)}\n`);
