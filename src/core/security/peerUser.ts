// Which local user opened a loopback TCP connection (Linux: the uid column of /proc/net/tcp{,6} for the
// client's end), so the engine's servers can refuse other users' processes: on a shared machine every
// user can connect to 127.0.0.1, and the endpoint, the Runtime API and the debug clock would otherwise
// let them create functions that run as this user, or read and answer invocations.
import * as fs from 'node:fs';
import type * as net from 'node:net';

const hexPort = (port: number): string => port.toString(16).toUpperCase().padStart(4, '0');

/** The uid owning the client end of `socket`, or undefined when it cannot be told (not Linux, not found). */
export function peerUid(socket: net.Socket): number | undefined {
  if (process.platform !== 'linux' || socket.remotePort === undefined || socket.localPort === undefined) return undefined;
  const client = `:${hexPort(socket.remotePort)}`;
  const server = `:${hexPort(socket.localPort)}`;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(table, 'latin1');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      const f = line.trim().split(/\s+/);
      // f[1] local address (the client's end), f[2] remote address (our end), f[7] uid.
      if (f[1]?.endsWith(client) && f[2]?.endsWith(server)) return Number(f[7]);
    }
  }
  return undefined;
}

/** Closes connections from processes of another user as soon as they arrive (no-op off Linux). */
export function refuseOtherUsers(server: net.Server, onRefused?: (uid: number) => void): void {
  const me = process.getuid?.();
  if (me === undefined || process.platform !== 'linux') return;
  server.on('connection', (socket: net.Socket) => {
    const uid = peerUid(socket);
    if (uid !== undefined && uid !== me) {
      onRefused?.(uid);
      socket.destroy();
    }
  });
}
