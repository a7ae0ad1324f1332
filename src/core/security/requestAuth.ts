// Strict-mode authentication of one endpoint request, the way AWS decides it: a known access key, a
// credential scope naming this service and region, a signing time within 15 minutes, a matching
// signature; each failure with the code and wording AWS uses, in the error shape of the protocol.
import type * as http from 'node:http';
import { parseAuthorization, parsePresigned, verifySignature } from './sigv4';

/** A key strict mode accepts, and the principal it stands for. */
export interface AccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly principal?: string;
}

/** How errors are written back: Lambda's REST-JSON, a JSON 1.0/1.1 target, or the Query/XML protocol (SNS). */
export type Protocol = { readonly kind: 'rest-json' } | { readonly kind: 'json'; readonly contentType: string; readonly queryCompatible: boolean } | { readonly kind: 'query' };

/** Which service a request must be signed for. */
export interface Audience {
  /** SigV4 service name (lambda, logs, sqs, sns, kinesis); undefined accepts any (unknown targets). */
  readonly service: string | undefined;
  readonly region: string;
  readonly protocol: Protocol;
}

/** Why a request was refused, as AWS names it. */
export interface AuthFailure {
  readonly reason: 'missing' | 'unknown-key' | 'bad-signature' | 'expired' | 'scope';
  readonly message: string;
}

/** AWS's accepted distance between the signing time and the server's clock (SigV4 documentation). */
export const CLOCK_SKEW_MS = 15 * 60 * 1000;

const BAD_SIGNATURE = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const UNKNOWN_KEY = 'The security token included in the request is invalid.';

const amz = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const parseAmz = (s: string): number | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : undefined;
};

/** The key that signed `req`, or why it is refused. */
export function authenticateRequest(req: http.IncomingMessage, query: URLSearchParams, body: Buffer, keys: readonly AccessKey[], audience: Audience, now: number): AccessKey | AuthFailure {
  const presigned = req.headers.authorization === undefined ? parsePresigned(query) : undefined;
  const auth = presigned ?? parseAuthorization(req.headers.authorization);
  if (!auth) {
    return { reason: 'missing', message: audience.protocol.kind === 'query' ? 'Request is missing Authentication Token' : 'Missing Authentication Token' };
  }
  const key = keys.find((k) => k.accessKeyId === auth.accessKeyId);
  if (!key) return { reason: 'unknown-key', message: UNKNOWN_KEY };
  if (audience.service !== undefined && auth.service !== audience.service) {
    return { reason: 'scope', message: `Credential should be scoped to correct service: '${audience.service}'. ` };
  }
  if (auth.region !== audience.region) return { reason: 'scope', message: `Credential should be scoped to a valid region. ` };
  const amzDate = presigned?.amzDate ?? headerOf(req, 'x-amz-date');
  const signedAt = parseAmz(amzDate);
  if (signedAt === undefined) return { reason: 'bad-signature', message: BAD_SIGNATURE };
  if (amzDate.slice(0, 8) !== auth.date) {
    return { reason: 'scope', message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.` };
  }
  if (presigned && now > signedAt + presigned.expiresSeconds * 1000) {
    return { reason: 'expired', message: `Signature expired: ${amzDate} is now earlier than ${amz(now - presigned.expiresSeconds * 1000)} (${amz(now)} - ${presigned.expiresSeconds} sec.)` };
  }
  // A presigned URL lives for its X-Amz-Expires instead of the 15-minute window.
  if (!presigned && signedAt < now - CLOCK_SKEW_MS) return { reason: 'expired', message: `Signature expired: ${amzDate} is now earlier than ${amz(now - CLOCK_SKEW_MS)} (${amz(now)} - 15 min.)` };
  if (signedAt > now + CLOCK_SKEW_MS) return { reason: 'expired', message: `Signature not yet current: ${amzDate} is still later than ${amz(now + CLOCK_SKEW_MS)} (${amz(now)} + 15 min.)` };
  if (!verifySignature(req, body, auth, key.secretAccessKey, presigned)) return { reason: 'bad-signature', message: BAD_SIGNATURE };
  return key;
}

function headerOf(req: http.IncomingMessage, name: string): string {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

/** The error code AWS uses for `reason` in a JSON protocol (Lambda, Logs, Kinesis) and in the Query protocol (SNS, SQS's query code). */
const CODES: Record<AuthFailure['reason'], { readonly json: string; readonly query: string }> = {
  missing: { json: 'MissingAuthenticationTokenException', query: 'MissingAuthenticationToken' },
  'unknown-key': { json: 'UnrecognizedClientException', query: 'InvalidClientTokenId' },
  'bad-signature': { json: 'InvalidSignatureException', query: 'SignatureDoesNotMatch' },
  expired: { json: 'InvalidSignatureException', query: 'SignatureDoesNotMatch' },
  scope: { json: 'InvalidSignatureException', query: 'SignatureDoesNotMatch' },
};

/** The HTTP answer to a refused request, in the protocol's error shape (always 403, as AWS answers). */
export function authFailureReply(f: AuthFailure, protocol: Protocol, requestId: string): { status: number; code: string; headers: Record<string, string>; body: string } {
  const code = CODES[f.reason];
  if (protocol.kind === 'query') {
    const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return {
      status: 403,
      code: code.query,
      headers: { 'Content-Type': 'text/xml' },
      body: `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code.query}</Code><Message>${esc(f.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    };
  }
  if (protocol.kind === 'json') {
    // SQS speaks JSON but keeps its Query error codes in x-amzn-query-error (awsQueryCompatible), which the SDKs read.
    const headers: Record<string, string> = { 'Content-Type': protocol.contentType, 'x-amzn-ErrorType': code.json };
    if (protocol.queryCompatible) headers['x-amzn-query-error'] = `${code.query};Sender`;
    return { status: 403, code: code.json, headers, body: JSON.stringify({ __type: code.json, message: f.message }) };
  }
  return { status: 403, code: code.json, headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': code.json }, body: JSON.stringify({ message: f.message }) };
}
