// Debugging a streaming handler (awslambda.streamifyResponse) through the bundled adapter: a breakpoint
// between two writes stops with the stream in scope, and the invocation result holds the whole body.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { invocationResult, launch, lineOf, scope, stopped, useAdapterSessions, variablesOf } from './support';

const source = `exports.handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  responseStream.write('one ');
  const between = event.parts.length; // @bp:between
  responseStream.write('two');
  responseStream.end();
});
`;

describe('debug adapter: streaming handler', function () {
  this.timeout(60_000);
  let ws: string;
  let dc: DebugClient;
  let file: string;
  useAdapterSessions(
    (w) => {
      ws = w;
      fs.mkdirSync(path.join(ws, 'streaming'));
      file = path.join(ws, 'streaming', 'index.js');
      fs.writeFileSync(file, source);
    },
    (c) => (dc = c),
  );

  it('stops between writes and completes with the streamed body', async () => {
    const stop = dc.waitForEvent('stopped');
    await launch(dc, { handler: 'index.handler', runtime: 'nodejs20.x', codeUri: path.join(ws, 'streaming'), event: { parts: [1, 2] } }, [{ path: file, breakpoints: [{ line: lineOf(file, 'between') }] }]);
    const { frames } = await stopped(dc, stop);
    const top = frames[0];
    assert.equal(top?.line, lineOf(file, 'between'));
    const local = await variablesOf(dc, (await scope(dc, top?.id ?? 0, 'Local')).variablesReference);
    assert.ok(local.has('responseStream'), 'the response stream is in scope');
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    const result = await invocationResult(dc, done);
    assert.equal(result.payload, 'one two');
    assert.equal(result.errorType, undefined);
  });
});
