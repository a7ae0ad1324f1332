// Requests Node's HTTP parser refuses (an unknown method with a body, conflicting lengths) and CONNECT
// get a complete error response from the endpoint, not a bare status line or a reset connection.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import type { Emulator } from '../../../src/core/emulator';
import { startTestEngine } from '../../support/engine';

/** Sends raw bytes and resolves with everything the server wrote before closing. */
function rawExchange(url: string, bytes: string): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(u.port), u.hostname, () => socket.write(bytes));
    let data = '';
    socket.on('data', (d: Buffer) => (data += d.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(data));
  });
}

function parse(response: string): { status: number; headers: Record<string, string>; body: string } {
  const [head = '', body = ''] = response.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

describe('malformed requests get complete answers', () => {
  let engine: Emulator;
  let url: string;
  before(async () => {
    engine = await startTestEngine({ api: { port: 0 } });
    url = (await engine.listen()) as string;
  });
  after(async () => engine.dispose());

  for (const [name, bytes, status, message] of [
    ['an unknown method with a body', 'FROB /2015-03-31/functions/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello', 400, /the HTTP method is not one this endpoint understands \(HPE_INVALID_METHOD\)/],
    ['Content-Length with chunked encoding', 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nhello', 400, /not valid HTTP\/1\.1/],
    ['CONNECT with a body', 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello', 405, /CONNECT is not supported: this is a Lambda API endpoint, not a proxy\./],
  ] as const) {
    it(name, async () => {
      const r = parse(await rawExchange(url, bytes));
      assert.equal(r.status, status);
      assert.equal(Number(r.headers['content-length']), Buffer.byteLength(r.body), 'the body is complete');
      assert.match(JSON.parse(r.body).message, message);
      assert.equal(r.headers.connection, 'close');
    });
  }

  it('a known method without a route still gets a Lambda-shaped 404 after its body is read', async () => {
    const r = parse(await rawExchange(url, 'PROPFIND /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello'));
    assert.equal(r.status, 404);
    assert.equal(r.headers['x-amzn-errortype'], 'UnknownOperationException');
  });
});
