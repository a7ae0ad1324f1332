// Other local users cannot use the engine's loopback servers: the endpoint (without strict keys, where
// CreateFunction would let them run code as this user) and the debug clock drop their connections,
// while this user's clients are served. Needs root to act as another user (setpriv), as in CI.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { Emulator } from '../../../src/core/emulator';
import { DebugClock } from '../../../src/core/runtime/debugClock';
import { startTestEngine } from '../../support/engine';

const probe = `
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /2015-03-31/functions/ HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n")
data = b""
while True:
    try:
        chunk = s.recv(4096)
    except ConnectionResetError:
        break
    if not chunk:
        break
    data += chunk
print(data.split(b"\\r\\n")[0].decode() or "CLOSED")
`;

/** Connects to `port` as `uid` (or as this user) and reports the status line, or CLOSED. */
function connectAs(port: number, uid?: number): Promise<string> {
  const cmd = uid === undefined ? ['/usr/bin/python3', '-c', probe, String(port)] : ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '/usr/bin/python3', '-c', probe, String(port)];
  return new Promise((resolve, reject) => execFile(cmd[0] as string, cmd.slice(1), { timeout: 20_000 }, (e, out, err) => (e ? reject(new Error(err)) : resolve(out.trim()))));
}

describe('loopback servers refuse other local users', function () {
  before(function () {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) this.skip(); // acting as another user needs root (CI runs as root)
  });

  it('the endpoint without strict keys', async () => {
    const engine: Emulator = await startTestEngine({ api: { port: 0 } });
    try {
      const port = Number(new URL((await engine.listen()) as string).port);
      assert.equal(await connectAs(port), 'HTTP/1.1 200 OK');
      assert.equal(await connectAs(port, 65534), 'CLOSED');
    } finally {
      await engine.dispose();
    }
  });

  it('the debug clock', async () => {
    const clock = await DebugClock.listen();
    try {
      const port = Number(clock.address.split(':')[1]);
      assert.notEqual(await connectAs(port), 'CLOSED');
      assert.equal(await connectAs(port, 65534), 'CLOSED');
    } finally {
      clock.close();
    }
  });
});
