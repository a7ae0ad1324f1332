// What an alias adds to a warm invocation over HTTP: `fn:live` with weighted routing (0.5 between two
// warm versions) and without routing, each beside invoking the version `fn:1` directly, alternating runs;
// and the resolution bookkeeping alone, in-process.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../src/core/emulator';
import { runStandalone, size } from './lib/benchModule';
import { BenchClient, timeSequential } from './lib/httpClient';
import { figure, median } from './lib/stats';
import type { Row } from './lib/table';

const RUNS = size('BENCH_RUNS', 5, 3);
const N = size('BENCH_WARM_N', 2000, 500);

const BATCH = 50;

/** p50 per qualifier of one run: small batches in rotating order, so drift hits all of them alike. */
async function p50s(client: BenchClient, qualifiers: readonly string[]): Promise<number[]> {
  const body = Buffer.from('{}');
  const samples = qualifiers.map(() => [] as number[]);
  for (let b = 0; b < N / BATCH; b++) {
    for (let k = 0; k < qualifiers.length; k++) {
      const i = (b + k) % qualifiers.length;
      const pathName = `/2015-03-31/functions/fn/invocations?Qualifier=${qualifiers[i] as string}`;
      samples[i]?.push(...(await timeSequential(BATCH, () => client.post(pathName, body))));
    }
  }
  return samples.map((s) => median(s));
}

/** The bench runner's entry (bench/README.md). */
export async function rows(): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-alias-'));
  fs.mkdirSync(path.join(dir, 'code'));
  fs.writeFileSync(path.join(dir, 'code', 'index.js'), 'exports.handler = async () => ({ ok: 1 });\n');
  fs.writeFileSync(path.join(dir, 'template.yaml'), 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: fn\n      Runtime: nodejs20.x\n      CodeUri: code/\n      Handler: index.handler\n');
  const engine = new Emulator({ workspaceDir: dir, api: { port: 0 }, functions: { keyFile: path.join(dir, 'key'), routingSeed: 1 } });
  try {
    const templatePath = path.join(dir, 'template.yaml');
    await engine.loadTemplate({ templatePath });
    await engine.functions.versions.publish('fn');
    fs.writeFileSync(path.join(dir, 'code', 'index.js'), 'exports.handler = async () => ({ ok: 2 });\n');
    await engine.loadTemplate({ templatePath });
    await engine.functions.versions.publish('fn');
    await engine.functions.aliases.create('fn', { Name: 'live', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } });
    await engine.functions.aliases.create('fn', { Name: 'plain', FunctionVersion: '1' });
    const client = new BenchClient((await engine.listen()) as string);
    // Warm both versions and the connection.
    for (const q of ['1', '2', 'live', 'plain']) await timeSequential(200, () => client.post(`/2015-03-31/functions/fn/invocations?Qualifier=${q}`, Buffer.from('{}')));
    const routed: number[] = [];
    const plain: number[] = [];
    const version: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const [v, r, p] = await p50s(client, ['1', 'live', 'plain']);
      version.push(v as number);
      routed.push(r as number);
      plain.push(p as number);
    }
    client.close();
    // The bookkeeping alone, in-process: resolving the alias (with its random draw) versus the version.
    const resolveUs = (qualifier: string): number => {
      const ref = { name: 'fn', qualifier };
      const n = 200_000;
      const t = performance.now();
      for (let i = 0; i < n; i++) engine.registry.resolve(ref, { route: true });
      return ((performance.now() - t) * 1000) / n;
    };
    const resolveRouted: number[] = [];
    const resolveVersion: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      resolveVersion.push(resolveUs('1'));
      resolveRouted.push(resolveUs('live'));
    }
    return [
      { name: 'resolving an alias with routing (in-process)', unit: 'us', ours: figure(resolveRouted), baselineName: 'resolving version 1', baseline: figure(resolveVersion) },
      { name: 'warm invoke through an alias with routing (0.5)', unit: 'ms', ours: figure(routed), baselineName: 'invoking version 1 directly', baseline: figure(version) },
      { name: 'warm invoke through an alias without routing', unit: 'ms', ours: figure(plain), baselineName: 'invoking version 1 directly', baseline: figure(version) },
    ];
  } finally {
    await engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runStandalone(module, rows);
