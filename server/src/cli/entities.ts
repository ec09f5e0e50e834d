import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { createEngine } from '../engine';
import type { Entity } from '../index/entityTable';
import { existingDirectory, parseArgs, stderrLogger, UsageError } from './args';
import { terminalSafe } from './terminalText';

export const ENTITIES_USAGE = 'entities <dir>    list the projects and papers the index finds in a notes folder';

export const ENTITIES_HELP = `Usage: marginalia entities [options] <dir>

Lists the projects and papers the index finds in a notes folder, with where each is defined.

Options:
  -f, --format FORMAT   text (default) or json
  -h, --help            show this help`;

export async function entitiesCommand(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, { format: ['text', 'json'] }, [], { f: 'format' });
  if (positional.length !== 1) throw new UsageError('entities takes exactly one notes folder');
  const root = await existingDirectory(positional[0]);
  const engine = createEngine({ folders: [root], logger: stderrLogger(), parser: { kind: 'in-process' } });
  const { index } = engine;
  await engine.indexWorkspace();
  const entities = index.allEntities();
  const relative = (uri: string) => path.relative(root, URI.parse(uri).fsPath).split(path.sep).join('/');
  if (options.format === 'json') {
    process.stdout.write(
      `${JSON.stringify(
        entities.map((entity) => toJson(entity, relative)),
        null,
        2,
      )}\n`,
    );
  } else {
    for (const entity of entities) process.stdout.write(`${formatEntity(entity, relative)}\n`);
    process.stdout.write(`${entities.length} entities in ${index.progress.total} notes\n`);
  }
  engine.dispose();
  return 0;
}

function toJson(entity: Entity, relative: (uri: string) => string) {
  return {
    name: entity.name,
    kind: entity.kind,
    aliases: entity.aliases,
    summary: entity.summary,
    links: entity.links,
    fields: entity.fields,
    sites: entity.sites.map((site) => ({
      file: relative(site.uri),
      line: site.range.start.line + 1,
      column: site.range.start.character + 1,
      shape: site.shape,
    })),
  };
}

function formatEntity(entity: Entity, relative: (uri: string) => string): string {
  const sites = entity.sites.map((site) => `${relative(site.uri)}:${site.range.start.line + 1}`).join(', ');
  const aliases = entity.aliases.length ? ` (${entity.aliases.join(', ')})` : '';
  const summary = entity.summary ? `\n    ${terminalSafe(entity.summary.slice(0, 120))}${entity.summary.length > 120 ? '…' : ''}` : '';
  return `${terminalSafe(`${entity.kind.padEnd(8)} ${entity.name}${aliases}  [${sites}]`)}${summary}`;
}
