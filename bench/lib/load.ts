// Load generators: N concurrent keep-alive clients for a fixed time, and helpers to start peers.
import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import { BenchClient } from './httpClient';

/** Invocations per second of `clients` concurrent callers, client i posting to paths[i % paths.length]. */
export async function rate(url: string, paths: readonly string[], clients: number, ms: number, warmupMs = 300): Promise<number> {
  const client = new BenchClient(url);
  const body = Buffer.from('{}');
  const run = async (until: number): Promise<number> => {
    const counts = await Promise.all(
      Array.from({ length: clients }, async (_, i) => {
        let n = 0;
        const p = paths[i % paths.length] as string;
        while (performance.now() < until) {
          const r = await client.post(p, body);
          if (r.status !== 200) throw new Error(`${url}${p} answered ${r.status}: ${r.body.toString('utf8').slice(0, 200)}`);
          n++;
        }
        return n;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  };
  try {
    await run(performance.now() + warmupMs);
    const t = performance.now();
    const n = await run(t + ms);
    return (n / (performance.now() - t)) * 1000;
  } finally {
    client.close();
  }
}

/** A free TCP port on 127.0.0.1 (for peers that take a port number). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on 127.0.0.1:port; rejects after `ms`. */
export async function waitForPort(port: number, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts lambda-local's HTTP mode on `handlerFile` (bench/peers/lambdaLocalHttp.js); resolves with its URL. */
export async function startLambdaLocalHttp(handlerFile: string): Promise<{ url: string; child: ChildProcess; close(): void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [require.resolve('../peers/lambdaLocalHttp.js'), handlerFile, String(port)], { stdio: 'ignore' });
  await waitForPort(port);
  return { url: `http://127.0.0.1:${port}`, child, close: () => void child.kill('SIGKILL') };
}
