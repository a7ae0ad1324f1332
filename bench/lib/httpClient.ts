// A keep-alive HTTP client for benchmarks: one POST at a time, resolves with the status.
import * as http from 'node:http';

export class BenchClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string) {
    const u = new URL(baseUrl);
    this.host = u.hostname;
    this.port = Number(u.port);
  }

  post(path: string, body: Buffer, headers: http.OutgoingHttpHeaders = {}): Promise<{ status: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: this.host, port: this.port, method: 'POST', path, agent: this.agent, headers: { 'Content-Length': body.length, ...headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Latencies (ms) of `n` sequential calls of `fn`. */
export async function timeSequential(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}
