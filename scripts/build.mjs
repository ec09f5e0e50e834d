// Bundles the server, its parse worker, the CLI and the VS Code client into dist/.
//
// `node scripts/build.mjs --minify` (or MARGINALIA_MINIFY=1) minifies the bundles, as `npm run package`
// does for the .vsix: smaller to download and quicker to load. The everyday build stays readable, for
// debugging and for stack traces. Both write source maps beside the bundles (dist/*.js.map), so a stack
// trace from the packaged extension can be mapped back to the source of the same build.
import { build } from 'esbuild';

const minify = process.argv.includes('--minify') || process.env.MARGINALIA_MINIFY === '1';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify,
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: { server: 'server/src/server.ts', parseWorker: 'server/src/pipeline/parseWorker.ts', cli: 'server/src/cli.ts' },
    outdir: 'dist',
  }),
  build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
]);
