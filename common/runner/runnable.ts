// Which code blocks of a note can run, and what running one of them means: the script handed to
// the shell, the file blocks written beside it first, and the options from its info string.
import * as path from 'node:path';
import { parseInfoString, type SnippetOptions } from './infoString';

/**
 * A code block of a note, as far as running it goes. The server's parser makes these; the runner
 * only reads them, so it needs no Markdown parser of its own.
 */
export interface CodeBlock {
  /** First word of the info string (`bash` in ```` ```bash {cwd=.} ````); empty for none. */
  lang: string;
  /** The rest of the info string. */
  meta: string;
  value: string;
  /** Whether the block is fenced (```` ``` ```` / `~~~`) rather than indented. */
  fenced: boolean;
  /** Zero-based lines of the whole block, fences included. */
  range: { start: { line: number }; end: { line: number } };
}

/** Languages whose fenced blocks get a ▶ Run lens. */
export const SHELL_LANGS: ReadonlySet<string> = new Set(['bash', 'sh', 'shell', 'zsh', 'console']);

/** A file block to write into the run's directory before the script starts. */
export interface PlannedFile {
  /** Relative path inside the run's directory, `/`-separated, already checked not to escape it. */
  name: string;
  content: string;
  /** Zero-based line of the block's opening fence, for messages. */
  line: number;
}

export interface RunPlan {
  /** The text the shell runs (for `console` blocks: the `$ ` commands only). */
  script: string;
  lang: string;
  options: SnippetOptions;
  /** The file blocks that belong to the run (see planRun), in note order; a later block of the same name wins. */
  files: PlannedFile[];
  /** Anything that stops the run: the host shows these instead of running. */
  errors: string[];
  /** Worth telling the user, but the run goes ahead. */
  warnings: string[];
}

/** A shell block that runs, as opposed to a shell block that only names a file to write. */
export function isRunnableBlock(block: CodeBlock): boolean {
  if (!block.fenced) return false;
  const info = parseInfoString(block.lang, block.meta);
  return SHELL_LANGS.has(info.lang) && info.options.file === undefined;
}

/** Whether a block would run something: a console transcript without `$ ` lines or an empty block would not. */
export function hasCommands(block: CodeBlock): boolean {
  if (!isRunnableBlock(block)) return false;
  const lang = parseInfoString(block.lang, block.meta).lang;
  return scriptOfBlock(lang, block.value).trim() !== '';
}

/** Any fenced block with `file=NAME` is a file block, whatever its language. */
export function isFileBlock(block: CodeBlock): boolean {
  return block.fenced && parseInfoString(block.lang, block.meta).options.file !== undefined;
}

/**
 * Checks a file block's name and returns it normalised, or an error. Names must stay inside the
 * run's directory: a note from someone else must not be able to write `../../.bashrc`.
 */
export function checkFileName(name: string): { name: string } | { error: string } {
  if (name.trim() === '') return { error: 'file name is empty' };
  if (name.includes('\0')) return { error: `file name ${JSON.stringify(name)} contains a NUL byte` };
  if (name.includes('\\')) {
    return { error: `file name ${JSON.stringify(name)} contains "\\"; use "/" between folders` };
  }
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.startsWith('~')) {
    return { error: `file name ${JSON.stringify(name)} is absolute; give a path relative to the run's directory` };
  }
  const normalised = path.posix.normalize(name);
  if (normalised === '..' || normalised.startsWith('../')) {
    return { error: `file name ${JSON.stringify(name)} escapes the run's directory` };
  }
  if (normalised === '.' || normalised.endsWith('/')) {
    return { error: `file name ${JSON.stringify(name)} names a folder, not a file` };
  }
  return { name: normalised };
}

/**
 * The script a block runs. A `console` block is a transcript: only lines starting with `$ ` are
 * commands (a trailing `\` continues onto the next line, with or without a `> ` prompt); every
 * other line is output and is never run. Lines starting with `# ` are treated as output too:
 * in transcripts they are as often a file's comments or a config dump as a root prompt, and
 * running output is worse than skipping a command (write `$ sudo …` for root commands).
 */
export function scriptOfBlock(lang: string, value: string): string {
  if (lang !== 'console') return value;
  return consoleCommands(value).join('\n');
}

