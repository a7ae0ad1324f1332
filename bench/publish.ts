// PublishVersion time over HTTP for a small function and a 50 MB code folder: the first publish (into an
// empty state), an unchanged republish and a republish after one file changed, each beside copying the
// code folder (fs.cpSync) measured in the same loop.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../src/core/emulator';
import { runStandalone, size } from './lib/benchModule';
import { BenchClient } from './lib/httpClient';
import { figure } from './lib/stats';
import type { Row } from './lib/table';

const RUNS = size('BENCH_PUBLISH_RUNS', 5, 2);
const BIG_FILES = 500;
const BIG_FILE_BYTES = 100 * 1024;

function workspace(big: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-publish-'));
  const code = path.join(dir, 'code');
  fs.mkdirSync(path.join(code, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(code, 'index.js'), 'exports.handler = async () => ({ ok: true });\n');
  if (big) for (let i = 0; i < BIG_FILES; i++) fs.writeFileSync(path.join(code, 'lib', `blob-${i}.bin`), crypto.randomBytes(BIG_FILE_BYTES));
  fs.writeFileSync(path.join(dir, 'template.yaml'), `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: fn
      Runtime: nodejs20.x
      CodeUri: code/
      Handler: index.handler
`);
  return dir;
}

/** Milliseconds of one PublishVersion call; checks it answered 201. */
async function publish(client: BenchClient): Promise<number> {
  const t = performance.now();
  const r = await client.post('/2015-03-31/functions/fn/versions', Buffer.from('{}'), { 'Content-Type': 'application/json' });
  const ms = performance.now() - t;
  if (r.status !== 201) throw new Error(`PublishVersion answered ${r.status}: ${r.body.toString()}`);
  return ms;
}

function copyMs(from: string): number {
  const to = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-copy-'));
  const t = performance.now();
  fs.cpSync(from, path.join(to, 'code'), { recursive: true });
  const ms = performance.now() - t;
  fs.rmSync(to, { recursive: true, force: true });
  return ms;
}

async function measure(big: boolean): Promise<Row[]> {
  const dir = workspace(big);
  const first: number[] = [];
  const unchanged: number[] = [];
  const oneFile: number[] = [];
  const copy: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      // A fresh state directory each run, so the first publish stores every file.
      const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-publish-state-'));
      const engine = new Emulator({ workspaceDir: dir, stateDir, api: { port: 0 }, functions: { keyFile: path.join(stateDir, 'key') } });
      try {
        await engine.loadTemplate({ templatePath: path.join(dir, 'template.yaml') });
        const client = new BenchClient((await engine.listen()) as string);
        first.push(await publish(client));
        unchanged.push(await publish(client));
        fs.writeFileSync(path.join(dir, 'code', 'index.js'), `exports.handler = async () => ({ ok: ${run} });\n`);
        await engine.loadTemplate({ templatePath: path.join(dir, 'template.yaml') });
        oneFile.push(await publish(client));
        client.close();
      } finally {
        await engine.dispose();
        fs.rmSync(stateDir, { recursive: true, force: true });
      }
      copy.push(copyMs(path.join(dir, 'code')));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const label = big ? `50 MB code folder (${BIG_FILES} files)` : 'small function (1 file)';
  const baselineName = `fs.cpSync of the ${big ? '50 MB' : 'small'} code folder`;
  const baseline = figure(copy);
  return [
    { name: `publish ${label}: first version`, unit: 'ms', ours: figure(first), baselineName, baseline, ...(big ? { target: '< 1000 ms' } : {}) },
    { name: `publish ${label}: unchanged republish`, unit: 'ms', ours: figure(unchanged), baselineName, baseline },
    { name: `publish ${label}: one file changed`, unit: 'ms', ours: figure(oneFile), baselineName, baseline },
  ];
}

/** The bench runner's entry (bench/README.md). */
export async function rows(): Promise<Row[]> {
  return [...(await measure(false)), ...(await measure(true))];
}

runStandalone(module, rows);
