// BuildMethod go1.x on provided.al2023: the real Go toolchain builds a bootstrap with aws-lambda-go (from
// the Go module proxy), which then answers invokes through our Runtime API.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture, engineOn, invokeJson, listTree } from './buildWorkspace';

describe('build/go', function () {
  // A cold Go build cache compiles the standard library without cgo once (minutes on a busy machine).
  this.timeout(600_000);

  it('builds the module into an executable bootstrap and runs it', async () => {
    const ws = copyFixture('go-app');
    const original = listTree(ws);
    const { engine } = await engineOn(ws);
    try {
      assert.deepEqual(await invokeJson(engine, 'go-hello', { name: 'sam' }), { greeting: 'hello sam', lang: 'go' });
      const bootstrap = path.join(ws, '.lambda-workbench', 'build', 'GoFunction', 'bootstrap');
      assert.ok(fs.statSync(bootstrap).mode & 0o111);
    } finally {
      await engine.dispose();
    }
    assert.deepEqual(listTree(ws), original);
    fs.rmSync(ws, { recursive: true, force: true });
  });
});
