// A Chrome DevTools Protocol client over the Node inspector's WebSocket: numbered commands with
// promised results, and events by method name.
import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import WebSocket from 'ws';
import { debugErrors } from '../errors';

interface Message {
  readonly id?: number;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string; readonly data?: string };
}

/** An error the inspector answered a command with. */
export class CdpError extends Error {
  constructor(readonly method: string, message: string) {
    super(message);
    this.name = 'CdpError';
  }
}

/** Ids at and above this are nudges (see `nudge`), whose answers are dropped. */
const NUDGE_ID_BASE = 1 << 30;

/** One inspector connection; `on(method, fn)` receives events, `close` ends it. */
export class CdpConnection extends EventEmitter {
  private nextId = 1;
  private nextNudge = NUDGE_ID_BASE;
  private readonly pending = new Map<number, { method: string; resolve: (v: never) => void; reject: (e: Error) => void }>();
  private closed = false;

  private constructor(private readonly socket: WebSocket) {
    super();
    socket.on('message', (data: WebSocket.RawData) => this.onMessage(data));
    socket.on('close', () => this.onClose());
    socket.on('error', () => this.onClose());
  }

  /** Connects to an inspector WebSocket URL (`ws://127.0.0.1:port/uuid`). */
  static connect(url: string): Promise<CdpConnection> {
    return new Promise((resolve, reject) => {
      let connection: CdpConnection | undefined;
      // The inspector does not set TCP_NODELAY: a message it writes while an earlier one is unacknowledged
      // waits for our delayed ACK (~40 ms). While we wait for answers, each arriving chunk is answered
      // at once with a tiny command, which carries the ACK and lets the rest through.
      const createConnection = (options: net.NetConnectOpts): net.Socket => {
        const tcp = net.connect(options);
        tcp.setNoDelay(true);
        tcp.on('data', () => connection?.nudge());
        return tcp;
      };
      const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024, createConnection: createConnection as never });
      socket.once('open', () => resolve((connection = new CdpConnection(socket))));
      socket.once('error', (e) => reject(debugErrors.inspectorUnreachable(url, e.message)));
    });
  }

  /** Sends a command and resolves with its result; rejects with CdpError when the inspector refuses. */
  send<T = unknown>(method: string, params: object = {}): Promise<T> {
    if (this.closed) return Promise.reject(new CdpError(method, 'The debuggee is gone (the inspector connection closed).'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Closes the socket; the debuggee may then exit (it waits for the debugger to disconnect). */
  close(): void {
    if (this.closed) return;
    this.socket.close();
    this.onClose();
  }

  private nudge(): void {
    if (this.pending.size === 0 || this.closed || this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify({ id: this.nextNudge++, method: 'Runtime.getIsolateId' }));
  }

  private onMessage(data: WebSocket.RawData): void {
    let msg: Message;
    try {
      msg = JSON.parse(data.toString()) as Message;
    } catch {
      return;
    }
    if (msg.id !== undefined) {
      if (msg.id >= NUDGE_ID_BASE) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new CdpError(p.method, msg.error.data ? `${msg.error.message}: ${msg.error.data}` : msg.error.message));
      else p.resolve((msg.result ?? {}) as never);
      return;
    }
    if (msg.method) this.emit(msg.method, msg.params ?? {});
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new CdpError(p.method, 'The debuggee is gone (the inspector connection closed).'));
    this.pending.clear();
    this.emit('close');
  }
}
