// F5 on functions the build step builds (npm, pip): the launch builds first, and breakpoints set on the
// workspace files bind in the built copy (Node through the copies' source maps, Python through debugpy's
// path mappings); stack frames name the workspace files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import { copyFixture } from '../core/build/buildWorkspace';
import { finish, invocationResult, launch, OutputLog, startClient, stopped } from './support';

describe('debug adapter: built functions', function () {
  this.timeout(180_000);
  let dc: DebugClient;
  const workspaces: string[] = [];
  beforeEach(async () => {
    dc = await startClient();
  });
  afterEach(async () => {
    await finish(dc);
  });
  after(() => {
    for (const ws of workspaces) fs.rmSync(ws, { recursive: true, force: true });
  });

  it('Node (npm build): stops at a breakpoint in the workspace file', async () => {
    const ws = copyFixture('node-app');
    workspaces.push(ws);
    const app = path.join(ws, 'lock', 'app.js');
    const output = new OutputLog(dc);
    const stop = dc.waitForEvent('stopped');
    const [bps] = await launch(dc, { template: path.join(ws, 'template.yaml'), function: 'WithLockFunction', event: { duration: '1s' } }, [{ path: app, breakpoints: [{ line: 3 }] }]);
    assert.equal(bps?.length, 1);
    // The launch built the function first and said so in the debug console.
    await output.waitFor(/^Building WithLockFunction \(npm\)\n/);
    await output.waitFor(/^ {2}npm ci --omit=dev/);
    const { frames } = await stopped(dc, stop);
    assert.equal(frames[0]?.source?.path, app);
    assert.equal(frames[0]?.line, 3);
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: 1 });
    const result = await invocationResult(dc, done);
    assert.equal(JSON.parse(result.payload).timeout, 1000);
  });

  it('Python (pip build): stops at a breakpoint in the workspace file', async () => {
    const ws = copyFixture('python-app');
    workspaces.push(ws);
    const app = path.join(ws, 'src', 'app.py');
    const stop = dc.waitForEvent('stopped');
    await launch(dc, { template: path.join(ws, 'template.yaml'), function: 'PyFunction' }, [{ path: app, breakpoints: [{ line: 5 }] }]);
    const { frames } = await stopped(dc, stop);
    assert.equal(frames[0]?.source?.path, app);
    assert.equal(frames[0]?.line, 5);
    const done = dc.waitForEvent('lambdaInvocation');
    await dc.continueRequest({ threadId: frames[0] ? ((await dc.threadsRequest()).body.threads[0]?.id ?? 1) : 1 });
    const result = await invocationResult(dc, done);
    assert.equal(JSON.parse(result.payload).six, '1.16.0');
  });
});
