// `lambda-workbench` command line: serve the local Lambda endpoint, invoke and list functions.
import { parseArgs } from 'node:util';
import { messageOf, WorkbenchError } from '../core/errors';
import { commands, usage } from './commands';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`lambda-workbench: unknown command '${name}'.\n\n${usage}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`lambda-workbench ${name}: ${messageOf(e)}\n\n${command.help}\n`);
    return 2;
  }
  return command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`lambda-workbench: ${messageOf(e)}\n`);
    process.exitCode = e instanceof WorkbenchError ? 2 : 1;
  },
);
