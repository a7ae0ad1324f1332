// Test helpers: an engine in a temporary workspace with functions defined from a code directory.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator, type EmulatorOptions } from '../../src/core/emulator';
import type { FunctionConfig } from '../../src/core/functionConfig';

/** A FunctionConfig with Lambda's defaults, overridable field by field. */
export function functionConfig(name: string, codeDir: string, overrides: Partial<FunctionConfig> = {}): FunctionConfig {
  return {
    functionName: name,
    version: '$LATEST',
    handler: 'index.handler',
    runtime: 'nodejs20.x',
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

export const fixture = (...parts: string[]): string => path.join(__dirname, '..', 'fixtures', ...parts);

/** A new engine with its own temporary workspace; `dispose` removes both. */
export async function startTestEngine(options: Partial<EmulatorOptions> = {}): Promise<Emulator & { workspace: string }> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-test-'));
  const engine = new Emulator({ workspaceDir: workspace, api: false, ...options }) as Emulator & { workspace: string };
  engine.workspace = workspace;
  const dispose = engine.dispose.bind(engine);
  engine.dispose = async () => {
    await dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  };
  return engine;
}

/** Invokes `name` with a JSON event and returns the parsed payload plus the raw response. */
export async function invokeJson(engine: Emulator, name: string, event: unknown = {}, extra: Record<string, unknown> = {}) {
  const response = await engine.invoke({ functionName: name, payload: Buffer.from(JSON.stringify(event)), logType: 'Tail', ...extra });
  const text = response.payload.toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { response, body: body as any, text, logs: response.outcome?.logLines.join('') ?? '' };
}
