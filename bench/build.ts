// The build step on a Node.js app with 30 small dependencies (with a lockfile): a first build (empty
// state directory: copy + `npm ci --omit=dev`) and a cached rebuild (a new engine finding the inputs'
// hash unchanged), each beside `npm ci --omit=dev` run directly on a copy of the app in the same loop.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../src/core/emulator';
import { runStandalone, size } from './lib/benchModule';
import { figure } from './lib/stats';
import type { Row } from './lib/table';

const RUNS = size('BENCH_BUILD_RUNS', 3, 1);

// Small, real, mostly dependency-free packages (the kind a Lambda function pulls in).
const DEPENDENCIES: Record<string, string> = {
  ms: '2.1.3', 'is-number': '7.0.0', 'escape-html': '1.0.3', depd: '2.0.0', bytes: '3.1.2', inherits: '2.0.4', 'safe-buffer': '5.2.1',
  'ee-first': '1.1.1', vary: '1.1.2', mime: '1.6.0', cookie: '0.6.0', statuses: '2.0.1', toidentifier: '1.0.1', setprototypeof: '1.2.0',
  'content-type': '1.0.5', fresh: '0.5.2', 'range-parser': '1.2.1', etag: '1.8.1', encodeurl: '1.0.2', 'merge-descriptors': '1.0.1',
  methods: '1.1.2', 'utils-merge': '1.0.1', parseurl: '1.3.3', destroy: '1.2.0', unpipe: '1.0.0', 'media-typer': '0.3.0',
  'array-flatten': '1.1.1', camelcase: '6.3.0', 'kind-of': '6.0.3', 'is-plain-obj': '2.1.0',
};

function app(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-build-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'package.json'), JSON.stringify({ name: 'bench-app', version: '1.0.0', private: true, dependencies: DEPENDENCIES }, null, 2));
  fs.writeFileSync(path.join(dir, 'src', 'app.js'), `exports.handler = async () => ({ n: ${Object.keys(DEPENDENCIES).map((d) => `typeof require('${d}')`).join(' + ')} });\n`);
  execFileSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund'], { cwd: path.join(dir, 'src'), stdio: 'ignore' });
  fs.writeFileSync(path.join(dir, 'template.yaml'), `Transform: AWS::Serverless-2016-10-31
Resources:
  App:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: app
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: app.handler
`);
  return dir;
}

async function timedBuild(dir: string, stateDir: string, expect: 'built' | 'cached'): Promise<number> {
  const engine = new Emulator({ workspaceDir: dir, stateDir, api: false });
  try {
    const t = performance.now();
    await engine.loadTemplate({ templatePath: path.join(dir, 'template.yaml') });
    const results = await engine.ensureBuilt(engine.registry.get('app')!.latest);
    const ms = performance.now() - t;
    if (results[0]?.status !== expect) throw new Error(`expected a ${expect} build, got ${results[0]?.status}`);
    return ms;
  } finally {
    await engine.dispose();
  }
}

function npmCiMs(dir: string): number {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-npm-'));
  fs.cpSync(path.join(dir, 'src'), copy, { recursive: true });
  const t = performance.now();
  execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--no-update-notifier'], { cwd: copy, stdio: 'ignore' });
  const ms = performance.now() - t;
  fs.rmSync(copy, { recursive: true, force: true });
  return ms;
}

/** The bench runner's entry (bench/README.md). */
export async function rows(): Promise<Row[]> {
  const dir = app();
  const first: number[] = [];
  const cached: number[] = [];
  const npm: number[] = [];
  try {
    // One untimed npm ci so every timed run sees the same (warm) npm cache.
    npmCiMs(dir);
    for (let run = 0; run < RUNS; run++) {
      const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-build-state-'));
      try {
        first.push(await timedBuild(dir, stateDir, 'built'));
        cached.push(await timedBuild(dir, stateDir, 'cached'));
      } finally {
        fs.rmSync(stateDir, { recursive: true, force: true });
      }
      npm.push(npmCiMs(dir));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const baselineName = 'npm ci --omit=dev on a copy (same loop)';
  return [
    { name: 'build of a Node app with 30 dependencies: first build (load + copy + npm ci)', unit: 'ms', ours: figure(first), baselineName, baseline: figure(npm) },
    { name: 'build of a Node app with 30 dependencies: cached rebuild (load + input hash)', unit: 'ms', ours: figure(cached), baselineName, baseline: figure(npm) },
  ];
}

runStandalone(module, rows);
