// The one engine factory of the tests (startTestEngine with options) and function definitions from a
// code directory.
import { LambdaClient } from '@aws-sdk/client-lambda';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator, type EmulatorOptions } from '../../src/core/emulator';
import type { FunctionConfig } from '../../src/core/functionConfig';
import { aws, type CliResult } from './awsCli';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

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

export interface TestEngineOptions extends Partial<EmulatorOptions> {
  /** Files written into the workspace before the engine starts (relative paths). */
  readonly files?: Readonly<Record<string, string>>;
  /** The workspace's template.yaml text (loaded once the engine runs). */
  readonly template?: string;
  /** Serve the HTTP API on a free loopback port (`url`); implies `api: {}` unless `api` is given. */
  readonly listen?: boolean;
  /** Read the workspace's .env file when loading the template (default: false, tests pin every value). */
  readonly dotEnvFile?: boolean;
}

/**
 * The engine of one test in a temporary workspace (or `workspaceDir`, which is kept): the HTTP API on
 * 127.0.0.1 when asked, template.yaml loaded when present, env-var key private to the workspace, the
 * warnings it emitted, and `dispose` that stops everything and removes what it made.
 */
export class TestEngine extends Emulator {
  /** The workspace directory. */
  readonly dir: string;
  /** The env-var key file of this engine (never the developer's). */
  readonly keyFile: string;
  /** Warnings the engine emitted so far. */
  readonly warnings: string[] = [];
  /** The API base URL when `listen` was set. */
  url = '';
  private client: LambdaClient | undefined;

  constructor(options: TestEngineOptions, private readonly ownsDir: boolean) {
    const dir = options.workspaceDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-test-'));
    const keyFile = options.functions?.keyFile ?? path.join(dir, '.key', 'env.key');
    const { files: _files, template: _template, listen, dotEnvFile: _dotEnv, ...emulator } = options;
    super({ ...emulator, workspaceDir: dir, api: options.api ?? (listen ? {} : false), functions: { ...options.functions, keyFile } });
    this.dir = dir;
    this.keyFile = keyFile;
    this.on('warning', (m) => this.warnings.push(m));
  }

  /** The workspace directory (the name older suites use). */
  get workspace(): string {
    return this.dir;
  }

  /** An AWS SDK Lambda client pointed at the API (needs `listen`). */
  get lambda(): LambdaClient {
    if (!this.url) throw new Error('lambda needs an engine started with listen: true');
    this.client ??= new LambdaClient({ endpoint: this.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' }, maxAttempts: 1 });
    return this.client;
  }

  /** Writes a workspace file. */
  write(rel: string, content: string): void {
    fs.mkdirSync(path.dirname(path.join(this.dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(this.dir, rel), content);
  }

  /** (Re)loads the workspace's template.yaml, like the watcher would after a change. */
  async reload(dotEnvFile = false): Promise<void> {
    await this.loadTemplate({ templatePath: path.join(this.dir, 'template.yaml'), ...(dotEnvFile ? {} : { dotEnvFile: false }) });
  }

  /** `aws lambda <args> --endpoint-url <url>`, with the output parsed when it is JSON. */
  async cli(args: string[], credentials?: { id: string; secret: string }): Promise<CliResult & { json: any }> {
    const r = await aws(this.url, ['lambda', ...args], credentials);
    let json: unknown;
    try {
      json = r.stdout.trim() ? JSON.parse(r.stdout) : undefined;
    } catch {
      json = undefined;
    }
    return { ...r, json };
  }

  override async dispose(): Promise<void> {
    this.client?.destroy();
    await super.dispose();
    if (this.ownsDir) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Starts a TestEngine: writes `files` and `template`, listens if asked, loads template.yaml if present. */
export async function startTestEngine(options: TestEngineOptions = {}): Promise<TestEngine> {
  const engine = new TestEngine(options, options.workspaceDir === undefined);
  try {
    for (const [rel, content] of Object.entries({ ...options.files, ...(options.template !== undefined ? { 'template.yaml': options.template } : {}) })) engine.write(rel, content);
    if (options.listen) engine.url = (await engine.listen()) as string;
    if (fs.existsSync(path.join(engine.dir, 'template.yaml'))) await engine.reload(options.dotEnvFile ?? false);
    return engine;
  } catch (e) {
    await engine.dispose();
    throw e;
  }
}

/** Writes `<name>/index.js` with `source` and defines a nodejs20.x function running it. */
export function defineNodeFunction(engine: TestEngine, name: string, source: string, extra: Partial<FunctionConfig> = {}): FunctionConfig {
  engine.write(path.join(name, 'index.js'), source);
  const config = functionConfig(name, path.join(engine.dir, name), { memorySize: 256, timeout: 10, codeSha256: 'test', ...extra });
  engine.defineFunction(config);
  return config;
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
