// AWS Signature Version 4: reads the caller's access key from any request, and in strict mode
// verifies the signature against configured keys (the AWS SDK and CLI sign every call).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type * as http from 'node:http';

export interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const authPattern = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/;

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const m = header ? authPattern.exec(header.trim()) : null;
  if (!m) return undefined;
  return {
    accessKeyId: m[1] as string,
    date: m[2] as string,
    region: m[3] as string,
    service: m[4] as string,
    signedHeaders: (m[5] as string).split(';'),
    signature: m[6] as string,
  };
}

const rfc3986 = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalUri(rawPath: string, doubleEncode: boolean): string {
  if (!doubleEncode) return rawPath || '/';
  return rawPath.split('/').map((seg) => rfc3986(seg)).join('/') || '/';
}

function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return '';
  const pairs = rawQuery.split('&').filter(Boolean).map((p) => {
    const eq = p.indexOf('=');
    const k = decodeURIComponent((eq < 0 ? p : p.slice(0, eq)).replace(/\+/g, ' '));
    const v = eq < 0 ? '' : decodeURIComponent(p.slice(eq + 1).replace(/\+/g, ' '));
    return [rfc3986(k), rfc3986(v)] as const;
  });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function headerValue(req: http.IncomingMessage, name: string): string {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v.join(',') : (v ?? '');
  return s.trim().replace(/\s+/g, ' ');
}

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** Query-string authentication (a presigned URL): the same fields, plus the signing time and lifetime. */
export interface PresignedAuthorization extends ParsedAuthorization {
  readonly amzDate: string;
  readonly expiresSeconds: number;
}

/** Reads `X-Amz-Algorithm`/`X-Amz-Credential`/... from a presigned URL's query (undefined when absent or malformed). */
export function parsePresigned(query: URLSearchParams): PresignedAuthorization | undefined {
  if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return undefined;
  const credential = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/.exec(query.get('X-Amz-Credential') ?? '');
  const signature = query.get('X-Amz-Signature') ?? '';
  const amzDate = query.get('X-Amz-Date') ?? '';
  const expires = Number(query.get('X-Amz-Expires') ?? '900');
  if (!credential || !/^[0-9a-f]{64}$/.test(signature) || !/^\d{8}T\d{6}Z$/.test(amzDate) || !Number.isInteger(expires)) return undefined;
  return {
    accessKeyId: credential[1] as string,
    date: credential[2] as string,
    region: credential[3] as string,
    service: credential[4] as string,
    signedHeaders: (query.get('X-Amz-SignedHeaders') ?? 'host').split(';'),
    signature,
    amzDate,
    expiresSeconds: expires,
  };
}

/** True when the request's signature was made with `secretAccessKey` (header or query-string authentication). */
export function verifySignature(req: http.IncomingMessage, body: Buffer, auth: ParsedAuthorization, secretAccessKey: string, presigned?: PresignedAuthorization): boolean {
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  let rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
  // A presigned URL signs its own query minus the signature, over an unsigned payload.
  if (presigned) rawQuery = rawQuery.split('&').filter((p) => !p.startsWith('X-Amz-Signature=')).join('&');
  const bodyHash = createHash('sha256').update(body).digest('hex');
  // S3-style presigning signs UNSIGNED-PAYLOAD; botocore's generic presigner signs the body's hash.
  const payloadHashes = presigned ? ['UNSIGNED-PAYLOAD', bodyHash] : [headerValue(req, 'x-amz-content-sha256') || bodyHash];
  const headers = auth.signedHeaders.map((h) => `${h}:${headerValue(req, h)}\n`).join('');
  const amzDate = presigned ? presigned.amzDate : headerValue(req, 'x-amz-date');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, auth.date), auth.region), auth.service), 'aws4_request');
  // S3 signs the path as sent; every other service encodes it once more.
  for (const [doubleEncode, payloadHash] of (auth.service === 's3' ? [false] : [true, false]).flatMap((d) => payloadHashes.map((h) => [d, h] as const))) {
    const canonical = [req.method ?? 'GET', canonicalUri(rawPath, doubleEncode), canonicalQuery(rawQuery), headers, auth.signedHeaders.join(';'), payloadHash].join('\n');
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
    const expected = createHmac('sha256', key).update(toSign).digest();
    const given = Buffer.from(auth.signature, 'hex');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  return false;
}
