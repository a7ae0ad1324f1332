// The invocation archive keeps each invocation's event and response by request id, on disk across
// restarts, and removes the oldest days past its size cap.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InvocationArchive, type ArchivedInvocation } from '../../../src/core/logs/invocationArchive';

function invocation(requestId: string, day: string, payload = '{}'): ArchivedInvocation {
  return {
    requestId, functionName: 'fn', invokedArn: 'arn', invocationType: 'RequestResponse', executedVersion: '$LATEST', logGroup: '/aws/lambda/fn',
    logStreamName: 's', startedAt: Date.parse(`${day}T12:00:00Z`), durationMs: 1, billedDurationMs: 1, maxMemoryUsedMb: 40, coldStart: false, payload, response: 'null',
  };
}

describe('invocation archive', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-archive-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds invocations by request id, also from a new instance after a restart', async () => {
    const a = new InvocationArchive(dir);
    for (let i = 0; i < 50; i++) a.add(invocation(`id-${i}`, '2026-11-20', `{"i":${i}}`));
    assert.equal((await a.get('id-3'))?.payload, '{"i":3}');
    await a.close();
    const b = new InvocationArchive(dir);
    assert.equal((await b.get('id-49'))?.payload, '{"i":49}');
    b.add(invocation('later', '2026-11-20'));
    await b.close();
    const c = new InvocationArchive(dir);
    assert.equal((await c.get('later'))?.requestId, 'later');
    assert.equal(await c.get('missing'), undefined);
    await c.close();
  });

  it('removes the oldest day files past the size cap', async () => {
    const big = 'x'.repeat(4000);
    const a = new InvocationArchive(dir, { maxBytes: 10_000 });
    a.add(invocation('old', '2026-11-01', big));
    await a.flush();
    a.add(invocation('mid', '2026-11-02', big));
    await a.flush();
    a.add(invocation('new', '2026-11-03', big));
    await a.close();
    assert.deepEqual(fs.readdirSync(dir).sort(), ['2026-11-02.jsonl', '2026-11-03.jsonl']);
  });
});
