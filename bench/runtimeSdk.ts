// What the runtime-provided AWS SDK adds per invocation: a warm invoke of a function that imports
// @aws-sdk/client-dynamodb from the engine's copy (CommonJS via NODE_PATH, ES module via the resolve hook)
// beside the same function without the import; and a cold start resolving the SDK from the engine's copy
// beside the same function whose own node_modules holds the same SDK (the import cost itself is equal).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../src/core/emulator';
import { runStandalone, size } from './lib/benchModule';
import { BenchClient, timeSequential } from './lib/httpClient';
import { figure, median } from './lib/stats';
import type { Row } from './lib/table';

const RUNS = size('BENCH_RUNS', 5, 3);
const N = size('BENCH_WARM_N', 1000, 300);
const COLD = size('BENCH_COLD_N', 8, 4);

const fn = (name: string, dir: string, handler: string): string =>
  `  ${name.replace(/-/g, '')}:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: ${name}\n      Runtime: nodejs20.x\n      CodeUri: ${dir}/\n      Handler: ${handler}\n      MemorySize: 512\n      Timeout: 30\n`;

/** The bench runner's entry (bench/README.md). */
export async function rows(): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sdk-'));
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  const uses = "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');\nexports.handler = async () => ({ ok: typeof DynamoDBClient });\n";
  write('plain/index.js', "exports.handler = async () => ({ ok: 'function' });\n");
  write('sdk/index.js', uses);
  write('own/index.js', uses);
  write('esm/package.json', '{"type":"module"}');
  write('esm/index.js', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const handler = async () => ({ ok: typeof DynamoDBClient });\n");
  write('ownesm/package.json', '{"type":"module"}');
  write('ownesm/index.js', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const handler = async () => ({ ok: typeof DynamoDBClient });\n");
  write('plainesm/package.json', '{"type":"module"}');
  write('plainesm/index.js', "export const handler = async () => ({ ok: 'function' });\n");
  write('template.yaml', `Transform: AWS::Serverless-2016-10-31\nResources:\n${fn('plain', 'plain', 'index.handler')}${fn('sdk', 'sdk', 'index.handler')}${fn('own', 'own', 'index.handler')}${fn('esm', 'esm', 'index.handler')}${fn('plain-esm', 'plainesm', 'index.handler')}${fn('own-esm', 'ownesm', 'index.handler')}`);
  const engine = new Emulator({ workspaceDir: dir, api: { port: 0 } });
  try {
    await engine.loadTemplate({ templatePath: path.join(dir, 'template.yaml') });
    const client = new BenchClient((await engine.listen()) as string);
    const call = (name: string) => client.post(`/2015-03-31/functions/${name}/invocations`, Buffer.from('{}'));
    await call('sdk'); // installs into the cache the first time on this machine
    // The baseline function brings the very same SDK in its own node_modules (a link to the engine's copy).
    const copy = path.join(engine.runtimeSdk.cacheRoot, 'runtime-sdk', 'nodejs', '3.1000.0', 'node_modules');
    fs.symlinkSync(copy, path.join(dir, 'own', 'node_modules'));
    fs.symlinkSync(copy, path.join(dir, 'ownesm', 'node_modules'));
    for (const name of ['plain', 'sdk', 'own', 'esm', 'plain-esm', 'own-esm']) await timeSequential(100, () => call(name));
    const warm: Record<string, number[]> = { plain: [], sdk: [], esm: [], 'plain-esm': [] };
    for (let run = 0; run < RUNS; run++) {
      for (const name of Object.keys(warm)) warm[name]!.push(median(await timeSequential(N, () => call(name))));
    }
    const cold: Record<string, number[]> = { sdk: [], own: [], esm: [], 'own-esm': [] };
    for (let run = 0; run < RUNS; run++) {
      for (const name of Object.keys(cold)) {
        const samples: number[] = [];
        for (let i = 0; i < COLD; i++) {
          engine.forceColdStart(name);
          samples.push(...(await timeSequential(1, () => call(name))));
        }
        cold[name]!.push(median(samples));
      }
    }
    client.close();
    return [
      { name: 'warm invoke, CommonJS function importing @aws-sdk/client-dynamodb from the engine copy', unit: 'ms', ours: figure(warm.sdk!), baselineName: 'same function without the import', baseline: figure(warm.plain!), target: '<= 1.1x' },
      { name: 'warm invoke, ES module importing @aws-sdk/client-dynamodb (resolve hook)', unit: 'ms', ours: figure(warm.esm!), baselineName: 'same ES module without the import', baseline: figure(warm['plain-esm']!), target: '<= 1.1x' },
      { name: 'cold start, SDK resolved from the engine copy (scan + NODE_PATH)', unit: 'ms', ours: figure(cold.sdk!), baselineName: 'same SDK in the function’s own node_modules', baseline: figure(cold.own!), target: '<= 1.1x' },
      { name: 'cold start, ES module SDK import through the resolve hook', unit: 'ms', ours: figure(cold.esm!), baselineName: 'same ES module, SDK in its own node_modules', baseline: figure(cold['own-esm']!), target: '<= 1.1x' },
    ];
  } finally {
    await engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runStandalone(module, rows);
