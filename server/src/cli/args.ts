import { promises as fs } from 'node:fs';
import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';
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
 * Parses a command's arguments with Node's `util.parseArgs` (strict: an unknown option is an error).
 * `valued` lists the options that take a value, with the allowed values or an empty list for any value;
 * `flags` the ones that do not; `short` gives one-letter names (`{ f: 'format' }`).
 */
export function parseArgs(
  args: string[],
  valued: Record<string, string[]>,
  flags: string[] = [],
  short: Record<string, string> = {},
): ParsedArgs {
  const shortOf = new Map(Object.entries(short).map(([letter, name]) => [name, letter]));
  const options: ParseArgsConfig['options'] = {};
  for (const name of Object.keys(valued)) options[name] = withShort({ type: 'string' }, shortOf.get(name));
  for (const name of flags) options[name] = withShort({ type: 'boolean' }, shortOf.get(name));
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
  const result: ParsedArgs = { positional: parsed.positionals, options: {}, flags: new Set() };
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === 'boolean') {
      if (value) result.flags.add(name);
      continue;
    }
    if (typeof value !== 'string') continue;
    const allowed = valued[name];
    if (allowed.length && !allowed.includes(value)) throw new UsageError(`--${name} must be one of: ${allowed.join(', ')}`);
    result.options[name] = value;
  }
  return result;
}

function withShort<T extends object>(option: T, short: string | undefined): T & { short?: string } {
  return short ? { ...option, short } : option;
}

/** Node's messages, said the way the rest of the command line's are. */
function usageMessage(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'(-[^' ,]*)/.exec(message ?? '')?.[1];
  const long = /(--[\w-]+)/.exec(message ?? '')?.[1] ?? option;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option '${option}'`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return /does not take an argument/.test(message ?? '') ? `${long} takes no value` : `${long} needs a value`;
  return message ?? String(error);
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
