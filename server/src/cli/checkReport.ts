// How `check` writes its findings: compiler-style text, JSON, SARIF 2.1.0 (GitHub code scanning and other
// viewers) or GitHub Actions workflow commands (annotations on the pull request's lines).
import { LINK_CODES, type Severity } from '../features/links/codes';
import { terminalSafe } from './terminalText';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export interface CheckReportEntry {
  /** Relative to the working directory, with forward slashes (absolute when outside it). */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

export interface CheckSummary {
  notes: number;
  /** Notes that could not be read or parsed. */
  failed: number;
  version: string;
}

export function formatReport(format: ReportFormat, entries: readonly CheckReportEntry[], summary: CheckSummary): string {
  if (format === 'json') return `${JSON.stringify(entries, null, 2)}\n`;
  if (format === 'sarif') return `${JSON.stringify(sarifLog(entries, summary), null, 2)}\n`;
  if (format === 'github') return entries.map(githubAnnotation).join('');
  return textReport(entries, summary);
}

function textReport(entries: readonly CheckReportEntry[], { notes, failed }: CheckSummary): string {
  const lines = entries.map((entry) =>
    terminalSafe(`${entry.file}:${entry.line}:${entry.column}  ${entry.severity}  ${entry.code}  ${entry.message}`),
  );
  const count = (severity: Severity) => entries.filter((entry) => entry.severity === severity).length;
  const summary = entries.length
    ? `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')} in ${plural(notes, 'note')}`
    : `No link problems in ${plural(notes, 'note')}`;
  const unchecked = failed ? `; ${plural(failed, 'note')} could not be read or parsed` : '';
  return [...lines, summary + unchecked].join('\n') + '\n';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 || noun === 'info' ? '' : 's'}`;
}

/** `::error file=…,line=…::message`, escaped as the workflow-command syntax requires. */
function githubAnnotation(entry: CheckReportEntry): string {
  const command = entry.severity === 'error' ? 'error' : entry.severity === 'warning' ? 'warning' : 'notice';
  const properties = [
    `file=${escapeProperty(entry.file)}`,
    `line=${entry.line}`,
    `col=${entry.column}`,
    `endLine=${entry.endLine}`,
    `endColumn=${entry.endColumn}`,
    `title=${escapeProperty(entry.code)}`,
  ];
  return `::${command} ${properties.join(',')}::${escapeData(entry.message)}\n`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** What each code means, for SARIF viewers that list the rules. */
const RULE_TEXT: Record<string, string> = {
  'link.file-not-found': 'A local link points at a file or folder that does not exist',
  'link.anchor-not-found': 'A link points at a heading or anchor the target does not have',
  'link.empty': 'A link has no destination',
  'link.missing-scheme': 'A web address is written without http:// or https://',
  'link.malformed-url': 'A link destination is not a valid address',
  'link.reversed': 'A link is written with its brackets reversed, (text)[address]',
  'link.reference-undefined': 'A reference link uses a label that no definition gives',
  'link.reference-unused': 'A reference definition is never used',
  'link.reference-duplicate': 'A reference label is defined more than once',
  'link.wiki-unresolved': 'A wiki link names no note, heading or entity',
  'link.external-dead': 'A web link answers that the page is gone',
  'link.external-unverified': 'A web link could not be checked',
  'note.unreadable': 'A note could not be read',
  'note.unparsed': 'A note could not be parsed; its links were not checked',
};
const RULE_IDS = [...LINK_CODES, 'note.unreadable', 'note.unparsed'];

function sarifLog(entries: readonly CheckReportEntry[], { version }: CheckSummary): object {
  const rules = RULE_IDS.map((id) => ({ id, shortDescription: { text: RULE_TEXT[id] ?? id } }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'marginalia', version, rules } },
        results: entries.map((entry) => ({
          ruleId: entry.code,
          ...(RULE_IDS.includes(entry.code) ? { ruleIndex: RULE_IDS.indexOf(entry.code) } : {}),
          level: entry.severity === 'info' ? 'note' : entry.severity,
          message: { text: entry.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(entry.file) },
                region: { startLine: entry.line, startColumn: entry.column, endLine: entry.endLine, endColumn: entry.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}
