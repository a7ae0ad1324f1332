// Parity score against AWS recordings (LocalStack's snapshot files, vendored under aws-snapshots/):
// re-enacts each ported case against our endpoint with boto3, compares after placeholder matching,
// writes per-file results and fails when a file scores below its recorded baseline.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Emulator } from '../../../src/core/emulator';
import { startTestEngine } from '../../support/engine';
import { Boto3Client } from './boto3Client';
import { parityFiles } from './parityFiles';
import { CaseContext } from './parityCase';
import { Bindings, matchValue } from './snapshotMatch';

interface CaseResult {
  readonly status: 'passed' | 'failed' | 'skipped' | 'not-ported';
  readonly reason?: string;
  readonly differences?: readonly string[];
}

const dir = path.join(__dirname, 'aws-snapshots');
const baseline = JSON.parse(fs.readFileSync(path.join(__dirname, 'parity-baseline.json'), 'utf8')) as Record<string, { passed: number }>;
const outFile = process.env.LWB_PARITY_OUT ?? path.join(os.tmpdir(), 'lwb-parity-results.json');
const account = '123456789012';
// Development aid: LWB_PARITY_ONLY=<regex> re-enacts only the matching cases (no baseline check, no results file).
const only = process.env.LWB_PARITY_ONLY ? new RegExp(process.env.LWB_PARITY_ONLY) : undefined;

describe('parity with recorded AWS responses', function () {
  this.timeout(240_000);
  let engine: Emulator;
  let client: Boto3Client;
  const summary: Record<string, unknown> = {};

  before(async () => {
    // Handlers get credentials as on AWS (the execution role's); the engine hands none unless asked.
    engine = await startTestEngine({ api: { port: 0 }, credentials: { accessKeyId: 'ASIAPARITYROLE', secretAccessKey: 'parity-role-secret', sessionToken: 'parity-session-token' } });
    client = new Boto3Client((await engine.listen()) as string);
  });
  after(async () => {
    await client?.close();
    await engine?.dispose();
    if (!only) fs.writeFileSync(outFile, `${JSON.stringify(summary, null, 2)}\n`);
  });

  for (const file of parityFiles) {
    it(`${file.name}: scores at least its baseline`, async () => {
      const snapshot = JSON.parse(fs.readFileSync(path.join(dir, `${file.name}.snapshot.json`), 'utf8')) as Record<string, { 'recorded-content': Record<string, unknown> }>;
      const validated = JSON.parse(fs.readFileSync(path.join(dir, `${file.name}.validation.json`), 'utf8')) as Record<string, unknown>;
      const results: Record<string, CaseResult> = {};
      const prefix = `tests/aws/services/lambda_/${file.name}.py::`;
      for (const [fullId, recording] of Object.entries(snapshot)) {
        const id = fullId.slice(prefix.length);
        const c = file.cases.get(id);
        if (only && !only.test(id)) continue;
        if (!(fullId in validated)) results[id] = { status: 'skipped', reason: 'never validated against AWS (absent from the .validation.json file)' };
        else if (Object.keys(recording['recorded-content']).length === 0) results[id] = { status: 'skipped', reason: 'nothing recorded: the case only asserts in code' };
        else if (!c) results[id] = { status: 'not-ported', reason: file.notPorted(id) };
        else if (c.skip || !c.run) results[id] = { status: 'skipped', reason: c.skip ?? 'no runner' };
        else results[id] = await runCase(c.run, recording['recorded-content']);
      }
      const count = (s: CaseResult['status']): number => Object.values(results).filter((r) => r.status === s).length;
      const passed = count('passed');
      const applicable = passed + count('failed');
      summary[file.name] = { passed, applicable, failed: count('failed'), skipped: count('skipped'), notPorted: count('not-ported'), total: Object.keys(results).length, cases: results };
      const failures = Object.entries(results).filter(([, r]) => r.status === 'failed').map(([id, r]) => `${id}\n    ${r.differences?.slice(0, 6).join('\n    ')}`);
      if (process.env.LWB_PARITY_VERBOSE) console.log(`${file.name}: ${passed}/${applicable}\n${failures.join('\n')}`);
      if (only) return console.log(`${file.name}: ${passed}/${applicable}\n${failures.join('\n')}`);
      const floor = baseline[file.name]?.passed ?? 0;
      assert.ok(passed >= floor, `${file.name}: ${passed} cases pass, below the baseline of ${floor}. Differences:\n${failures.join('\n')}`);
    });
  }

  async function runCase(run: (ctx: CaseContext) => Promise<void>, recorded: Record<string, unknown>): Promise<CaseResult> {
    const ctx = new CaseContext(client, account);
    const differences: string[] = [];
    try {
      await run(ctx);
      if (process.env.LWB_PARITY_DUMP && JSON.stringify(ctx.recorded).length) fs.appendFileSync(process.env.LWB_PARITY_DUMP, `${JSON.stringify(ctx.recorded)}\n`);
      matchValue(recorded, ctx.recorded, new Bindings(account), '$', differences);
    } catch (e) {
      differences.push(`error: ${(e as Error).message}`);
    } finally {
      await ctx.cleanup();
    }
    return differences.length ? { status: 'failed', differences } : { status: 'passed' };
  }
});
