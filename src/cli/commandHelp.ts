// `lambda-workbench <command> --help`: usage, what it does, its options, examples, JSON shape and exit codes.
import type { Command } from './commands';

/** The help document of one command (printed as text, or as JSON with --json). */
export function helpDocument(name: string, c: Command): { command: string; usage: string; summary: string; options: string[]; examples: readonly string[]; json: string; exitCodes: Record<string, string> } {
  const options = Object.entries(c.options).map(([o, d]) => `--${o}${d.type === 'string' ? ' VALUE' : ''}`);
  return {
    command: name,
    usage: c.help,
    summary: c.summary,
    options: [...new Set([...options, '--json', '--help'])],
    examples: c.examples,
    json: c.json,
    exitCodes: { '0': 'ok', '1': 'the function or the Lambda API returned an error', '2': 'bad arguments or something to fix first', '3': 'unexpected failure' },
  };
}

/** The help of one command as text. */
export function helpText(name: string, c: Command): string {
  const d = helpDocument(name, c);
  return [
    `Usage: ${d.usage}`,
    '',
    d.summary,
    '',
    `Options: ${d.options.join(' ')}`,
    '',
    'Examples:',
    ...d.examples.map((e) => `  ${e}`),
    '',
    `--json prints: ${d.json}`,
    'Errors with --json: {"error": {"code", "message"}}. Exit codes: 0 ok, 1 the function or the Lambda API returned an error, 2 bad arguments or something to fix first, 3 unexpected failure.',
    '',
  ].join('\n');
}
