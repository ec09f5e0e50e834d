import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '../workspace/notesWorkspace';
import { terminalSafe } from './terminalText';

/** A mistake in how the command was called: reported with the usage text and exit code 2. */
export class UsageError extends Error {}

export interface ParsedArgs {
  positional: string[];
  options: Record<string, string>;
  flags: Set<string>;
}

/**
 * Parses `--name value`, `--name=value` and bare `--flag`s. `valued` lists the options that take a value
 * (with the allowed values, or an empty list for any value); `flags` the ones that do not.
 */
export function parseArgs(args: string[], valued: Record<string, string[]>, flags: string[] = []): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], options: {}, flags: new Set() };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (!arg.startsWith('--') || arg === '--') {
      parsed.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (flags.includes(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      parsed.flags.add(name);
      continue;
    }
    const allowed = valued[name];
    if (!allowed) throw new UsageError(`unknown option '--${name}'`);
    const value = inline ?? args[++index];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    if (allowed.length && !allowed.includes(value)) throw new UsageError(`--${name} must be one of: ${allowed.join(', ')}`);
    parsed.options[name] = value;
  }
  return parsed;
}

export async function existingDirectory(input: string): Promise<string> {
  const resolved = path.resolve(input);
  const stat = await fs.stat(resolved).catch(() => undefined);
  if (!stat) throw new UsageError(`no such directory: ${input}`);
  if (!stat.isDirectory()) throw new UsageError(`not a directory: ${input}`);
  return resolved;
}

export function stderrLogger(): Logger {
  return {
    info: () => {},
    warn: (message) => process.stderr.write(`warning: ${terminalSafe(message)}\n`),
    error: (message) => process.stderr.write(`error: ${terminalSafe(message)}\n`),
  };
}
