// How Lambda reports failures (fidelity 2.2, 5.3, 10): load errors, crashes, timeouts, out-of-memory,
// oversized responses, and that every failed environment is reset with nothing left running.
import * as assert from 'node:assert/strict';
import type { Emulator } from '../../../src/core/emulator';
import { commandLine, findEngineProcesses } from '../../support/processes';
import { waitFor } from '../../support/wait';
import { fixture, functionConfig, invokeJson, startTestEngine } from '../../support/engine';

const dir = fixture('node-handlers');

describe('Node.js runtime: failures', () => {
  let engine: Emulator;
  const define = (name: string, handler: string, extra = {}) => engine.defineFunction(functionConfig(name, dir, { handler, ...extra }));

  before(async () => {
    engine = await startTestEngine();
  });
  after(async () => engine.dispose());

  it('reports a missing export as Runtime.HandlerNotFound', async () => {
    define('missing', 'handlers.nope');
    const { body, response, logs } = await invokeJson(engine, 'missing');
    assert.equal(response.functionError, 'Unhandled');
    assert.equal(body.errorType, 'Runtime.HandlerNotFound');
    assert.equal(body.errorMessage, 'handlers.nope is undefined or not exported');
    assert.match(logs, /\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Runtime.HandlerNotFound"/);
    define('notfn', 'handlers.notAFunction');
    assert.equal((await invokeJson(engine, 'notfn')).body.errorMessage, 'handlers.notAFunction is not a function');
  });

  it('reports a missing module as Runtime.ImportModuleError', async () => {
    define('nomodule', 'absent.handler');
    const { body } = await invokeJson(engine, 'nomodule');
    assert.equal(body.errorType, 'Runtime.ImportModuleError');
    assert.match(body.errorMessage, /^Error: Cannot find module 'absent'/);
  });

  it('reports a syntax error as Runtime.UserCodeSyntaxError', async () => {
    define('syntax', 'syntax/bad.handler');
    const { body } = await invokeJson(engine, 'syntax');
    assert.equal(body.errorType, 'Runtime.UserCodeSyntaxError');
    assert.match(body.errorMessage, /^SyntaxError: /);
  });

  it('rejects malformed handler names', async () => {
    define('dots', '../escape.handler');
    assert.equal((await invokeJson(engine, 'dots')).body.errorType, 'Runtime.MalformedHandlerName');
    define('nodot', 'handlers');
    assert.deepEqual(
      { type: (await invokeJson(engine, 'nodot')).body.errorType },
      { type: 'Runtime.MalformedHandlerName' },
    );
  });

  it('reports an exception in module code, with the init logs, and retries init on the next invoke', async () => {
    define('initthrow', 'initthrow/index.handler');
    const first = await invokeJson(engine, 'initthrow');
    assert.equal(first.body.errorType, 'Error');
    assert.equal(first.body.errorMessage, 'init exploded');
    assert.match(first.logs, /\tundefined\tINFO\tmodule scope runs\n/);
    assert.match(first.logs, /REPORT RequestId: .*\tStatus: error\tError Type: Error\t\n$/);
    const second = await invokeJson(engine, 'initthrow');
    assert.match(second.logs, /module scope runs/, 'a new environment runs init again');
  });

  it('prints "undefined" as the request id of init-phase logs', async () => {
    define('initlog', 'initlog/index.handler');
    assert.match((await invokeJson(engine, 'initlog')).logs, /Z\tundefined\tINFO\tlogged during init\n/);
  });

  it('posts uncaught exceptions during an invoke and resets the environment', async () => {
    define('uncaught', 'handlers.uncaught');
    const first = await invokeJson(engine, 'uncaught');
    assert.equal(first.body.errorMessage, 'uncaught in timer');
    assert.match(first.logs, /\tERROR\tUncaught Exception \t\{"errorType":"Error","errorMessage":"uncaught in timer"/);
    const second = await invokeJson(engine, 'uncaught');
    assert.notEqual(second.response.outcome?.logStreamName, first.response.outcome?.logStreamName);
  });

  it('reports unhandled rejections as Runtime.UnhandledPromiseRejection', async () => {
    define('rejection', 'handlers.unhandledRejection');
    const { body, logs } = await invokeJson(engine, 'rejection');
    assert.equal(body.errorType, 'Runtime.UnhandledPromiseRejection');
    assert.equal(body.errorMessage, 'Error: nobody catches me');
    assert.match(logs, /ERROR\tUnhandled Promise Rejection \t/);
  });

  it('reports process.exit as Runtime.ExitError', async () => {
    define('exit0', 'handlers.exit0');
    define('exit3', 'handlers.exit3');
    const zero = await invokeJson(engine, 'exit0');
    assert.deepEqual(zero.body, { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${zero.response.requestId} Error: Runtime exited without providing a reason` });
    const three = await invokeJson(engine, 'exit3');
    assert.deepEqual(three.body, { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${three.response.requestId} Error: Runtime exited with error: exit status 3` });
    assert.match(three.logs, /\tStatus: error\tError Type: Runtime.ExitError\t\n$/);
  });

  it('times out with Sandbox.Timedout and the exact log line, then starts cold', async () => {
    define('slow', 'handlers.busyLoop', { timeout: 1 });
    const first = await invokeJson(engine, 'slow');
    const id = first.response.requestId;
    assert.deepEqual(first.body, { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${id} Error: Task timed out after 1.00 seconds` });
    assert.match(first.logs, new RegExp(`Z\\t${id}\\tTask timed out after 1\\.\\d\\d seconds\\n`));
    assert.match(first.logs, /\tStatus: timeout\t\n$/);
    define('sleeper', 'handlers.sleep', { timeout: 1 });
    const ok = await invokeJson(engine, 'sleeper', { ms: 10 });
    assert.deepEqual(ok.body, { slept: 10 });
  });

  it('ends an environment that exceeds MemorySize with Runtime.OutOfMemory', async () => {
    define('hog', 'handlers.hog', { memorySize: 128, timeout: 20 });
    const { body, logs } = await invokeJson(engine, 'hog');
    assert.equal(body.errorType, 'Runtime.OutOfMemory');
    assert.match(logs, /Max Memory Used: 128 MB/);
    define('heaphog', 'handlers.heapHog', { memorySize: 128, timeout: 20 });
    assert.equal((await invokeJson(engine, 'heaphog')).body.errorType, 'Runtime.OutOfMemory');
  });

  it('fails responses over 6 MB with Function.ResponseSizeTooLarge', async () => {
    define('big', 'handlers.bigResponse');
    const { body, response } = await invokeJson(engine, 'big');
    assert.equal(response.functionError, 'Unhandled');
    assert.deepEqual(body, { errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).', errorType: 'Function.ResponseSizeTooLarge' });
  });

  it('keeps /tmp for warm invocations of one environment', async () => {
    define('tmp', 'handlers.tmpWrite');
    const first = await invokeJson(engine, 'tmp', { write: 'kept' });
    const second = await invokeJson(engine, 'tmp', {});
    assert.equal(second.body.content, 'kept');
    assert.equal(second.body.tmp, first.body.tmp);
  });

  it('resets an environment whose /tmp outgrew EphemeralStorage, with a log line saying why', async () => {
    define('filltmp', 'handlers.fillTmp', { ephemeralStorage: 1 });
    const notice = new Promise<string>((resolve) => {
      const off = engine.logs.onDidAppend((_g, _s, e) => {
        if (e.message.includes('more than EphemeralStorage')) {
          off();
          resolve(e.message);
        }
      });
    });
    const first = await invokeJson(engine, 'filltmp', { mb: 2 });
    assert.match(await notice, /\/tmp holds 2 MB, more than EphemeralStorage \(1 MB\)/);
    await waitFor(() => engine.pool.environments('filltmp').length === 0, 5000, 'the environment to be reset');
    const second = await invokeJson(engine, 'filltmp', { mb: 0 });
    assert.notEqual(second.body.tmp, first.body.tmp, 'a new environment with a fresh /tmp');
  });

  it('leaves no process behind when a handler forks a child and exits', async () => {
    define('fork', 'handlers.forkAndExit');
    const { body, logs } = await invokeJson(engine, 'fork');
    assert.equal(body.errorType, 'Runtime.ExitError');
    const sleeper = Number(/sleeper (\d+)/.exec(logs)?.[1]);
    assert.ok(sleeper > 0, `the handler logs its child's pid: ${logs}`);
    await waitFor(() => commandLine(sleeper)?.startsWith('sleep 60') !== true, 5000, 'the forked child to be killed with its environment');
    assert.deepEqual(findEngineProcesses().filter((pid) => commandLine(pid)?.startsWith('sleep 60')), []);
  });
});

describe('Node.js runtime: the init phase limit', () => {
  it('continues an init longer than 10 s inside the first invocation (suppressed init)', async function () {
    this.timeout(30_000);
    const engine = await startTestEngine();
    try {
      engine.defineFunction(functionConfig('slowinit', dir, { handler: 'slowinit/index.handler', timeout: 3, environment: { INIT_MS: '10300' } }));
      const { body, logs } = await invokeJson(engine, 'slowinit');
      assert.equal(body, 'initialised');
      assert.match(logs, /INIT_REPORT Init Duration: 10000\.00 ms\tPhase: init\tStatus: timeout\n/);
    } finally {
      await engine.dispose();
    }
  });
});
