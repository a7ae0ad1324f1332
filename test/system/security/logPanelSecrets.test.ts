// The VS Code log panel's source masks secret environment values in events, live events and the
// archived payload/response it opens (the panel's webview only renders what the source hands it).
import * as assert from 'node:assert/strict';
import type { Emulator } from '../../../src/core/emulator';
import { liveSecretMasker, MASK } from '../../../src/core/security/secrets';
import { LocalLogSource } from '../../../src/vscode/logPanel/logSource';
import { fixture, functionConfig, startTestEngine } from '../../support/engine';

describe('log panel secret masking', () => {
  let engine: Emulator;
  let source: LocalLogSource;
  before(async () => {
    engine = await startTestEngine();
    source = new LocalLogSource(engine.logs, engine.invocations, liveSecretMasker(engine.registry));
  });
  after(async () => engine.dispose());

  it('masks stored and live events and archived invocations, and follows changed variables', async () => {
    const define = (secret: string): unknown => engine.defineFunction(functionConfig('echo', fixture('node-handlers'), { handler: 'handlers.echo', environment: { DB_PASSWORD: secret } }));
    define('pw-first-secret');
    const live: string[] = [];
    const stop = source.follow('/aws/lambda/echo', undefined, '', (events) => live.push(...events.map((e) => e.message)));
    const first = await engine.invoke({ functionName: 'echo', payload: Buffer.from('{"leak":"pw-first-secret"}') });
    await engine.logs.whenFlushed();
    const page = await source.query('/aws/lambda/echo', undefined, '', 100);
    const logged = page.events.map((e) => e.message).join('');
    assert.match(logged, new RegExp(`echo \\{"leak":"${MASK.replace(/\*/g, '\\*')}"\\}`));
    assert.ok(!logged.includes('pw-first-secret'));
    assert.ok(live.some((m) => m.includes(`"leak":"${MASK}"`)) && !live.join('').includes('pw-first-secret'), live.join(''));
    const archived = await source.invocation(first.requestId);
    assert.ok(archived && !archived.payload.includes('pw-first-secret') && !archived.response.includes('pw-first-secret'), JSON.stringify(archived));
    define('pw-second-secret');
    await engine.invoke({ functionName: 'echo', payload: Buffer.from('{"leak":"pw-second-secret"}') });
    await new Promise((r) => setImmediate(r));
    stop();
    assert.ok(!live.join('').includes('pw-second-secret'), 'the new value is masked once the function changed');
  });
});
