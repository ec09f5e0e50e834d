import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { DEFAULT_CONFIG } from './config';
import { NotesIndex } from './index/notesIndex';
import type { Entity } from './index/entityTable';
import { InProcessParser } from './parse/noteParser';
import { NodeWorkspace } from './workspace/nodeWorkspace';
import type { Logger } from './workspace/notesWorkspace';
import { URI } from 'vscode-uri';

const USAGE = `Usage: marginalia <command> [options]

Commands:
  entities <dir> [--format text|json]   list the projects and papers the index finds in a notes folder

Options:
  -h, --help                            show this help`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (command === 'entities') return entitiesCommand(rest);
  throw new UsageError(`unknown command '${command}'`);
}

async function entitiesCommand(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, { format: ['text', 'json'] });
  if (positional.length !== 1) throw new UsageError('entities takes exactly one notes folder');
  const root = await existingDirectory(positional[0]);
  const logger = stderrLogger();
  const index = new NotesIndex(new NodeWorkspace([root], DEFAULT_CONFIG, logger), new InProcessParser(), DEFAULT_CONFIG, logger);
  await index.indexWorkspace();
  const entities = index.allEntities();
  const relative = (uri: string) => path.relative(root, URI.parse(uri).fsPath).split(path.sep).join('/');
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(entities.map((entity) => toJson(entity, relative)), null, 2)}\n`);
  } else {
    for (const entity of entities) process.stdout.write(`${formatEntity(entity, relative)}\n`);
    process.stdout.write(`${entities.length} entities in ${index.progress.total} notes\n`);
  }
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
    sites: entity.sites.map((site) => ({ file: relative(site.uri), line: site.range.start.line + 1, column: site.range.start.character + 1, shape: site.shape })),
  };
}

function formatEntity(entity: Entity, relative: (uri: string) => string): string {
  const sites = entity.sites.map((site) => `${relative(site.uri)}:${site.range.start.line + 1}`).join(', ');
  const aliases = entity.aliases.length ? ` (${entity.aliases.join(', ')})` : '';
  const summary = entity.summary ? `\n    ${entity.summary.slice(0, 120)}${entity.summary.length > 120 ? '…' : ''}` : '';
  return `${entity.kind.padEnd(8)} ${entity.name}${aliases}  [${sites}]${summary}`;
}

function parseArgs(args: string[], allowed: Record<string, string[]>): { positional: string[]; options: Record<string, string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2);
    const values = allowed[name];
    if (!values) throw new UsageError(`unknown option '--${name}'`);
    const value = inline ?? args[++index];
    if (value === undefined || !values.includes(value)) throw new UsageError(`--${name} must be one of: ${values.join(', ')}`);
    options[name] = value;
  }
  return { positional, options };
}

async function existingDirectory(input: string): Promise<string> {
  const resolved = path.resolve(input);
  const stat = await fs.stat(resolved).catch(() => undefined);
  if (!stat) throw new UsageError(`no such directory: ${input}`);
  if (!stat.isDirectory()) throw new UsageError(`not a directory: ${input}`);
  return resolved;
}

function stderrLogger(): Logger {
  return {
    info: () => {},
    warn: (message) => process.stderr.write(`warning: ${message}\n`),
    error: (message) => process.stderr.write(`error: ${message}\n`),
  };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`marginalia: ${error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`marginalia: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
