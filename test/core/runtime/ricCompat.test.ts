// AWS's official Node.js runtime interface client (aws-lambda-ric) runs unchanged against our
// Runtime API as a `provided` bootstrap: the protocol is the real one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../../../src/core/emulator';
import { fixture, functionConfig, invokeJson, startTestEngine } from '../../support/engine';

const ric = path.join(__dirname, '..', '..', '..', 'node_modules', 'aws-lambda-ric', 'dist', 'rapid-client.node');

describe('aws-lambda-ric as a provided bootstrap', () => {
  let engine: Emulator;

  before(async function () {
    if (!fs.existsSync(ric)) {
      throw new Error('aws-lambda-ric is not installed: it compiles a native part on `npm install` and needs `apt-get install -y g++ make cmake autoconf automake libtool` first (.ci/run does this).');
    }
    engine = await startTestEngine();
    engine.defineFunction(functionConfig('ric', fixture('ric'), { runtime: 'provided.al2023', handler: 'index.handler', timeout: 10 }));
    engine.defineFunction(functionConfig('ric-fails', fixture('ric'), { runtime: 'provided.al2023', handler: 'index.fails', timeout: 10 }));
  });
  after(async () => engine?.dispose());

  it('receives events with the Lambda context and posts results, warm across invocations', async () => {
    const first = await invokeJson(engine, 'ric', { hello: 'ric' });
    assert.equal(first.response.functionError, undefined, first.text);
    assert.equal(first.body.count, 1);
    assert.deepEqual(first.body.event, { hello: 'ric' });
    assert.equal(first.body.requestId, first.response.requestId);
    assert.equal(first.body.arn, 'arn:aws:lambda:us-east-1:123456789012:function:ric');
    assert.ok(first.body.remaining > 0 && first.body.remaining <= 10000);
    assert.match(first.logs, /\tINFO\tric handler \{"hello":"ric"\}/);
    const second = await invokeJson(engine, 'ric', {});
    assert.equal(second.body.count, 2);
  });

  it('reports handler errors through /error', async () => {
    const { body, response } = await invokeJson(engine, 'ric-fails');
    assert.equal(response.functionError, 'Unhandled');
    assert.equal(body.errorType, 'Error');
    assert.equal(body.errorMessage, 'ric failure');
  });
});
