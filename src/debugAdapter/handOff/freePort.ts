// A free TCP port on 127.0.0.1 for a debug agent that must be told its port up front (JDWP, rdbg).
import * as net from 'node:net';

/** Asks the kernel for a free loopback port and releases it for the agent to bind. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}
