// Helpers of the Python runtime tests: the interpreters to run on, engines in temporary workspaces,
// FunctionConfigs for fixtures under test/fixtures/python, and lookups of `# site:` marked lines.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator, type EmulatorOptions } from '../../../src/core/emulator';
import type { FunctionConfig } from '../../../src/core/functions/functionConfig';
import type { InvokeRequest } from '../../../src/core/invoke/invoker';

export const pythonFixture = (...parts: string[]): string => path.join(__dirname, '..', '..', 'fixtures', 'python', ...parts);

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

export function pythonConfig(name: string, codeDir: string, overrides: Partial<FunctionConfig> = {}): FunctionConfig {
  return {
    functionName: name,
    version: '$LATEST',
    handler: 'app.handler',
    runtime: 'python3.11',
    codeDir,
    memorySize: 128,
    timeout: 3,
    ephemeralStorage: 512,
    environment: {},
    layers: [],
    logging: { logFormat: 'Text', logGroup: `/aws/lambda/${name}` },
    description: '',
    architectures: ['x86_64'],
    role: undefined,
    codeSha256: `sha-${name}`,
    ...overrides,
  };
}

/** An engine without HTTP API in its own temporary workspace, running Python functions on `python`. */
export function startPythonEngine(python: string, options: Partial<EmulatorOptions> = {}): Emulator {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-python-test-'));
  const engine = new Emulator({ workspaceDir: workspace, api: false, interpreters: { python }, ...options });
  const dispose = engine.dispose.bind(engine);
  engine.dispose = async () => {
    await dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  };
  return engine;
}

/** Invokes `name` with a JSON event; the payload is parsed when it is JSON. */
export async function invokePython(engine: Emulator, name: string, event: unknown = {}, extra: Partial<InvokeRequest> = {}) {
  const response = await engine.invoke({ functionName: name, payload: Buffer.from(JSON.stringify(event)), ...extra });
  const text = response.payload.toString('utf8');
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  const lines = response.outcome?.logLines ?? [];
  return { response, body, text, lines, logs: lines.join('') };
}

/** The 1-based line of the fixture line marked `# site:<marker>`. */
export function siteLine(file: string, marker: string): number {
  const index = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(`# site:${marker}`));
  if (index < 0) throw new Error(`no "# site:${marker}" in ${file}`);
  return index + 1;
}

/** The application lines of an invocation: everything between START and END. */
export function appLines(lines: readonly string[]): string[] {
  const start = lines.findIndex((l) => l.startsWith('START RequestId:'));
  const end = lines.findIndex((l) => l.startsWith('END RequestId:'));
  return lines.slice(start + 1, end);
}
