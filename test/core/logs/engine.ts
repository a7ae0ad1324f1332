// Test support for the logs area: an engine with its API on 127.0.0.1 and small Node functions written
// into a temporary workspace, plus the environment the AWS CLI needs to talk to it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { Emulator } from '../../../src/core/emulator';
import type { FunctionConfig } from '../../../src/core/functionConfig';
import { functionConfig } from '../../support/engine';

export interface TestEngine {
  readonly engine: Emulator;
  readonly url: string;
  readonly dir: string;
  dispose(): Promise<void>;
}

/** Starts an engine in a fresh temporary workspace, API listening on a free loopback port. */
export async function startTestEngine(stateDir?: string): Promise<TestEngine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-logs-'));
  const engine = new Emulator({ workspaceDir: dir, ...(stateDir ? { stateDir } : {}), api: {} });
  const url = (await engine.listen()) as string;
  return {
    engine,
    url,
    dir,
    async dispose() {
      await engine.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes `index.js` with `source` and defines a nodejs20.x function running it. */
export function defineNodeFunction(t: TestEngine, name: string, source: string, extra: Partial<FunctionConfig> = {}): FunctionConfig {
  const codeDir = path.join(t.dir, name);
  fs.mkdirSync(codeDir, { recursive: true });
  fs.writeFileSync(path.join(codeDir, 'index.js'), source);
  const config = functionConfig(name, codeDir, { memorySize: 256, timeout: 10, codeSha256: 'test', ...extra });
  t.engine.defineFunction(config);
  return config;
}

/** Runs the real AWS CLI against the engine; resolves with parsed JSON stdout (or the raw text). */
export function aws(url: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string; json: unknown }> {
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
