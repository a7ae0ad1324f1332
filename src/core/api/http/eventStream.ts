// The AWS event stream binary framing (application/vnd.amazon.eventstream) used by streaming operations
// such as StartLiveTail: prelude (lengths + CRC32), string headers, JSON payload, message CRC32.
import { crc32 } from 'node:zlib';

const STRING_HEADER = 7;

/** Encodes one message with string headers. */
export function encodeEventMessage(headers: Readonly<Record<string, string>>, payload: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const n = Buffer.from(name);
    const v = Buffer.from(value);
    const h = Buffer.allocUnsafe(1 + n.length + 1 + 2);
    h.writeUInt8(n.length, 0);
    n.copy(h, 1);
    h.writeUInt8(STRING_HEADER, 1 + n.length);
    h.writeUInt16BE(v.length, 2 + n.length);
    parts.push(h, v);
  }
  const headerBytes = Buffer.concat(parts);
  const total = 12 + headerBytes.length + payload.length + 4;
  const msg = Buffer.allocUnsafe(total);
  msg.writeUInt32BE(total, 0);
  msg.writeUInt32BE(headerBytes.length, 4);
  msg.writeUInt32BE(crc32(msg.subarray(0, 8)), 8);
  headerBytes.copy(msg, 12);
  payload.copy(msg, 12 + headerBytes.length);
  msg.writeUInt32BE(crc32(msg.subarray(0, total - 4)), total - 4);
  return msg;
}

/** An `event` message of the given union member, with a JSON payload. */
export const jsonEvent = (eventType: string, body: unknown): Buffer =>
  encodeEventMessage({ ':message-type': 'event', ':event-type': eventType, ':content-type': 'application/json' }, Buffer.from(JSON.stringify(body)));

/** An `exception` message (modelled stream error such as SessionTimeoutException). */
export const exceptionEvent = (exceptionType: string, message: string): Buffer =>
  encodeEventMessage(
    { ':message-type': 'exception', ':exception-type': exceptionType, ':content-type': 'application/json' },
    Buffer.from(JSON.stringify({ message })),
  );

/** Decodes a buffer of whole messages (tests and the panel's own client). */
export function decodeEventMessages(buf: Buffer): { headers: Record<string, string>; payload: Buffer; rest: Buffer }[] {
  const out: { headers: Record<string, string>; payload: Buffer; rest: Buffer }[] = [];
  let pos = 0;
  while (buf.length - pos >= 16) {
    const total = buf.readUInt32BE(pos);
    if (buf.length - pos < total) break;
    const headersLen = buf.readUInt32BE(pos + 4);
    const headers: Record<string, string> = {};
    let h = pos + 12;
    while (h < pos + 12 + headersLen) {
      const nl = buf.readUInt8(h);
      const name = buf.toString('utf8', h + 1, h + 1 + nl);
      const vl = buf.readUInt16BE(h + 2 + nl);
      headers[name] = buf.toString('utf8', h + 4 + nl, h + 4 + nl + vl);
      h += 4 + nl + vl;
    }
    out.push({ headers, payload: buf.subarray(pos + 12 + headersLen, pos + total - 4), rest: buf.subarray(pos + total) });
    pos += total;
  }
  return out;
}
