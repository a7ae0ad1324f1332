// The engine end of the Lambda clock bridge: while a debugger holds an environment stopped, its
// invocation clock is paused, and the runtime inside learns how long so its remaining time excludes it.
// Python asks `GET /paused` (a blocking call per read); the Node bridge's worker thread keeps a live copy.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ExecutionEnvironment } from './executionEnvironment';
import { refuseOtherUsers } from '../security/peerUser';

/** The variable that tells a runtime where the clock endpoint is (`host:port`). */
export const CLOCK_ENV_VAR = '_LAMBDA_WORKBENCH_CLOCK';

/** How long a new invocation waits for the runtime's clock watcher to confirm it reset. */
const ACK_WAIT_MS = 2000;

/**
 * Serves one environment's paused time. Protocol, all text:
 * `GET /paused` answers the decimal milliseconds the current invocation has been paused so far.
 * An HTTP upgrade to `lambda-clock` on `/watch` turns the socket into a line stream where the engine
 * pushes `P <total>` (paused), `R <total>` (running) and `Z <n>` (new invocation: total 0), and the
 * watcher answers `Z <n>` once it applied a reset.
 */
export class DebugClock {
  private env: ExecutionEnvironment | undefined;
  private readonly watchers = new Set<Duplex>();
  private resetSeq = 0;
  private readonly acks = new Map<number, { pending: Set<Duplex>; done: () => void }>();
  private watcherWaiters: (() => void)[] = [];
  private closed = false;

  private constructor(private readonly server: http.Server, readonly address: string) {}

  /** Starts the endpoint on a loopback port chosen by the system. */
  static async listen(): Promise<DebugClock> {
    const server = http.createServer();
    refuseOtherUsers(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const clock = new DebugClock(server, `127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => clock.onRequest(req, res));
    server.on('upgrade', (req, socket) => clock.onUpgrade(req, socket));
    return clock;
  }

  /** Variables to start the environment with so its runtime finds this endpoint. */
  get environmentVariables(): Record<string, string> {
    return { [CLOCK_ENV_VAR]: this.address };
  }

  /** Binds the clock to the environment whose invocation clock it drives. */
  attach(env: ExecutionEnvironment): void {
    this.env = env;
  }

  /** The debuggee stopped: freeze the current phase's clock. */
  pause(): void {
    if (!this.env) return;
    this.env.pauseClock();
    this.broadcast(`P ${this.env.pausedMs()}\n`);
  }

  /** The debuggee is about to run again. */
  resume(): void {
    if (!this.env) return;
    this.env.resumeClock();
    this.broadcast(`R ${this.env.pausedMs()}\n`);
  }

  /**
   * Call before handing an environment its next event: every watcher resets its paused total, so the
   * new invocation never sees the previous one's. With `expectWatcher`, first waits for one to connect.
   */
  async beginInvocation(expectWatcher: boolean): Promise<boolean> {
    if (expectWatcher && this.watchers.size === 0 && !(await this.waitForWatcher())) return false;
    if (this.watchers.size === 0) return true;
    const n = ++this.resetSeq;
    const pending = new Set(this.watchers);
    const acked = new Promise<void>((resolve) => this.acks.set(n, { pending, done: resolve }));
    this.broadcast(`Z ${n}\n`);
    let timer: NodeJS.Timeout | undefined;
    const ok = await Promise.race([acked.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ACK_WAIT_MS)))]);
    clearTimeout(timer);
    this.acks.delete(n);
    return ok;
  }

  /** Stops the endpoint and drops every connection. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.watchers) w.destroy();
    this.watchers.clear();
    for (const wake of this.watcherWaiters) wake();
    this.server.closeAllConnections();
    this.server.close();
  }

  private waitForWatcher(): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(this.watchers.size > 0), ACK_WAIT_MS);
      this.watcherWaiters.push(() => {
        clearTimeout(timer);
        resolve(this.watchers.size > 0);
      });
    });
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    if (req.method === 'GET' && req.url === '/paused') {
      const body = String(this.env?.pausedMs() ?? 0);
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
      return void res.end(body);
    }
    res.writeHead(404, { 'Content-Length': 0 });
    res.end();
  }

  private onUpgrade(req: http.IncomingMessage, socket: Duplex): void {
    if (req.url !== '/watch' || req.headers.upgrade !== 'lambda-clock' || this.closed) return void socket.destroy();
    (socket as Duplex & { setNoDelay?: (v: boolean) => void }).setNoDelay?.(true);
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: lambda-clock\r\nConnection: Upgrade\r\n\r\n');
    const paused = this.env ? this.env.pausedMs() : 0;
    socket.write(`${paused > 0 ? 'P' : 'R'} ${paused}\n`);
    this.watchers.add(socket);
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        this.onAck(socket, line);
      }
    });
    const drop = (): void => {
      this.watchers.delete(socket);
      for (const n of [...this.acks.keys()]) this.onAck(socket, `Z ${n}`);
    };
    socket.on('close', drop);
    socket.on('error', drop);
    const waiters = this.watcherWaiters;
    this.watcherWaiters = [];
    for (const wake of waiters) wake();
  }

  private onAck(socket: Duplex, line: string): void {
    const m = /^Z (\d+)$/.exec(line);
    const entry = m ? this.acks.get(Number(m[1])) : undefined;
    if (!entry) return;
    entry.pending.delete(socket);
    if (entry.pending.size === 0) entry.done();
  }

  private broadcast(line: string): void {
    for (const w of this.watchers) w.write(line);
  }
}
