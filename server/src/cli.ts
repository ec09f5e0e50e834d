import { UsageError } from './cli/args';
import { CHECK_HELP, CHECK_USAGE, checkCommand, ConfigError } from './cli/check';
import { ENTITIES_HELP, ENTITIES_USAGE, entitiesCommand } from './cli/entities';
import { RUN_HELP, RUN_USAGE, runCommand } from './cli/run';
import { VERSION } from './version';

// Each command lives in cli/<command>.ts; this file only dispatches and turns errors into exit codes:
// 2 for a bad command line or configuration, 3 when the tool itself failed (never 1, which means problems found).
const COMMANDS: Record<string, { usage: string; help: string; run(args: string[]): Promise<number> }> = {
  check: { usage: CHECK_USAGE, help: CHECK_HELP, run: checkCommand },
  entities: { usage: ENTITIES_USAGE, help: ENTITIES_HELP, run: entitiesCommand },
  run: { usage: RUN_USAGE, help: RUN_HELP, run: runCommand },
};

const USAGE = `Usage: marginalia <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((command) => `  ${command.usage.split(/\s{3,}/)[0].padEnd(18)}${command.usage.split(/\s{3,}/)[1] ?? ''}`)
  .join('\n')}

Options:
  -h, --help      show this help (marginalia <command> --help: that command's)
  -v, --version   show the version

Exit codes: 0 fine, 1 problems found (check) or the snippet's own code (run), 2 bad command line or
configuration, 3 the tool itself failed.`;

const TOOL_FAILED = 3;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) throw new UsageError('no command given');
  if (name === '-h' || name === '--help' || name === 'help') return write(USAGE);
  if (name === '-v' || name === '--version') return write(VERSION);
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command '${name}'`);
  // Before the command's own parsing, so that help works next to any other argument.
  if (rest.includes('-h') || rest.includes('--help')) return write(command.help);
  return command.run(rest);
}

function write(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

/** Exits once everything written has left the process: a piped stdout is asynchronous, and exiting at once cuts it. */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

// Output that cannot be written (a closed pipe) is the tool failing, not a finding: CI must not read it as exit 1.
process.stdout.on('error', (error) => {
  process.stderr.write(`marginalia: cannot write the output: ${error.message}\n`, () => process.exit(TOOL_FAILED));
});

main(process.argv.slice(2)).then(exitAfterFlush, (error) => {
  if (error instanceof UsageError) {
    process.stderr.write(`marginalia: ${error.message}\n\n${USAGE}\n`);
    exitAfterFlush(2);
  } else if (error instanceof ConfigError) {
    process.stderr.write(`marginalia: the settings cannot be used:\n${error.message}\n`);
    exitAfterFlush(2);
  } else {
    process.stderr.write(`marginalia: ${error instanceof Error ? error.message : String(error)}\n`);
    exitAfterFlush(TOOL_FAILED);
  }
});
