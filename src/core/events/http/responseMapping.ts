// Function results as HTTP responses: the REST proxy contract (statusCode, headers,
// multiValueHeaders, body, isBase64Encoded; anything else is a 502 like API Gateway and
// `sam local start-api`) and the payload 2.0 / function URL inference (fidelity 12).

/** An HTTP response ready to write. */
export interface HttpReply {
  readonly status: number;
  /** Header name to one or more values. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Buffer;
  /** Why the function's answer could not be used (logged as a warning). */
  readonly problem?: string;
}

const json = (status: number, value: unknown, problem?: string): HttpReply => ({
  status,
  headers: { 'Content-Type': 'application/json' },
  body: Buffer.from(JSON.stringify(value)),
  ...(problem ? { problem } : {}),
});

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function parse(payload: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(payload.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

function bodyBytes(body: unknown, base64: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return base64 === true ? Buffer.from(text, 'base64') : Buffer.from(text);
}

/** REST API (and payload 1.0) mapping; a function error or a malformed answer is a 502. */
export function restResponse(payload: Buffer, functionError: boolean): HttpReply {
  const internal = (problem: string): HttpReply => json(502, { message: 'Internal server error' }, problem);
  if (functionError) return internal('The function returned an error.');
  const parsed = parse(payload);
  if (!parsed.ok || !isRecord(parsed.value)) return internal('Malformed Lambda proxy response: the function must return an object with statusCode.');
  const v = parsed.value;
  const status = v['statusCode'];
  const code = typeof status === 'string' && /^\d+$/.test(status) ? Number(status) : status;
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 100 || code > 599) return internal(`Malformed Lambda proxy response: statusCode must be an integer (got ${JSON.stringify(status)}).`);
  if (v['body'] !== undefined && v['body'] !== null && typeof v['body'] !== 'string') return internal('Malformed Lambda proxy response: body must be a string.');
  const headers: Record<string, string[]> = {};
  for (const [k, val] of Object.entries(isRecord(v['multiValueHeaders']) ? v['multiValueHeaders'] : {})) headers[k] = ([] as unknown[]).concat(val).map(String);
  for (const [k, val] of Object.entries(isRecord(v['headers']) ? v['headers'] : {})) {
    const existing = Object.keys(headers).find((h) => h.toLowerCase() === k.toLowerCase());
    if (existing) headers[existing]!.push(String(val));
    else headers[k] = [String(val)];
  }
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = ['application/json'];
  return { status: code, headers, body: bodyBytes(v['body'], v['isBase64Encoded']) };
}

/**
 * Payload 2.0 / function URL mapping: an object with statusCode is a response; any other JSON is a
 * 200 JSON body, except a bare string, which is the body as it is.
 */
export function v2Response(payload: Buffer, functionError: boolean, kind: 'http' | 'url'): HttpReply {
  if (functionError) {
    return kind === 'url'
      ? { status: 502, headers: { 'Content-Type': 'application/json' }, body: Buffer.from('Internal Server Error'), problem: 'The function returned an error.' }
      : json(500, { message: 'Internal Server Error' }, 'The function returned an error.');
  }
  const parsed = parse(payload);
  if (!parsed.ok) {
    return kind === 'url'
      ? { status: 502, headers: { 'Content-Type': 'application/json' }, body: Buffer.from('Internal Server Error'), problem: 'The function returned something that is not JSON.' }
      : json(500, { message: 'Internal Server Error' }, 'The function returned something that is not JSON.');
  }
  const v = parsed.value;
  if (typeof v === 'string') return { status: 200, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(v) };
  if (!isRecord(v) || v['statusCode'] === undefined) return { status: 200, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(v)) };
  const code = Number(v['statusCode']);
  if (!Number.isInteger(code) || code < 100 || code > 599) return json(kind === 'url' ? 502 : 500, { message: 'Internal Server Error' }, `statusCode must be an integer (got ${JSON.stringify(v['statusCode'])}).`);
  const headers: Record<string, string | string[]> = {};
  for (const [k, val] of Object.entries(isRecord(v['headers']) ? v['headers'] : {})) headers[k] = String(val);
  const cookies = Array.isArray(v['cookies']) ? v['cookies'].map(String) : [];
  if (cookies.length) headers['Set-Cookie'] = cookies;
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  return { status: code, headers, body: bodyBytes(v['body'], v['isBase64Encoded']) };
}
