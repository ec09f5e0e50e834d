// The reference point for link validation: vscode-markdown-languageservice (the library behind VS Code's
// Markdown features) with markdown-it as its parser, validating every note's local links over a workspace
// read from disk, as VS Code's Markdown extension does for a folder.

import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';
import { CancellationToken, Emitter } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createLanguageService,
  DiagnosticLevel,
  githubSlugifier,
  LogLevel,
  type DiagnosticOptions,
  type FileStat,
  type ILogger,
  type IMdParser,
  type ITextDocument,
  type IWorkspace,
} from 'vscode-markdown-languageservice';
import { URI } from 'vscode-uri';

const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);

/** IWorkspace over a folder on disk: every Markdown file under it, read once and kept. */
class FolderWorkspace implements IWorkspace {
  private readonly documents = new Map<string, TextDocument>();
  private readonly changed = new Emitter<ITextDocument>();
  private readonly created = new Emitter<ITextDocument>();
  private readonly deleted = new Emitter<URI>();
  readonly onDidChangeMarkdownDocument = this.changed.event;
  readonly onDidCreateMarkdownDocument = this.created.event;
  readonly onDidDeleteMarkdownDocument = this.deleted.event;

  constructor(private readonly root: string) {}

  get workspaceFolders(): readonly URI[] {
    return [URI.file(this.root)];
  }

  async getAllMarkdownDocuments(): Promise<Iterable<ITextDocument>> {
    for (const file of listMarkdownFiles(this.root)) this.load(URI.file(file));
    return [...this.documents.values()];
  }

  hasMarkdownDocument(resource: URI): boolean {
    return this.documents.has(resource.toString());
  }

  async openMarkdownDocument(resource: URI): Promise<ITextDocument | undefined> {
    const existing = this.documents.get(resource.toString());
    if (existing) return existing;
    if (!MARKDOWN_EXTENSIONS.has(path.extname(resource.fsPath).toLowerCase())) return undefined;
    try {
      return this.load(resource);
    } catch {
      return undefined;
    }
  }

  async stat(resource: URI): Promise<FileStat | undefined> {
    if (this.documents.has(resource.toString())) return { isDirectory: false };
    try {
      const stat = await fs.stat(resource.fsPath);
      return { isDirectory: stat.isDirectory() };
    } catch {
      return undefined;
    }
  }

  async readDirectory(resource: URI): Promise<Iterable<readonly [string, FileStat]>> {
    const entries = await fs.readdir(resource.fsPath, { withFileTypes: true });
    return entries.map((entry) => [entry.name, { isDirectory: entry.isDirectory() }] as const);
  }

  private load(resource: URI): TextDocument {
    const uri = resource.toString();
    const document = TextDocument.create(uri, 'markdown', 1, readFileSync(resource.fsPath, 'utf8'));
    this.documents.set(uri, document);
    return document;
  }
}

function listMarkdownFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && MARKDOWN_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) files.push(full);
    }
  };
  walk(root);
  return files.sort();
}

export interface LinkValidationResult {
  ms: number;
  documents: number;
  problems: number;
  byCode: Record<string, number>;
}

/** Validates the local links (files, images, headings in this and other notes) of every note under `root`. */
export async function validateWithVscodeService(
  root: string,
  options: { concurrency?: number; deadline?: number } = {},
): Promise<LinkValidationResult> {
  const started = performance.now();
  // As VS Code's Markdown extension configures its engine: HTML allowed, markdown-it's own tokens.
  const md = new MarkdownIt({ html: true });
  const parser: IMdParser = {
    slugifier: githubSlugifier,
    async tokenize(document) {
      return md.parse(document.getText(), {});
    },
  };
  const logger: ILogger = { level: LogLevel.Off, log: () => undefined };
  const workspace = new FolderWorkspace(root);
  const service = createLanguageService({ workspace, parser, logger, markdownFileExtensions: ['md', 'markdown'] });
  const diagnosticOptions: DiagnosticOptions = {
    validateFileLinks: DiagnosticLevel.warning,
    validateFragmentLinks: DiagnosticLevel.warning,
    validateMarkdownFileLinkFragments: DiagnosticLevel.warning,
    validateReferences: DiagnosticLevel.warning,
    validateUnusedLinkDefinitions: DiagnosticLevel.ignore,
    validateDuplicateLinkDefinitions: DiagnosticLevel.ignore,
    ignoreLinks: [],
  };
  try {
    const documents = [...(await workspace.getAllMarkdownDocuments())];
    const byCode: Record<string, number> = {};
    let problems = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < documents.length) {
        if (options.deadline !== undefined && performance.now() > options.deadline)
          throw new Error(`vscode-markdown-languageservice did not finish within the phase limit (${next}/${documents.length} notes)`);
        const document = documents[next++];
        const diagnostics = await service.computeDiagnostics(document, diagnosticOptions, CancellationToken.None);
        problems += diagnostics.length;
        for (const diagnostic of diagnostics) {
          const code = String(diagnostic.code ?? 'other');
          byCode[code] = (byCode[code] ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
    return { ms: performance.now() - started, documents: documents.length, problems, byCode };
  } finally {
    service.dispose();
  }
}
