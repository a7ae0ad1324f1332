// Crash safety, short form (CRASH_CYCLES, default 12; CRASH_SEED): `serve` is SIGKILLed at random moments
// while clients publish, move an alias, queue events and write logs; scripts/crash.ts has the long form.
import * as assert from 'node:assert/strict';
import { runCrashSafety } from '../../../scripts/crash';

describe('crash safety (short form)', () => {
  it('loads its state after every SIGKILL, loses no acknowledged version, alias update or accepted event, serves no torn log line', async function () {
    this.timeout(180_000);
    const seed = Number(process.env.CRASH_SEED ?? 7);
    const report = await runCrashSafety({ cycles: Number(process.env.CRASH_CYCLES ?? 12), seed });
    assert.deepEqual(report.problems, [], `seed ${seed}`);
    assert.ok(report.published > 0 && report.accepted > 0 && report.aliasUpdates > 0, `the workload did too little: ${JSON.stringify(report)}`);
  });
});
