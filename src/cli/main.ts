// `lambda-workbench` command line: serve the local Lambda endpoint, invoke and list functions.
import { parseArgs } from 'node:util';
import { messageOf } from '../core/errors';
import { describeFailure, exitCodes, usageError, writeJson } from './cliOutput';
import { helpDocument, helpText } from './commandHelp';
import { commands, usage } from './commands';

async function main(argv: string[], json: boolean): Promise<number> {
  const [name, ...rest] = argv.filter((a) => a !== '--json');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    if (json) writeJson({ commands: Object.entries(commands).map(([n, c]) => ({ command: n, usage: c.help, summary: c.summary })) });
    else process.stdout.write(usage);
    return name ? exitCodes.ok : exitCodes.usage;
  }
  const command = commands[name];
  if (!command) throw new UnknownCommand(name);
  if (rest.includes('--help') || rest.includes('-h')) {
    if (json) writeJson(helpDocument(name, command));
    else process.stdout.write(helpText(name, command));
    return exitCodes.ok;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (e) {
    throw usageError(`${messageOf(e)}\n\n${command.help}\n(lambda-workbench ${name} --help shows examples.)`);
  }
  return command.run({ ...(parsed.values as Record<string, string | boolean | undefined>), ...(json ? { json: true } : {}) }, parsed.positionals);
}

class UnknownCommand extends Error {}

const argv = process.argv.slice(2);
const json = argv.includes('--json');
main(argv, json).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UnknownCommand) {
      const message = `unknown command '${e.message}'.`;
      if (json) writeJson({ error: { code: 'UnknownCommand', message } });
      else process.stderr.write(`lambda-workbench: ${message}\n\n${usage}`);
      process.exitCode = exitCodes.usage;
      return;
    }
    const f = describeFailure(e);
    if (json) writeJson({ error: f.error });
    else process.stderr.write(`${f.text}\n`);
    process.exitCode = f.exitCode;
  },
);
