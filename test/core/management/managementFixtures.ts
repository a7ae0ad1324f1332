// Fixtures for management-plane tests: workspaces with Node functions in a SAM template (kept until
// `removeWorkspaces`, so an engine can be restarted on one), handlers that report what ran, SDK errors.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

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

/** A new workspace (removed by `removeWorkspaces`) with one Node function `fn` in template.yaml. */
export function oneFunctionWorkspace(): string {
  return newWorkspace({ 'template.yaml': templateFor(), 'fn/index.js': handlerCode('one') });
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
