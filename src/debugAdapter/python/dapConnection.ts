// A Debug Adapter Protocol client over TCP (Content-Length framing), used to talk to debugpy.
import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { refuseOtherUsers } from '../../core/security/peerUser';

/** One connection to a DAP server; events are emitted as `event` with the whole message. */
export class DapConnection extends EventEmitter {
  private seq = 1;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, { resolve: (body: unknown) => void; reject: (e: Error) => void }>();
  private closed = false;

  private constructor(private readonly socket: net.Socket) {
    super();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.onClose());
    socket.on('error', () => this.onClose());
  }

  /**
   * Listens on a loopback port for debugpy to connect to (`debugpy --connect`), so the debuggee opens no
   * listening port other local users could reach first; connections from other users are dropped.
   */
  static async listen(): Promise<{ port: number; accepted: (deadline: number, keepTrying: () => boolean) => Promise<DapConnection | undefined>; close: () => void }> {
    const server = net.createServer();
    refuseOtherUsers(server);
    let take: ((s: net.Socket) => void) | undefined;
    const first = new Promise<net.Socket>((resolve) => (take = resolve));
    server.on('connection', (s: net.Socket) => {
      if (s.destroyed) return;
      take?.(s);
      take = undefined;
      server.close();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as net.AddressInfo).port;
    const accepted = async (deadline: number, keepTrying: () => boolean): Promise<DapConnection | undefined> => {
      while (Date.now() < deadline && keepTrying()) {
        const s = await Promise.race([first, new Promise<undefined>((r) => setTimeout(r, 50, undefined))]);
        if (s) return new DapConnection(s);
      }
      server.close();
      return undefined;
    };
    return { port, accepted, close: () => server.close() };
  }

  /** Connects, retrying while the server is not listening yet, until `ready()` says to stop or `deadline`. */
  static async connect(port: number, deadline: number, keepTrying: () => boolean): Promise<DapConnection | undefined> {
    while (Date.now() < deadline && keepTrying()) {
      const socket = await new Promise<net.Socket | undefined>((resolve) => {
        const s = net.connect(port, '127.0.0.1');
        s.once('connect', () => resolve(s));
        s.once('error', () => resolve(undefined));
      });
      if (socket) return new DapConnection(socket);
      await new Promise((r) => setTimeout(r, 5));
    }
    return undefined;
  }

  /** Sends a request; resolves with the response body, rejects with the server's message on failure. */
  request<T = unknown>(command: string, args?: unknown): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The Python debugger is gone (debugpy closed the connection).'));
    const seq = this.seq++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (b: unknown) => void, reject });
      this.write({ seq, type: 'request', command, ...(args !== undefined ? { arguments: args } : {}) });
    });
  }

  /** Resolves with the next event of that name. */
  nextEvent(name: string): Promise<DebugProtocol.Event> {
    return new Promise((resolve) => {
      const on = (e: DebugProtocol.Event): void => {
        if (e.event !== name) return;
        this.off('event', on);
        resolve(e);
      };
      this.on('event', on);
    });
  }

  close(): void {
    if (this.closed) return;
    this.socket.destroy();
    this.onClose();
  }

  private write(message: object): void {
    const json = Buffer.from(JSON.stringify(message), 'utf8');
    this.socket.write(Buffer.concat([Buffer.from(`Content-Length: ${json.length}\r\n\r\n`, 'ascii'), json]));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1] ?? NaN);
      if (!Number.isFinite(length)) return void this.close();
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.onMessage(JSON.parse(body) as DebugProtocol.ProtocolMessage);
    }
  }

  private onMessage(msg: DebugProtocol.ProtocolMessage): void {
    if (msg.type === 'response') {
      const r = msg as DebugProtocol.Response;
      const p = this.pending.get(r.request_seq);
      if (!p) return;
      this.pending.delete(r.request_seq);
      if (r.success) p.resolve(r.body ?? {});
      else p.reject(new Error(r.message ?? `${r.command} failed`));
    } else if (msg.type === 'event') {
      this.emit('event', msg);
    } else if (msg.type === 'request') {
      // Reverse requests (runInTerminal, startDebugging) are not offered.
      const req = msg as DebugProtocol.Request;
      this.write({ seq: this.seq++, type: 'response', request_seq: req.seq, command: req.command, success: false, message: 'not supported' });
    }
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new Error('The Python debugger is gone (debugpy closed the connection).'));
    this.pending.clear();
    this.emit('close');
  }
}
