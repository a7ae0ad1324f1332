// External extensions from a layer take part through the Extensions API (fidelity 1.3): they register
// during init, receive INVOKE for each event and SHUTDOWN when the environment ends.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Emulator } from '../../../src/core/emulator';
import { fixture, functionConfig, invokeJson, startTestEngine } from '../../support/engine';
import { waitFor } from '../../support/wait';

describe('Extensions API', () => {
  let engine: Emulator;
  const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-ext-')), 'shutdown');

  before(async () => {
    engine = await startTestEngine();
    engine.defineFunction(
      functionConfig('with-ext', fixture('node-handlers'), {
        handler: 'handlers.echo',
        layers: [{ name: 'recorder', contentDir: fixture('layers', 'recorder') }],
        environment: { EXT_MARKER: marker },
      }),
    );
  });
  after(async () => engine.dispose());

  it('registers extensions during init and sends them INVOKE events', async () => {
    const first = await invokeJson(engine, 'with-ext', { n: 1 });
    assert.equal(first.response.functionError, undefined, first.text);
    assert.match(first.logs, /EXT registered 200 \{"functionName":"with-ext","functionVersion":"\$LATEST","handler":"handlers.echo"\} underscore=true\n/);
    const second = await invokeJson(engine, 'with-ext', { n: 2 });
    assert.match(second.logs, new RegExp(`EXT INVOKE ${second.response.requestId} arn:aws:lambda:us-east-1:123456789012:function:with-ext\\n`));
    assert.ok(second.logs.indexOf('EXT INVOKE') < second.logs.indexOf('END RequestId'), 'the invocation ends after the extension is done');
  });

  it('sends SHUTDOWN with reason SPINDOWN when the environment is shut down', async () => {
    engine.forceColdStart('with-ext');
    await waitFor(() => fs.existsSync(marker), 5000, 'the extension to receive SHUTDOWN');
    assert.equal(fs.readFileSync(marker, 'utf8'), 'SPINDOWN');
  });
});
