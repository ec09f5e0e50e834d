// What the editor says about a run beyond its result: the question asked before a run that does
// more than the block shows (files written into a folder of the user's, lines that act as root,
// install packages, pipe a download into a shell, delete trees or write outside the run
// directory), and the lines the output channel echoes (the commands, the files written).
// Plain text, no editor API, so it can be tested on its own.
import { visibleControls, type RunPlan, type RunPreview } from '../../../common/runner';
import { l10n } from '../l10n';

export interface RunQuestion {
  message: string;
  /** The lines and files, one per line, for the dialog's detail text. */
  detail: string;
}

/**
 * The question before a run, or undefined when there is nothing to ask. Files written outside the
 * run directory are always asked about (they are not part of the block the user clicked);
 * risky lines only while `confirmRisky` is on.
 */
export function runQuestion(label: string, preview: RunPreview, confirmRisky: boolean): RunQuestion | undefined {
  const outsideWrites = preview.scratch ? [] : preview.writes;
  const risky = confirmRisky ? preview.risky : [];
  if (outsideWrites.length === 0 && risky.length === 0) return undefined;
  const parts: string[] = [];
  if (outsideWrites.length > 0) {
    parts.push(
      [
        l10n.t('It runs in {0}, a folder of yours (not the run directory), and first writes there:', visibleControls(preview.dir)),
        ...outsideWrites.map(
          (write) => `  ${l10n.t('{0} (block at line {1})', visibleControls(write.name), write.line + 1)}${writeNote(write.state)}`,
        ),
      ].join('\n'),
    );
  }
  if (risky.length > 0) {
    parts.push(
      [l10n.t('These lines need care:'), ...risky.map((line) => `  ${visibleControls(line.text)} — ${line.reasons.join('; ')}`)].join('\n'),
    );
  }
  const replaces = outsideWrites.some((write) => write.state === 'replaces');
  return {
    message: replaces
      ? l10n.t('Run {0}? It replaces a file of yours.', visibleControls(label))
      : l10n.t('Run {0}?', visibleControls(label)),
    detail: parts.join('\n\n'),
  };
}

function writeNote(state: RunPreview['writes'][number]['state']): string {
  if (state === 'replaces') return ` — ${l10n.t('replaces the file there now')}`;
  if (state === 'same') return ` — ${l10n.t('already there with this text')}`;
  return ` — ${l10n.t('new file')}`;
}

/** The commands as the output channel echoes them before the output: `$ nvidia-smi`. */
export function commandEcho(plan: RunPlan): string[] {
  const lines = plan.script
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => `$ ${visibleControls(line)}`);
  if (plan.options.keepGoing) lines.push('(keep-going: runs every line even after one fails)');
  return lines;
}

/** The files a run wrote, as the output channel lists them. */
export function filesEcho(filesWritten: readonly string[]): string[] {
  return filesWritten.map((file) => `wrote ${visibleControls(file)}`);
}

/**
 * A key for "this user already said yes to this": the block's text, its folder and its files.
 * Any change to them asks again; so does a new session.
 */
export function questionKey(uri: string, plan: RunPlan, preview: RunPreview): string {
  return JSON.stringify([uri, plan.script, preview.dir, plan.files.map((file) => [file.name, file.content])]);
}
