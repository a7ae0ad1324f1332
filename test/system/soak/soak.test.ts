// The fault soak's short form (600 invocations; SOAK_INVOCATIONS and SOAK_SEED change it): scripts/soak.ts
// runs as its own process with --expose-gc, and every fault must get Lambda's outcome with nothing left running.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SoakReport } from '../../../scripts/soak';
import { assertNoOrphans } from '../../support/processes';

const script = path.join(__dirname, '..', '..', '..', 'scripts', 'soak.ts');

describe('fault soak (short form)', () => {
  it('gives every faulty invocation its Lambda outcome, keeps the engine up and leaves nothing behind', async function () {
    this.timeout(240_000);
    const invocations = process.env.SOAK_INVOCATIONS ?? '600';
    const seed = process.env.SOAK_SEED ?? '20240601';
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'soak-test-')), 'report.json');
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, '--invocations', invocations, '--seed', seed, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    await assertNoOrphans(5000, child.pid);
    assert.ok(fs.existsSync(out), `the soak ended without a report (the engine crashed?):\n${output}`);
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as SoakReport;
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
    assert.equal(report.invocations, Number(invocations));
    assert.deepEqual(report.failures, [], `wrong outcomes (seed ${seed}):\n${report.failures.join('\n')}`);
    assert.deepEqual(report.leftovers, [], 'engine processes left behind');
    assert.equal(report.strayChildren, 0, 'forked children outlived their environment');
    for (const fault of ['node/throw', 'node/exit', 'node/oom', 'node/loop', 'node/fork', 'node/big', 'python/throw', 'python/exit', 'python/oom', 'python/loop', 'python/fork', 'python/big', 'provided/nonext']) {
      assert.ok((report.byFault[fault]?.count ?? 0) > 0, `seed ${seed} injected no ${fault}`);
    }
    assert.equal(code, 0, output);
  });
});
