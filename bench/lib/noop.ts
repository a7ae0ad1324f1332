// The no-op handler every engine, floor and peer runs in the comparison benchmarks, and its configs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FunctionConfig } from '../../src/core/functionConfig';

export const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';

/** A temporary folder with `index.js` (exports.handler) and `app.py` (handler) that return {ok: true}. */
export function noopDir(prefix = 'bench-noop-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => ({ ok: true });\n');
  fs.writeFileSync(path.join(dir, 'app.py'), 'def handler(event, context):\n    return {"ok": True}\n');
  return dir;
}

/** A $LATEST config of `name` running `handler` from `codeDir`. */
export function noopConfig(name: string, runtime: string, handler: string, codeDir: string): FunctionConfig {
  return {
    functionName: name, version: '$LATEST', handler, runtime, codeDir, memorySize: 512, timeout: 10, ephemeralStorage: 512,
    environment: {}, layers: [], logging: { logFormat: 'Text', logGroup: `/aws/lambda/${name}` }, description: '',
    architectures: ['x86_64'], role: undefined, codeSha256: name,
  };
}