/** The commands of a console transcript, one per entry, continuation lines joined. */
export function consoleCommands(value: string): string[] {
  const commands: string[][] = [];
  let continuing = false;
  for (const line of value.split(/\r?\n/)) {
    if (continuing) {
      // The previous command ended with a backslash: this line belongs to it.
      const continued = line.replace(/^\s*> ?/, '');
      commands[commands.length - 1].push(continued);
      continuing = endsWithContinuation(continued);
      continue;
    }
    const prompt = /^\s*\$(?: (.*)|$)/.exec(line);
    const command = prompt?.[1] ?? '';
    if (command.trim() === '') continue;
    commands.push([command]);
    continuing = endsWithContinuation(command);
  }
  return commands.map((lines) => lines.join('\n'));
}

function endsWithContinuation(line: string): boolean {
  // An odd number of trailing backslashes: the last one escapes the newline.
  const trailing = /\\+$/.exec(line);
  return trailing !== null && trailing[0].length % 2 === 1;
}

/** Human line number (1-based) of a block, for messages. */
function lineOf(block: CodeBlock): number {
  return block.range.start.line + 1;
}

/** Collects file blocks, reporting bad names and duplicates against their lines. */
export function collectFiles(blocks: readonly CodeBlock[]): { files: PlannedFile[]; errors: string[]; warnings: string[] } {
  const byName = new Map<string, PlannedFile>();
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const block of blocks) {
    if (!isFileBlock(block)) continue;
    const raw = parseInfoString(block.lang, block.meta).options.file ?? '';
    const checked = checkFileName(raw);
    if ('error' in checked) {
      errors.push(`file block at line ${lineOf(block)}: ${checked.error}`);
      continue;
    }
    const earlier = byName.get(checked.name);
    if (earlier) {
      warnings.push(
        `file ${checked.name} is written by the blocks at lines ${earlier.line + 1} and ${lineOf(block)}; the later one is used`,
      );
      byName.delete(checked.name);
    }
    const content = block.value.endsWith('\n') || block.value === '' ? block.value : `${block.value}\n`;
    byName.set(checked.name, { name: checked.name, content, line: block.range.start.line });
  }
  const files = [...byName.values()].sort((a, b) => a.line - b.line);
  return { files, errors, warnings };
}

/**
 * What running `chosen` involves: its script and options, plus the file blocks that belong to it.
 * Those are the blocks it names (`files=AluTop.v,tb.cpp`, anywhere in the note), or else the file
 * blocks of its own section: between the heading above it and the next heading (`headingLines`,
 * zero-based; a note without headings is one section). Never every file block of the note: a
 * block tucked away elsewhere (in a `<details>`, at the end of a long note) must not be written
 * by a click on a snippet the user can see.
 */
export function planRun(blocks: readonly CodeBlock[], chosen: CodeBlock, headingLines: readonly number[] = []): RunPlan {
  const info = parseInfoString(chosen.lang, chosen.meta);
  const own = info.options.files
    ? namedFileBlocks(blocks, info.options.files, lineOf(chosen))
    : { blocks: sectionFileBlocks(blocks, chosen, headingLines), errors: [] };
  const collected = collectFiles(own.blocks);
  const plan: RunPlan = {
    script: scriptOfBlock(info.lang, chosen.value),
    lang: info.lang,
    options: info.options,
    files: collected.files,
    errors: info.errors.map((e) => `block at line ${lineOf(chosen)}: ${e}`),
    warnings: collected.warnings,
  };
  if (!isRunnableBlock(chosen)) {
    plan.errors.unshift(`block at line ${lineOf(chosen)} is not runnable: ${whyNotRunnable(chosen)}`);
  } else if (plan.script.trim() === '') {
    plan.errors.push(
      info.lang === 'console'
        ? `console block at line ${lineOf(chosen)} has no "$ " command lines`
        : `block at line ${lineOf(chosen)} is empty`,
    );
  }
  // A bad file block stops the run: the script would run against a missing file otherwise.
  plan.errors.push(...own.errors, ...collected.errors);
  return plan;
}

/**
 * A shell block of a note as data: everything a run needs, so that whoever runs it (the CLI, the
 * editor client) parses no Markdown. The server makes these from its parse of the note.
 */
