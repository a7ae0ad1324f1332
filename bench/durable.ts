// Durable execution overhead: the engine's handling of one CheckpointDurableExecution (validation, state,
// journal fdatasync) and the per-step cost of a durable workflow seen from outside, beside a plain warm
// invoke of the same runtime in the same run. Real @aws/durable-execution-sdk-js inside the function.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../src/core/emulator';
import type { FunctionConfig } from '../src/core/functionConfig';
import { stepsSource } from '../test/core/durable/durableWorkflow';
import { runStandalone, size, type BenchResult } from './lib/benchModule';
import { figure, median } from './lib/stats';

const RUNS = size('BENCH_DURABLE_RUNS', 15, 4);
const STEPS = 40;

function config(name: string, codeDir: string, durable: boolean): FunctionConfig {
  return {
    functionName: name, version: '$LATEST', handler: 'index.handler', runtime: 'nodejs20.x', codeDir, memorySize: 128, timeout: 60, ephemeralStorage: 512,
    environment: {}, layers: [], logging: { logFormat: 'Text', logGroup: `/aws/lambda/${name}` }, description: '', architectures: ['x86_64'], role: undefined, codeSha256: name,
    ...(durable ? { durableConfig: { executionTimeout: 900, retentionPeriodInDays: 1 } } : {}),
  };
}

export async function rows(): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-durable-'));
  const engine = new Emulator({ workspaceDir: dir, api: { port: 0, host: '127.0.0.1' } });
  try {
    await engine.listen();
    const write = (name: string, text: string): string => {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, 'index.js'), text);
      return path.join(dir, name);
    };
    engine.defineFunction(config('plain', write('plain', 'exports.handler = async () => 1;\n'), false));
    engine.defineFunction(config('zero', write('zero', stepsSource(0)), true));
    engine.defineFunction(config('steps', write('steps', stepsSource(STEPS)), true));
    // Time inside the engine per checkpoint, the journal's fdatasync included (a timing wrapper only).
    const handling: number[] = [];
    const original = engine.durable.checkpoint.bind(engine.durable);
    engine.durable.checkpoint = async (...args) => {
      const t = performance.now();
      try {
        return await original(...args);
      } finally {
        handling.push(performance.now() - t);
      }
    };
    const timed = async (name: string): Promise<number> => {
      const t = performance.now();
      const r = await engine.invoke({ functionName: name, payload: Buffer.from('{}') });
      const ms = performance.now() - t;
      if (r.functionError) throw new Error(`${name} failed: ${r.payload.toString()}`);
      return ms;
    };
    for (const name of ['plain', 'zero', 'steps']) await timed(name); // warm each function
    handling.length = 0;
    const plain: number[] = [];
    const zero: number[] = [];
    const perStep: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      plain.push(await timed('plain'));
      const z = await timed('zero');
      zero.push(z);
      perStep.push(((await timed('steps')) - z) / STEPS);
    }
    const checkpoints = handling.length / RUNS;
    return {
      rows: [
        { name: 'durable checkpoint, engine handling incl. journal fdatasync (p50)', unit: 'ms', ours: figure(handling), baselineName: 'plain warm invoke (same run)', baseline: figure(plain) },
        { name: `durable step, end to end (SDK -> engine -> SDK), ${STEPS}-step workflow minus a 0-step one`, unit: 'ms', ours: figure(perStep), baselineName: 'plain warm invoke (same run)', baseline: figure(plain) },
        { name: 'durable execution of a 0-step workflow (start, 1 invocation, finish)', unit: 'ms', ours: figure(zero), baselineName: 'plain warm invoke (same run)', baseline: figure(plain) },
      ],
      notes: [`${RUNS} runs; ${checkpoints.toFixed(0)} checkpoints per ${STEPS}-step run + 0-step run; median engine handling ${median(handling).toFixed(3)} ms.`],
    };
  } finally {
    await engine.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runStandalone(module, rows);
