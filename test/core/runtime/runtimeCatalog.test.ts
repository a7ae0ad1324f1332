// Local interpreters: a runtime whose version differs from the local one runs with a single warning;
// a missing interpreter fails the invocation with a message that says what to install.
import * as assert from 'node:assert/strict';
import { fixture, functionConfig, invokeJson, startTestEngine } from '../../support/engine';

describe('runtime catalog', () => {
  it('warns once when the local Node.js major differs from the runtime and downloads are off', async () => {
    const engine = await startTestEngine({ interpreters: { nodeDownload: false, cacheDir: '/nonexistent/lwb-cache' } });
    const warnings: string[] = [];
    engine.on('warning', (m) => warnings.push(m));
    try {
      const other = process.versions.node.startsWith('22.') ? 'nodejs20.x' : 'nodejs22.x';
      engine.defineFunction(functionConfig('other', fixture('node-handlers'), { handler: 'handlers.returnsUndefined', runtime: other }));
      engine.defineFunction(functionConfig('same', fixture('node-handlers'), { handler: 'handlers.returnsUndefined', runtime: `nodejs${process.versions.node.split('.')[0]}.x` }));
      await invokeJson(engine, 'other');
      engine.forceColdStart('other');
      await invokeJson(engine, 'other');
      await invokeJson(engine, 'same');
      assert.deepEqual(warnings, [`${other} functions run on the local Node.js ${process.versions.node} (downloads are turned off); behaviour specific to Node.js ${other.slice(6, 8)} may differ.`]);
    } finally {
      await engine.dispose();
    }
  });

  it('fails with a clear message naming what to install when the interpreter is missing', async () => {
    const engine = await startTestEngine({ interpreters: { python: '/nonexistent/python3.12' } });
    try {
      engine.defineFunction(functionConfig('py', fixture('node-handlers'), { runtime: 'python3.12', handler: 'app.handler' }));
      const { body, response, logs } = await invokeJson(engine, 'py');
      assert.equal(response.functionError, 'Unhandled');
      assert.equal(body.errorType, 'Runtime.InvalidEntrypoint');
      assert.match(body.errorMessage, /Python is needed to run python3\.12 functions .*Install Python 3\.12/);
      assert.match(logs, /the runtime could not be started: Python is needed/);
    } finally {
      await engine.dispose();
    }
  });

  it('refuses runtimes that cannot run locally', async () => {
    const engine = await startTestEngine();
    try {
      engine.defineFunction(functionConfig('dotnet', fixture('node-handlers'), { runtime: 'dotnet8', handler: 'x::y' }));
      const { body } = await invokeJson(engine, 'dotnet');
      assert.match(body.errorMessage, /The runtime dotnet8 cannot run locally/);
    } finally {
      await engine.dispose();
    }
  });
});
