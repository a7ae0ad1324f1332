// CDK apps: the time of the engine's `cdk synth` beside the app's own CLI run by hand (`npx cdk synth`
// with the same esbuild) in the same run, and the time from saving a NodejsFunction's TypeScript source
// to the next invoke running the change (synth on change + reload + cold start), beside the synth alone.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthesize, type SynthProgress } from '../src/core/build/cdk';
import { esbuildShimDir } from '../src/core/build/cdk/esbuildShim';
import { defaultCacheRoot } from '../src/core/cacheRoot';
import { Emulator } from '../src/core/emulator';
import { cdkAppOf } from '../src/core/project/cdk';
import { copyCdkApp } from '../test/support/cdkApp';
import { runStandalone, size } from './lib/benchModule';
import { figure } from './lib/stats';
import type { Row } from './lib/table';

const RUNS = size('BENCH_CDK_RUNS', 4, 2);

function byHand(app: string): number {
  const shim = esbuildShimDir(defaultCacheRoot());
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(app, 'node_modules', 'aws-cdk', 'bin', 'cdk'), 'synth', '--quiet', '--no-notices'], {
    cwd: app,
    env: { ...process.env, CI: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true', PATH: `${shim?.dir ?? ''}${path.delimiter}${process.env['PATH'] ?? ''}` },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`cdk synth by hand failed: ${r.stderr}`);
  return performance.now() - t0;
}

async function message(engine: Emulator): Promise<string> {
  const r = await engine.invoke({ functionName: 'ShopStack/Api', payload: Buffer.from('{"queryStringParameters":{"name":"b"}}') });
  return (JSON.parse((JSON.parse(r.payload.toString()) as { body: string }).body) as { message: string }).message;
}

/** The bench runner's entry (bench/README.md). */
export async function rows(): Promise<{ rows: Row[]; notes: string[] }> {
  const app = copyCdkApp();
  const cdk = (await cdkAppOf(app))!;
  const ours: number[] = [];
  const hand: number[] = [];
  const save: number[] = [];
  let engine: Emulator | undefined;
  try {
    for (let i = 0; i < RUNS; i++) {
      hand.push(byHand(app));
      ours.push((await synthesize(cdk)).durationMs);
    }
    engine = new Emulator({ workspaceDir: app, api: false });
    await engine.loadTemplate({ templatePath: path.join(app, 'cdk.out', 'manifest.json'), watch: true, dotEnvFile: false });
    await message(engine);
    const file = path.join(app, 'src', 'greeting.ts');
    const original = fs.readFileSync(file, 'utf8');
    for (let i = 1; i <= RUNS; i++) {
      const want = `hello${i}, b`;
      const t0 = performance.now();
      fs.writeFileSync(file, original.replace('`${greeting}, ${name}`', `\`\${greeting}${i}, \${name}\``));
      const e = engine;
      await new Promise<void>((resolve, reject) => {
        const on = (p: SynthProgress): void => {
          if (p.phase === 'failed') reject(new Error(p.message));
          if (p.phase === 'done') e.off('synth', on);
          if (p.phase === 'done') resolve();
        };
        e.on('synth', on);
      });
      // The reload follows the rewritten manifest: invoke until the change is there.
      for (let tries = 0; (await message(engine)) !== want; tries++) {
        if (tries > 200) throw new Error('the change never reached the function');
        await new Promise((r) => setTimeout(r, 10));
      }
      save.push(performance.now() - t0);
    }
  } finally {
    await engine?.dispose();
    fs.rmSync(app, { recursive: true, force: true });
  }
  return {
    rows: [
      { name: 'CDK synth of a 4-function app (engine)', unit: 'ms', ours: figure(ours), baselineName: '`cdk synth` by hand, same CLI and esbuild', baseline: figure(hand), target: '1.0x' },
      { name: 'CDK save to result (NodejsFunction .ts source)', unit: 'ms', ours: figure(save), baselineName: 'the synth alone', baseline: figure(ours) },
    ],
    notes: ['The save-to-result time is the synth (the app runs its CDK code and CDK bundles every function) plus the reload and a cold start; the synth is most of it.'],
  };
}

runStandalone(module, rows);
