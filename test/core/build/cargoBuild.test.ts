// BuildMethod rust-cargolambda: the real cargo builds a copy of the crate (no Cargo.lock or target/ in the
// workspace) and the binary runs as the bootstrap; a missing toolchain is named.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { ApiError } from '../../../src/core/errors';
import { copyFixture, engineOn, invokeJson, listTree } from './buildWorkspace';

describe('build/rust', function () {
  this.timeout(300_000);

  it('builds the crate with cargo and runs the binary as bootstrap', async () => {
    const ws = copyFixture('rust-app');
    const original = listTree(ws);
    const { engine } = await engineOn(ws);
    try {
      assert.deepEqual(await invokeJson(engine, 'rust-hello', { name: 'ferris' }), { greeting: 'hello ferris', lang: 'rust' });
    } finally {
      await engine.dispose();
    }
    assert.deepEqual(listTree(ws), original, 'no Cargo.lock or target/ in the workspace');
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('names the toolchain to install when cargo or go is not on PATH', async () => {
    const empty = fs.mkdtempSync(`${os.tmpdir()}/lwb-empty-path-`);
    const saved = process.env.PATH;
    const workspaces = [copyFixture('rust-app'), copyFixture('go-app')];
    try {
      process.env.PATH = empty;
      for (const [ws, fn, tool, hint] of [
        [workspaces[0]!, 'rust-hello', 'cargo', /Install Rust with cargo \(https:\/\/rustup\.rs\)/],
        [workspaces[1]!, 'go-hello', 'go', /Install the Go toolchain \(https:\/\/go\.dev\/dl/],
      ] as const) {
        const { engine } = await engineOn(ws);
        try {
          await assert.rejects(engine.invoke({ functionName: fn, payload: Buffer.from('{}') }), (e: unknown) => {
            assert.ok(e instanceof ApiError && e.type === 'ResourceConflictException');
            assert.match(e.message, new RegExp(`\`${tool}\` was not found on PATH`));
            assert.match(e.message, hint);
            return true;
          });
        } finally {
          await engine.dispose();
        }
      }
    } finally {
      process.env.PATH = saved;
      for (const ws of [...workspaces, empty]) fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
