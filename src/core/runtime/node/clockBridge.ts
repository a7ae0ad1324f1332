// How long the Lambda clock of the current invocation has been paused by a debugger. Without a
// debugger this is always 0. Under the debugger (`_LAMBDA_WORKBENCH_CLOCK` set) a worker thread, which
// the inspector does not pause, keeps the paused total in shared memory that `pausedMs()` reads
// synchronously. It times each stop itself, from its own inspector session's paused/resumed events
// (exact: no socket in between), and follows the engine's clock endpoint (src/core/runtime/debugClock.ts)
// for invocation resets, and for the stops themselves if that session cannot be opened.
import type { Worker as WorkerType } from 'node:worker_threads';

let source: () => number = () => 0;

/** Milliseconds the current invocation spent stopped in the debugger. */
export function pausedMs(): number {
  return source();
}

/** Replaces the paused-time source (used by the debug clock bridge). */
export function setPausedSource(fn: () => number): void {
  source = fn;
}

// Layout of the shared block: Int32 [0] is a sequence number (odd while the worker writes), then
// Float64 [0] the paused total in ms and [1] when the current pause began (epoch ms, 0 when running).
const workerSource = `
const { workerData } = require('node:worker_threads');
const net = require('node:net');
const seq = new Int32Array(workerData.shared, 0, 2);
const values = new Float64Array(workerData.shared, 8, 2);
const now = () => performance.timeOrigin + performance.now();
function set(total, since) {
  Atomics.add(seq, 0, 1);
  values[0] = total;
  values[1] = since;
  Atomics.add(seq, 0, 1);
}
let total = 0;
let since = 0;
let observing = false;
try {
  const inspector = require('node:inspector');
  const { pathToFileURL } = require('node:url');
  const session = new inspector.Session();
  session.connectToMainThread();
  const escape = (s) => s.replace(/[.*+?^\${}()|[\\]\\\\/]/g, '\\\\$&');
  const main = process.argv[1] || '';
  session.on('Debugger.paused', () => {
    if (observing && !since) set(total, (since = now()));
  });
  session.on('Debugger.resumed', () => {
    if (!observing || !since) return;
    total += now() - since;
    since = 0;
    set(total, 0);
  });
  session.post('Debugger.enable', {}, (err) => {
    if (err) return;
    // The same patterns as the debugger's: V8 skips a pause in ignored code only if every session ignores it.
    const patterns = ['^node:', '^(?:' + escape(pathToFileURL(main).href) + '|' + escape(main) + ')$'];
    session.post('Debugger.setBlackboxPatterns', { patterns }, (e) => {
      if (!e) observing = true;
    });
  });
} catch {
  // No inspector here: the engine's pause and resume messages are all there is.
}
const socket = net.connect(workerData.port, workerData.host);
socket.setNoDelay(true);
socket.on('error', () => {});
socket.write('GET /watch HTTP/1.1\\r\\nHost: ' + workerData.host + '\\r\\nConnection: Upgrade\\r\\nUpgrade: lambda-clock\\r\\n\\r\\n');
let buffered = '';
let upgraded = false;
socket.on('data', (chunk) => {
  buffered += chunk.toString('latin1');
  if (!upgraded) {
    const end = buffered.indexOf('\\r\\n\\r\\n');
    if (end < 0) return;
    if (!buffered.startsWith('HTTP/1.1 101')) return void socket.destroy();
    upgraded = true;
    buffered = buffered.slice(end + 4);
  }
  for (let nl = buffered.indexOf('\\n'); nl >= 0; nl = buffered.indexOf('\\n')) {
    const [kind, value] = buffered.slice(0, nl).split(' ');
    buffered = buffered.slice(nl + 1);
    if (kind === 'Z') {
      total = 0;
      since = 0;
      set(0, 0);
      socket.write('Z ' + value + '\\n');
    } else if (observing) continue;
    else if (kind === 'P') set((total = Number(value)), (since = now()));
    else if (kind === 'R') set((total = Number(value)), (since = 0));
  }
});
`;

/** Starts the worker that follows the engine's debug clock at `address` (`host:port`). */
function installDebugClock(address: string): void {
  const colon = address.lastIndexOf(':');
  const shared = new SharedArrayBuffer(24);
  const seq = new Int32Array(shared, 0, 2);
  const values = new Float64Array(shared, 8, 2);
  // Loaded only under the debugger: worker_threads costs a few milliseconds of every cold start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose, only when this code path runs
  const { Worker } = require('node:worker_threads') as { Worker: typeof WorkerType };
  const worker = new Worker(workerSource, {
    eval: true,
    // Not the parent's flags: `--inspect-wait` would make the worker wait for a debugger too.
    execArgv: [],
    workerData: { shared, host: address.slice(0, colon), port: Number(address.slice(colon + 1)) },
    stdout: true,
    stderr: true,
  });
  worker.unref();
  worker.on('error', () => setPausedSource(() => 0));
  setPausedSource(() => {
    for (;;) {
      const before = Atomics.load(seq, 0);
      if (before % 2 === 1) continue;
      const total = values[0] ?? 0;
      const since = values[1] ?? 0;
      if (Atomics.load(seq, 0) !== before) continue;
      // Whole milliseconds, so getRemainingTimeInMillis() stays an integer as on Lambda.
      return Math.round(since ? total + (performance.timeOrigin + performance.now() - since) : total);
    }
  });
}

// A debug launch starts this process with --inspect-wait; processes the handler forks must not inherit
// it (each would wait for a debugger that never comes).
for (let i = process.execArgv.length - 1; i >= 0; i--) {
  if (/^--inspect(-brk|-wait|-port)?(=|$)/.test(process.execArgv[i] ?? '')) process.execArgv.splice(i, 1);
}

const clockAddress = process.env._LAMBDA_WORKBENCH_CLOCK;
if (clockAddress) {
  // Not a Lambda variable: keep it out of the handler's environment.
  delete process.env._LAMBDA_WORKBENCH_CLOCK;
  installDebugClock(clockAddress);
}