export interface RunnableBlock {
  /** Zero-based lines of the opening and the closing fence. */
  line: number;
  endLine: number;
  /** The block's `name=`. */
  name?: string;
  /** False for a block with nothing to run (empty, or a console transcript without `$ ` lines). */
  hasCommands: boolean;
  /** The script, language, options and file blocks of the run, and what stops it (see planRun). */
  plan: RunPlan;
}

/**
 * The shell blocks of a note with their run plans, in note order. Blocks without commands are
 * listed too, so that a command naming one says why it does not run instead of running another.
 */
export function runnableBlocks(blocks: readonly CodeBlock[], headingLines: readonly number[]): RunnableBlock[] {
  // A plan reads only the file blocks besides its own: collected once, not once per snippet.
  const fileBlocks = blocks.filter(isFileBlock);
  return blocks.filter(isRunnableBlock).map((block) => {
    const name = parseInfoString(block.lang, block.meta).options.name;
    return {
      line: block.range.start.line,
      endLine: block.range.end.line,
      ...(name !== undefined ? { name } : {}),
      hasCommands: hasCommands(block),
      plan: planRun(fileBlocks, block, headingLines),
    };
  });
}

/** The file blocks between the headings around `chosen`. */
function sectionFileBlocks(blocks: readonly CodeBlock[], chosen: CodeBlock, headingLines: readonly number[]): CodeBlock[] {
  const section = sectionOf(chosen.range.start.line, headingLines);
  return blocks.filter((block) => isFileBlock(block) && sectionOf(block.range.start.line, headingLines) === section);
}

/** Which section a line is in: how many headings come before it. */
function sectionOf(line: number, headingLines: readonly number[]): number {
  return headingLines.filter((heading) => heading < line).length;
}

/** The file blocks `files=` names; a name without a block is an error (the script would miss it). */
function namedFileBlocks(
  blocks: readonly CodeBlock[],
  names: readonly string[],
  snippetLine: number,
): { blocks: CodeBlock[]; errors: string[] } {
  const errors: string[] = [];
  const found: CodeBlock[] = [];
  for (const name of names) {
    const checked = checkFileName(name);
    if ('error' in checked) {
      errors.push(`block at line ${snippetLine}: files=${name}: ${checked.error}`);
      continue;
    }
    const matching = blocks.filter((block) => fileBlockName(block) === checked.name);
    if (matching.length === 0) errors.push(`block at line ${snippetLine}: files=${name}: the note has no file block named ${checked.name}`);
    found.push(...matching.filter((block) => !found.includes(block)));
  }
  return { blocks: found.sort((a, b) => a.range.start.line - b.range.start.line), errors };
}

/** A file block's normalised name; undefined for other blocks and for names that are refused. */
function fileBlockName(block: CodeBlock): string | undefined {
  if (!isFileBlock(block)) return undefined;
  const checked = checkFileName(parseInfoString(block.lang, block.meta).options.file ?? '');
  return 'name' in checked ? checked.name : undefined;
}

function whyNotRunnable(block: CodeBlock): string {
  const info = parseInfoString(block.lang, block.meta);
  if (!block.fenced) return 'only fenced blocks run';
  if (info.options.file !== undefined) return `it is a file block (file=${info.options.file})`;
  const lang = info.lang === '' ? 'no language' : `language "${info.lang}"`;
  return `${lang} is not one of ${[...SHELL_LANGS].join(', ')}`;
}

/** Finds the runnable block a `--name` or info-string `name=` refers to. */
export function findBlockByName<Block extends CodeBlock>(blocks: readonly Block[], name: string): Block | undefined {
  return blocks.find((b) => isRunnableBlock(b) && parseInfoString(b.lang, b.meta).options.name === name);
}

/** Finds the runnable block on a (zero-based) line, anywhere from its opening to its closing fence. */
export function findBlockAtLine<Block extends CodeBlock>(blocks: readonly Block[], line: number): Block | undefined {
  return blocks.find((b) => isRunnableBlock(b) && b.range.start.line <= line && line <= b.range.end.line);
}

/** The shell a block asks for when the user has not chosen one: zsh for zsh blocks, bash otherwise. */
export function defaultShellFor(lang: string): string {
  return lang === 'zsh' ? 'zsh' : '/bin/bash';
}
