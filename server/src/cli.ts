import { UsageError } from './cli/args';
import { ENTITIES_USAGE, entitiesCommand } from './cli/entities';

// Each command lives in cli/<command>.ts; this file only dispatches and turns errors into exit codes.
const COMMANDS: Record<string, { usage: string; run(args: string[]): Promise<number> }> = {
  entities: { usage: ENTITIES_USAGE, run: entitiesCommand },
};

const USAGE = `Usage: marginalia <command> [options]

Commands:
${Object.values(COMMANDS).map((command) => `  ${command.usage}`).join('\n')}

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
