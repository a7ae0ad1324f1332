// A long-lived boto3 process (test/system/parity/boto3Worker.py) that performs Lambda API calls and
// answers with boto3-parsed responses, the shape in which the AWS recordings were stored.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';

/** A parsed response: `ok` for success, `error` for an AWS error response, `exception` client-side. */
export interface Boto3Result {
  readonly ok?: Record<string, any>;
  readonly error?: Record<string, any>;
  readonly exception?: string;
}

/** Marks bytes for the worker (ZipFile, Payload). */
export const bytes = (b: Buffer): { __bytes__: string } => ({ __bytes__: b.toString('base64') });

export class Boto3Client {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: ((line: string) => void)[] = [];
  private stderr = '';

  constructor(endpoint: string, python = process.env.LWB_PARITY_PYTHON ?? 'python3') {
    this.child = spawn(python, [path.join(__dirname, 'boto3Worker.py'), endpoint], { stdio: 'pipe' });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => this.waiting.shift()?.(line));
    this.child.on('exit', () => {
      for (const w of this.waiting.splice(0)) w(JSON.stringify({ exception: `boto3 worker exited: ${this.stderr.slice(-500)}` }));
    });
  }

  /** Calls `op` (boto3's snake_case name) with `params`. */
  call(op: string, params: Record<string, unknown> = {}, region?: string, validate = true): Promise<Boto3Result> {
    return new Promise((resolve) => {
      this.waiting.push((line) => resolve(JSON.parse(line) as Boto3Result));
      this.child.stdin.write(`${JSON.stringify({ op, params, region, validate })}\n`);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.stdin.end();
    });
  }
}
