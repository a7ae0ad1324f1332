// Slow clients (slowloris: headers or bodies dripped a byte at a time) hold sockets open, but the
// endpoint keeps answering everyone else.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import type { Emulator } from '../../../src/core/emulator';
import { fixture, functionConfig, startTestEngine } from '../../support/engine';

describe('slow clients', () => {
  let engine: Emulator;
  let port: number;
  before(async () => {
    engine = await startTestEngine({ api: { port: 0 } });
    engine.defineFunction(functionConfig('echo', fixture('node-handlers'), { handler: 'handlers.echo' }));
    port = Number(new URL((await engine.listen()) as string).port);
  });
  after(async () => engine.dispose());

  it('serves normal requests while 40 clients drip headers and bodies', async function () {
    this.timeout(60_000);
    const sockets: net.Socket[] = [];
    const timers: NodeJS.Timeout[] = [];
    const drip = (s: net.Socket, head: string, byte: string): void => {
      s.on('error', () => undefined);
      s.write(head);
      timers.push(setInterval(() => s.writable && s.write(byte), 100));
    };
    for (let i = 0; i < 30; i++) {
      const s = net.connect(port, '127.0.0.1');
      sockets.push(s);
      drip(s, 'POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', 'a');
    }
    for (let i = 0; i < 10; i++) {
      const s = net.connect(port, '127.0.0.1');
      sockets.push(s);
      drip(s, 'POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\n\r\n{"a":"', 'b');
    }
    try {
      await Promise.all(sockets.map((s) => new Promise((r) => (s.readyState === 'open' ? r(undefined) : s.once('connect', r)))));
      for (let i = 0; i < 40; i++) {
        const controller = new AbortController();
        const bound = setTimeout(() => controller.abort(), 10_000);
        const r = await fetch(`http://127.0.0.1:${port}/2015-03-31/functions/echo/invocations`, { method: 'POST', body: `{"i":${i}}`, signal: controller.signal });
        clearTimeout(bound);
        assert.equal(r.status, 200);
        assert.deepEqual(((await r.json()) as { event: unknown }).event, { i });
      }
    } finally {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
    }
  });
});
