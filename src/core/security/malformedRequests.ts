// Complete answers to requests Node's HTTP server would otherwise drop: an unparsable request (an
// unknown method, conflicting lengths) gets a full 400 and CONNECT a full 405, instead of a bare
// status line or a reset connection that clients report as a network failure.
import type * as http from 'node:http';
import type { Duplex } from 'node:stream';

/** Writes a complete answer; a HEAD request gets the headers only (its client reads no body). */
function reply(socket: Duplex, status: number, reason: string, type: string, message: string, head = false): void {
  const body = JSON.stringify({ Type: 'User', message });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nx-amzn-ErrorType: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${head ? '' : body}`,
  );
}

/** Installs the handlers on `server`. */
export function answerMalformedRequests(server: http.Server): void {
  // A connection that already carried a request has (or had) its own response on the wire: a second
  // answer after it would be garbage to the client (e.g. the body bytes of a HEAD request parsed as a
  // new request), so such a connection is only closed.
  const answered = new WeakSet<Duplex>();
  server.on('request', (req: http.IncomingMessage) => answered.add(req.socket));
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // Nothing can be written to a connection the client already closed or that timed out mid-request.
    if (err.code === 'ECONNRESET' || !socket.writable || answered.has(socket)) {
      socket.destroy();
      return;
    }
    const raw = (err as { rawPacket?: unknown }).rawPacket;
    const head = Buffer.isBuffer(raw) && raw.subarray(0, 5).toString('latin1') === 'HEAD ';
    if (err.code === 'HPE_HEADER_OVERFLOW') {
      reply(socket, 431, 'Request Header Fields Too Large', 'RequestHeaderFieldsTooLargeException', 'The request headers are too large.', head);
      return;
    }
    const what = err.code === 'HPE_INVALID_METHOD' ? 'the HTTP method is not one this endpoint understands' : 'the request is not valid HTTP/1.1';
    reply(socket, 400, 'Bad Request', 'BadRequestException', `Malformed request: ${what} (${err.code ?? 'parse error'}). Send it with an AWS SDK or the AWS CLI.`, head);
  });
  server.on('connect', (req: http.IncomingMessage, socket: Duplex) => {
    reply(socket, 405, 'Method Not Allowed', 'MethodNotAllowedException', `${req.method ?? 'CONNECT'} is not supported: this is a Lambda API endpoint, not a proxy.`);
  });
}
