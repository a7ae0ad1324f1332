// Test helpers for the management plane: an engine serving a temporary SAM workspace over HTTP, with the
// AWS SDK and the AWS CLI pointed at it, a private env-var key, and clean-up of everything it made.
import { LambdaClient } from '@aws-sdk/client-lambda';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator, type EmulatorOptions } from '../../../src/core/emulator';
import { aws, type CliResult } from '../../support/awsCli';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** A handler that reports what ran: its code tag, version, invoked ARN and initialization type. */
export const handlerCode = (tag: string): string =>
  `exports.handler = async (event, context) => ({ tag: ${JSON.stringify(tag)}, version: context.functionVersion, arn: context.invokedFunctionArn, init: process.env.AWS_LAMBDA_INITIALIZATION_TYPE, secret: process.env.SECRET });\n`;

/** One Node function per name, each with its own code directory `<name>/`. */
export function templateFor(functions: Record<string, string> = { fn: '' }): string {
  const resources = Object.entries(functions)
    .map(([name, extra]) => `  F${name.replace(/[^a-zA-Z0-9]/g, '')}:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: ${name}\n      Runtime: nodejs20.x\n      CodeUri: ${name}/\n      Handler: index.handler\n${extra}`)
    .join('');
  return `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n${resources}`;
}

export interface ManagedEngine {
  readonly engine: Emulator;
  readonly url: string;
  readonly dir: string;
  readonly stateDir: string;
  readonly keyFile: string;
  readonly lambda: LambdaClient;
  /** Writes a workspace file. */
  write(rel: string, content: string): void;
  /** Reloads the template (after code changes), like a watcher would. */
  reload(): Promise<void>;
  /** `aws lambda <args> --endpoint-url <url>`. */
  cli(args: string[], credentials?: { id: string; secret: string }): Promise<CliResult & { json: any }>;
  dispose(): Promise<void>;
}

const workspaces: string[] = [];

/** A fresh workspace directory (removed by `removeWorkspaces`). */
export function newWorkspace(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-managed-'));
  workspaces.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

export function removeWorkspaces(): void {
  for (const d of workspaces.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Starts an engine on `dir` (a new workspace with one function `fn` by default) and its HTTP API. */
export async function startManaged(options: { dir?: string; engine?: Partial<EmulatorOptions> } = {}): Promise<ManagedEngine> {
  const dir = options.dir ?? newWorkspace({ 'template.yaml': templateFor(), 'fn/index.js': handlerCode('one') });
  const keyFile = path.join(dir, '.key', 'env.key');
  const engine = new Emulator({ workspaceDir: dir, api: { port: 0 }, ...options.engine, functions: { keyFile, ...options.engine?.functions } });
  try {
    const templatePath = path.join(dir, 'template.yaml');
    if (fs.existsSync(templatePath)) await engine.loadTemplate({ templatePath });
    const url = (await engine.listen()) as string;
    const lambda = new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' }, maxAttempts: 1 });
    return {
      engine,
      url,
      dir,
      stateDir: engine.stateDir,
      keyFile,
      lambda,
      write: (rel, content) => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), content);
      },
      reload: async () => {
        await engine.loadTemplate({ templatePath });
      },
      cli: async (args, credentials) => {
        const r = await aws(url, ['lambda', ...args], credentials);
        let json: unknown;
        try {
          json = r.stdout.trim() ? JSON.parse(r.stdout) : undefined;
        } catch {
          json = undefined;
        }
        return { ...r, json };
      },
      dispose: async () => {
        lambda.destroy();
        await engine.dispose();
      },
    };
  } catch (e) {
    await engine.dispose();
    throw e;
  }
}

/** The error an SDK call rejects with (fails the test if it resolves). */
export async function sdkError(p: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined; body: any }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number }; $response?: unknown };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode, body: e };
  }
  throw new Error('expected the call to fail');
}
