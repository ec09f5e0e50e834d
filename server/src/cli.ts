import { UsageError } from './cli/args';
import { CHECK_USAGE, checkCommand } from './cli/check';
import { ENTITIES_USAGE, entitiesCommand } from './cli/entities';
import { RUN_USAGE, runCommand } from './cli/run';

// Each command lives in cli/<command>.ts; this file only dispatches and turns errors into exit codes.
const COMMANDS: Record<string, { usage: string; run(args: string[]): Promise<number> }> = {
  check: { usage: CHECK_USAGE, run: checkCommand },
  entities: { usage: ENTITIES_USAGE, run: entitiesCommand },
  run: { usage: RUN_USAGE, run: runCommand },
};

const USAGE = `Usage: marginalia <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((command) => `  ${command.usage}`)
  .join('\n')}

Options:
  -h, --help   show this help`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) throw new UsageError('no command given');
  if (name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command '${name}'`);
  return command.run(rest);
}

/** Exits once everything written has left the process: a piped stdout is asynchronous, and exiting at once cuts it. */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(exitAfterFlush, (error) => {
  if (error instanceof UsageError) {
    process.stderr.write(`marginalia: ${error.message}\n\n${USAGE}\n`);
    exitAfterFlush(2);
    return;
  }
  process.stderr.write(`marginalia: ${error instanceof Error ? error.message : String(error)}\n`);
  exitAfterFlush(1);
});
