// Standalone entry of the `lambda` debug adapter (dist/debugAdapter.js), for nvim-dap and other
// clients: DAP over stdin/stdout, or over TCP with `--server=PORT` (one session per connection).
import * as net from 'node:net';
import { standaloneEngine } from './engineLease';
import { LambdaDebugSession } from './session';
import { refuseOtherUsers } from '../core/security/peerUser';

const serverArg = process.argv.slice(2).find((a) => a.startsWith('--server='));
if (serverArg) {
  const port = Number(serverArg.slice('--server='.length));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`lambda debug adapter: --server needs a port number, got "${serverArg}"\n`);
    process.exit(2);
  }
  const server = net.createServer((socket) => {
    const session = new LambdaDebugSession(standaloneEngine);
    session.setRunAsServer(true);
    session.start(socket, socket);
    socket.on('close', () => session.shutdown());
  });
  refuseOtherUsers(server);
  server.listen(port, '127.0.0.1', () => {
    process.stderr.write(`lambda debug adapter listening on 127.0.0.1:${(server.address() as net.AddressInfo).port}\n`);
  });
} else {
  const session = new LambdaDebugSession(standaloneEngine);
  process.on('SIGTERM', () => session.shutdown());
  session.start(process.stdin, process.stdout);
}
