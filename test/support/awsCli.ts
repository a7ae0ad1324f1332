// Runs the real AWS CLI against a local endpoint with dummy credentials and no user configuration.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-aws-home-'));

/** `aws <args> --endpoint-url <url>`; never reads the developer's ~/.aws. */
export function aws(endpoint: string, args: string[], credentials = { id: 'AKIDTEST', secret: 'test-secret' }): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      'aws',
      [...args, '--endpoint-url', endpoint],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          AWS_ACCESS_KEY_ID: credentials.id,
          AWS_SECRET_ACCESS_KEY: credentials.secret,
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: path.join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
          AWS_PAGER: '',
        },
        timeout: 60_000,
      },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** `aws <args>` that must succeed; resolves with its parsed JSON output ({} when it printed nothing). */
export async function awsJson(endpoint: string, args: string[]): Promise<any> {
  const r = await aws(endpoint, args);
  assert.equal(r.code, 0, `aws ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim() ? JSON.parse(r.stdout) : {};
}

/** `aws <args>` that must fail; resolves with its error output. */
export async function awsError(endpoint: string, args: string[]): Promise<string> {
  const r = await aws(endpoint, args);
  assert.notEqual(r.code, 0, `aws ${args.join(' ')} should have failed`);
  return r.stderr.trim();
}

/** A fresh temporary file path for CLI outputs. */
export function tempFile(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-out-')), name);
}

/** `aws <args> --endpoint-url <url> --output json` with the caller's environment; resolves with parsed JSON stdout. */
export function awsOutput(url: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string; json: unknown }> {
  return new Promise((resolve) => {
    execFile(
      'aws',
      [...args, '--endpoint-url', url, '--output', 'json'],
      { env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        let json: unknown;
        try {
          json = stdout.trim() ? JSON.parse(stdout) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr, json });
      },
    );
  });
}
