// What a parity case is (one recorded LocalStack test id, re-enacted with our own code against our
// endpoint) and the context it runs in: boto3 calls, recorded matches, throwaway function names.
import { randomBytes } from 'node:crypto';
import { makeZip } from '../../core/state/zipFixtures';
import { Boto3Client, bytes } from './boto3Client';

/** One recorded test case: `id` is the part after `test_file.py::`. */
export interface ParityCase {
  readonly id: string;
  /** Why a local engine cannot or should not reproduce this case (then `run` is absent). */
  readonly skip?: string;
  readonly run?: (ctx: CaseContext) => Promise<void>;
}

/** A handler written for these cases (not LocalStack's): returns its event. */
export const PYTHON_ECHO = 'import json\n\ndef handler(event, context):\n    print(json.dumps(event))\n    return event\n';
/** Returns a version marker, for code updates. */
export const PYTHON_VERSION = 'def handler(event, context):\n    return {"version": 2}\n';

/** A zip of one handler file; each call's archive differs (as zips stamped with the build time do). */
export const pythonZip = (code: string, file = 'handler.py'): Buffer =>
  makeZip([{ name: file, content: code }, { name: '.build-id', content: randomBytes(8).toString('hex') }]);

export class CaseContext {
  /** Every `match(key, value)` of the case, in order. */
  readonly recorded: Record<string, unknown> = {};
  private readonly created: string[] = [];
  private readonly cleanups: (() => Promise<void>)[] = [];
  readonly region = 'us-east-1';
  readonly role: string;

  constructor(readonly client: Boto3Client, readonly account: string) {
    this.role = `arn:aws:iam::${account}:role/lambda-parity-role`;
  }

  match(key: string, value: unknown): void {
    this.recorded[key] = value;
  }

  /** A fresh name with `prefix`. */
  name(prefix = 'fn'): string {
    return `${prefix}-${randomBytes(4).toString('hex')}`;
  }

  /** Turns off boto3's client-side parameter validation for the following calls. */
  validate = true;

  /** The call's result: the parsed response or the parsed error response. */
  async call(op: string, params: Record<string, unknown> = {}, region?: string): Promise<Record<string, any>> {
    const r = await this.client.call(op, params, region, this.validate);
    if (r.exception) throw new Error(`${op}: ${r.exception}`);
    return (r.ok ?? r.error) as Record<string, any>;
  }

  /** A call that must succeed. */
  async ok(op: string, params: Record<string, unknown> = {}, region?: string): Promise<Record<string, any>> {
    const r = await this.client.call(op, params, region, this.validate);
    if (!r.ok) throw new Error(`${op} failed: ${r.exception ?? JSON.stringify(r.error?.Error)}`);
    return r.ok;
  }

  /** A call that must fail with an AWS error response. */
  async fail(op: string, params: Record<string, unknown> = {}, region?: string): Promise<Record<string, any>> {
    const r = await this.client.call(op, params, region, this.validate);
    if (!r.error) throw new Error(`${op} should have failed: ${r.exception ?? 'it succeeded'}`);
    return r.error;
  }

  /** CreateFunction the way the recording fixture does, answered as `{CreateFunctionResponse, ...}`. */
  async createFunction(name: string, extra: Record<string, unknown> = {}, code = pythonZip(PYTHON_ECHO)): Promise<Record<string, unknown>> {
    const response = await this.ok('create_function', {
      FunctionName: name,
      Runtime: 'python3.12',
      Handler: 'handler.handler',
      Role: this.role,
      Code: { ZipFile: bytes(code) },
      Timeout: 30,
      Environment: { Variables: {} },
      Tags: {},
      ...extra,
    });
    this.created.push(name);
    await this.waitActive(name);
    return { CreateFunctionResponse: response, CreateEventSourceMappingResponse: null };
  }

  /** CreateFunction with exactly `params` (the recordings' other fixture); the plain response. */
  async createRaw(params: Record<string, unknown>): Promise<Record<string, any>> {
    const response = await this.ok('create_function', { Handler: 'index.handler', PackageType: 'Zip', Role: this.role, Runtime: 'python3.12', Code: { ZipFile: bytes(pythonZip(PYTHON_ECHO)) }, ...params });
    this.created.push(String(params.FunctionName));
    await this.waitActive(String(params.FunctionName));
    return response;
  }

  /** Polls GetFunctionConfiguration until State is Active and the last update finished (boto3's waiters do the same). */
  async waitActive(name: string, qualifier?: string): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const c = await this.call('get_function_configuration', { FunctionName: name, ...(qualifier ? { Qualifier: qualifier } : {}) });
      if (c.State === 'Active' && c.LastUpdateStatus !== 'InProgress') return;
      if (c.Error || c.State === 'Failed') throw new Error(`${name} did not become active: ${JSON.stringify(c.Error ?? c.StateReason)}`);
      await new Promise((r) => setImmediate(r));
    }
    throw new Error(`${name} did not become active`);
  }

  /** Runs `fn` when the case ends (before its functions are deleted). */
  onCleanup(fn: () => Promise<void>): void {
    this.cleanups.push(fn);
  }

  async cleanup(): Promise<void> {
    for (const fn of this.cleanups.reverse()) await fn().catch(() => undefined);
    for (const name of this.created) await this.client.call('delete_function', { FunctionName: name });
  }
}
