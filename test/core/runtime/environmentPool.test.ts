// Environments under load: scale-out for overlapping invocations, reserved and account concurrency
// (429 with the right Reason), idle reaping, and layers on NODE_PATH like Lambda's /opt.
import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/errors';
import { fixture, functionConfig, invokeJson, startTestEngine } from '../../support/engine';
import { waitFor } from '../../support/wait';

const dir = fixture('node-handlers');

describe('environment pool', () => {
  it('runs overlapping invocations in separate environments', async () => {
    const engine = await startTestEngine();
    try {
      engine.defineFunction(functionConfig('sleep', dir, { handler: 'handlers.sleep', timeout: 10 }));
      const results = await Promise.all([1, 2, 3].map(() => invokeJson(engine, 'sleep', { ms: 200 })));
      const envs = new Set(results.map((r) => r.response.outcome?.environmentId));
      assert.equal(envs.size, 3);
      assert.ok(results.every((r) => r.response.outcome?.coldStart));
      assert.equal(engine.pool.counts('sleep').warm, 3);
    } finally {
      await engine.dispose();
    }
  });

  it('throttles beyond the account limit with ConcurrentInvocationLimitExceeded', async () => {
    const engine = await startTestEngine({ accountConcurrency: 2 });
    try {
      engine.defineFunction(functionConfig('sleep', dir, { handler: 'handlers.sleep', timeout: 10 }));
      const settled = await Promise.allSettled([1, 2, 3].map(() => invokeJson(engine, 'sleep', { ms: 300 })));
      const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
      assert.equal(rejected.length, 1);
      const err = rejected[0]?.reason as ApiError;
      assert.equal(err.type, 'TooManyRequestsException');
      assert.equal(err.statusCode, 429);
      assert.deepEqual(err.extra, { Reason: 'ConcurrentInvocationLimitExceeded' });
    } finally {
      await engine.dispose();
    }
  });

  it('throttles every invocation of a function with reserved concurrency 0', async () => {
    const engine = await startTestEngine();
    try {
      engine.defineFunction(functionConfig('off', dir, { handler: 'handlers.echo' }), 0);
      await assert.rejects(invokeJson(engine, 'off'), (e: ApiError) => e.extra.Reason === 'ReservedFunctionConcurrentInvocationLimitExceeded');
    } finally {
      await engine.dispose();
    }
  });

  it('shuts idle environments down after the idle timeout', async () => {
    const engine = await startTestEngine({ idleTimeoutMs: 100 });
    try {
      engine.defineFunction(functionConfig('echo', dir, { handler: 'handlers.echo' }));
      await invokeJson(engine, 'echo');
      assert.equal(engine.pool.counts('echo').warm, 1);
      await waitFor(() => engine.pool.counts('echo').warm === 0, 5000, 'the idle environment to be reaped');
      assert.equal((await invokeJson(engine, 'echo')).response.outcome?.coldStart, true);
    } finally {
      await engine.dispose();
    }
  });

  it('puts layer node_modules on NODE_PATH', async () => {
    const engine = await startTestEngine();
    try {
      engine.defineFunction(functionConfig('layered', dir, { handler: 'handlers.useLayer', layers: [{ name: 'nodelib', contentDir: fixture('layers', 'nodelib') }] }));
      assert.equal((await invokeJson(engine, 'layered', { name: 'Ada' })).body, 'hello Ada from a layer');
    } finally {
      await engine.dispose();
    }
  });
});
