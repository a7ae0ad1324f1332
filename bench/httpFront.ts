// HTTP front overhead: a request through an Api route (request -> API Gateway v1 event -> invoke ->
// response mapping) beside a direct Invoke over the Lambda API with the same generated event, both
// sent by the same keep-alive client.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../src/core/emulator';
import { generateEvent } from '../src/core/events/samples/sampleEvents';
import { runStandalone, size, type BenchResult } from './lib/benchModule';
import { BenchClient, timeSequential } from './lib/httpClient';
import { figure, median } from './lib/stats';
import type { Row } from './lib/table';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: hello
      CodeUri: src
      Handler: index.handler
      Runtime: nodejs20.x
      Events:
        Get:
          Type: Api
          Properties:
            Path: /hello/{name}
            Method: post
`;
const HANDLER = "exports.handler = async (e) => ({ statusCode: 200, body: 'hello ' + e.pathParameters.name });\n";

/** The bench runner's entry (bench/README.md). */
export async function rows(): Promise<BenchResult> {
  const runs = size('BENCH_RUNS', 5, 3);
  const n = size('BENCH_WARM_N', 1000, 300);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-front-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'index.js'), HANDLER);
  fs.writeFileSync(path.join(dir, 'template.yaml'), TEMPLATE);
  const engine = new Emulator({ workspaceDir: dir, api: { port: 0 }, idleTimeoutMs: 3_600_000 });
  let client: BenchClient | undefined;
  let frontClient: BenchClient | undefined;
  const front: number[] = [];
  const direct: number[] = [];
  try {
    const api = (await engine.listen()) as string;
    await engine.loadTemplate({ templatePath: path.join(dir, 'template.yaml'), dotEnvFile: false });
    client = new BenchClient(api);
    frontClient = new BenchClient(await engine.events.http.listen(0));
    const c = client;
    const f = frontClient;
    const event = Buffer.from(JSON.stringify(generateEvent('apigateway', 'aws-proxy', { method: 'POST', path: '/hello/world', resource: '/hello/{name}' }, engine.partition)));
    const viaFront = async (): Promise<void> => {
      const r = await f.post('/hello/world', Buffer.alloc(0));
      if (r.status !== 200) throw new Error(`The front answered ${r.status}: ${r.body.toString('utf8')}`);
    };
    const viaInvoke = async (): Promise<void> => {
      const r = await c.post('/2015-03-31/functions/hello/invocations', event);
      if (r.status !== 200) throw new Error(`Invoke answered ${r.status}`);
    };
    await timeSequential(200, viaFront);
    await timeSequential(200, viaInvoke);
    for (let run = 0; run < runs; run++) {
      front.push(median(await timeSequential(n, viaFront)));
      direct.push(median(await timeSequential(n, viaInvoke)));
    }
  } finally {
    client?.close();
    frontClient?.close();
    await engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const out: Row[] = [
    { name: 'HTTP front: request through an Api route (p50)', unit: 'ms', ours: figure(front), baselineName: 'Invoke over the Lambda API with the same event', baseline: figure(direct), target: '<= 1.3x' },
  ];
  return { rows: out, notes: [`${n} sequential keep-alive requests per run; the overhead is the difference of the two medians.`] };
}

runStandalone(module, rows);
