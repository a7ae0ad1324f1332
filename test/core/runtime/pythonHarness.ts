// Helpers of the Python runtime tests, on top of test/support/engine.ts: the interpreters to run on,
// Python FunctionConfigs for fixtures under test/fixtures/python, and lookups of `# site:` marked lines.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import type { Emulator } from '../../../src/core/emulator';
import type { FunctionConfig } from '../../../src/core/functionConfig';
import { fixture, functionConfig, invokeJson, startTestEngine } from '../../support/engine';

export const pythonFixture = (...parts: string[]): string => fixture('python', ...parts);

/** Debian's /usr/bin/python3 and the python3.11 found on PATH (a pyenv shim resolved to its real binary). */
export function testInterpreters(): string[] {
  const found = ['/usr/bin/python3'];
  try {
    const onPath = execFileSync('python3.11', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
    if (onPath && fs.realpathSync(onPath) !== fs.realpathSync(found[0] as string)) found.push(onPath);
  } catch {
    // only the system interpreter on this machine
  }
  return found;
}

export const pythonConfig = (name: string, codeDir: string, overrides: Partial<FunctionConfig> = {}): FunctionConfig =>
  functionConfig(name, codeDir, { runtime: 'python3.11', handler: 'app.handler', ...overrides });

/** An engine without HTTP API in a temporary workspace, running Python functions on `python`. */
export const startPythonEngine = (python: string): Promise<Emulator> => startTestEngine({ interpreters: { python } });

/** Invokes `name` with a JSON event; adds the invocation's log lines (START to REPORT) as an array. */
export async function invokePython(engine: Emulator, name: string, event: unknown = {}, extra: Record<string, unknown> = {}) {
  const result = await invokeJson(engine, name, event, extra);
  return { ...result, lines: result.response.outcome?.logLines ?? [] };
}

/** The 1-based line of the fixture line marked `# site:<marker>`. */
export function siteLine(file: string, marker: string): number {
  const index = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(`# site:${marker}`));
  if (index < 0) throw new Error(`no "# site:${marker}" in ${file}`);
  return index + 1;
}

/** The application lines of an invocation: everything between START and END (platform.start and
 * platform.report in the JSON log format). */
export function appLines(lines: readonly string[]): string[] {
  const start = lines.findIndex((l) => l.startsWith('START RequestId:') || l.includes('"type":"platform.start"'));
  const end = lines.findIndex((l, i) => i > start && (l.startsWith('END RequestId:') || l.includes('"type":"platform.report"')));
  return lines.slice(start + 1, end);
}
