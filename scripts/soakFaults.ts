// The fault soak's functions: Node.js and Python handlers that succeed or fail in every way Lambda knows
// (throw, exit, out-of-memory, endless loop, fork-and-exit, oversized response) and a custom runtime that
// never asks for its first event, each with the outcome Lambda gives it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FunctionConfig } from '../src/core/functionConfig';

export type Fault = 'ok' | 'throw' | 'exit' | 'oom' | 'loop' | 'fork' | 'big' | 'nonext';
export type Runtime = 'node' | 'python';

/** How often each fault is drawn (relative weights). */
export const FAULT_WEIGHTS: Readonly<Record<Fault, number>> = { ok: 55, throw: 12, exit: 7, fork: 5, big: 6, oom: 5, loop: 4.5, nonext: 0.5 };

const NODE_HANDLERS = `// Soak handlers: one export per fault.
let n = 0;
exports.ok = async (event) => ({ ok: true, n: ++n, id: event.id });
exports.throw = async () => { throw new Error('soak boom'); };
exports.exit = async () => process.exit(3);
exports.oom = async () => { const keep = []; for (;;) keep.push(Buffer.alloc(8 << 20, 1)); };
exports.loop = async () => { for (;;) { /* until the timeout */ } };
exports.fork = async () => { require('child_process').spawn('sleep', ['60'], { stdio: 'ignore' }); process.exit(1); };
exports.big = async () => 'x'.repeat(7 << 20);
`;

const PYTHON_HANDLERS = `# Soak handlers: one function per fault.
import os, subprocess, sys
n = 0
def ok(event, context):
    global n
    n += 1
    return {"ok": True, "n": n, "id": event.get("id")}
def throw(event, context):
    raise ValueError("soak boom")
def exit(event, context):
    sys.exit(3)
def oom(event, context):
    keep = []
    while True:
        keep.append(b"\\x01" * (8 << 20))
def loop(event, context):
    while True:
        pass
def fork(event, context):
    subprocess.Popen(["sleep", "60"])
    os._exit(1)
def big(event, context):
    return "x" * (7 << 20)
`;

// A custom runtime that starts and then never calls /next: init times out (10 s, then the function timeout).
const NEVER_NEXT = '#!/bin/sh\n# Never asks for an event.\nexec sleep 600\n';

/** Writes the handlers into `dir` (node/, python/, nonext/). */
export function writeSoakCode(dir: string): void {
  for (const d of ['node', 'python', 'nonext']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  fs.writeFileSync(path.join(dir, 'node', 'soak.js'), NODE_HANDLERS);
  fs.writeFileSync(path.join(dir, 'python', 'soak.py'), PYTHON_HANDLERS);
  fs.writeFileSync(path.join(dir, 'nonext', 'bootstrap'), NEVER_NEXT, { mode: 0o755 });
}

/** The function that injects `fault` in `runtime` (`nonext` is a custom runtime). */
export function functionName(fault: Fault, runtime: Runtime): string {
  return fault === 'nonext' ? 'soak-provided-nonext' : `soak-${runtime}-${fault}`;
}

/** Configs of every soak function, with the memory and timeout each fault needs. */
export function soakConfigs(dir: string): FunctionConfig[] {
  const out: FunctionConfig[] = [];
  const base = (name: string, runtime: string, handler: string, codeDir: string, memorySize: number, timeout: number): FunctionConfig => ({
    functionName: name, version: '$LATEST', handler, runtime, codeDir, memorySize, timeout, ephemeralStorage: 512, environment: {}, layers: [],
    logging: { logFormat: 'Text', logGroup: `/aws/lambda/${name}` }, description: '', architectures: ['x86_64'], role: undefined, codeSha256: name,
  });
  for (const fault of Object.keys(FAULT_WEIGHTS) as Fault[]) {
    if (fault === 'nonext') continue;
    const memory = fault === 'oom' ? 128 : 256;
    const timeout = fault === 'loop' ? 1 : 10;
    out.push(base(functionName(fault, 'node'), 'nodejs20.x', `soak.${fault}`, path.join(dir, 'node'), memory, timeout));
    out.push(base(functionName(fault, 'python'), 'python3.11', `soak.${fault}`, path.join(dir, 'python'), memory, timeout));
  }
  out.push(base(functionName('nonext', 'node'), 'provided.al2023', 'unused', path.join(dir, 'nonext'), 128, 1));
  return out;
}

/** The Invoke response as the soak saw it. */
export interface Seen {
  readonly status: number;
  readonly functionError: string | undefined;
  readonly body: string;
}

/** Why `seen` is not the outcome Lambda gives `fault`, or undefined when it is. */
export function checkOutcome(fault: Fault, runtime: Runtime, id: number, seen: Seen): string | undefined {
  if (seen.status !== 200) return `status ${seen.status}: ${seen.body.slice(0, 200)}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(seen.body) as Record<string, unknown>;
  } catch {
    return `not JSON: ${seen.body.slice(0, 200)}`;
  }
  if (fault === 'ok') {
    if (seen.functionError) return `unexpected function error ${seen.body.slice(0, 200)}`;
    return body.ok === true && body.id === id ? undefined : `wrong result ${seen.body.slice(0, 200)}`;
  }
  if (seen.functionError !== 'Unhandled') return `no X-Amz-Function-Error for ${fault}: ${seen.body.slice(0, 200)}`;
  const expected: Record<Exclude<Fault, 'ok'>, string> = {
    throw: runtime === 'node' ? 'Error' : 'ValueError',
    exit: 'Runtime.ExitError',
    fork: 'Runtime.ExitError',
    oom: 'Runtime.OutOfMemory',
    loop: 'Sandbox.Timedout',
    nonext: 'Sandbox.Timedout',
    big: 'Function.ResponseSizeTooLarge',
  };
  if (body.errorType !== expected[fault]) return `errorType ${String(body.errorType)}, expected ${expected[fault]}: ${seen.body.slice(0, 200)}`;
  if (typeof body.errorMessage !== 'string') return `no errorMessage: ${seen.body.slice(0, 200)}`;
  if (fault === 'throw' && body.errorMessage !== 'soak boom') return `errorMessage ${body.errorMessage}`;
  return undefined;
}
