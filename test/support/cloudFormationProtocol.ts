// The wire side of the CloudFormation test server: AWS Query protocol requests (form-encoded, SigV4-signed,
// Version 2010-05-15) parsed and checked, and XML responses and errors in the documented shapes
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/ and the Query protocol's
// `<Action>Response><Action>Result>` / `<ErrorResponse><Error>` envelopes, lists as `<member>`).
import { randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import { parseAuthorization, verifySignature } from '../../src/core/security/sigv4';

export const XMLNS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** A CloudFormation error as the service sends it (HTTP status, Code, Sender/Receiver). */
export class CfnError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
  }
}

/** A parsed request: Action and its flat parameters (`Capabilities.member.1` ...). */
export interface QueryRequest {
  readonly action: string;
  readonly params: URLSearchParams;
}

/** Reads and checks one request: POST /, form encoded, Version, a valid SigV4 signature for service cloudformation. */
export function parseQueryRequest(req: http.IncomingMessage, body: Buffer, secretAccessKey: string): QueryRequest {
  if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== '/') throw new CfnError('InvalidAction', `Expected POST /, got ${req.method} ${req.url}`);
  if (!/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) throw new CfnError('InvalidParameterValue', `Content-Type must be application/x-www-form-urlencoded, got ${req.headers['content-type']}`);
  const auth = parseAuthorization(req.headers.authorization);
  if (!auth) throw new CfnError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  if (auth.service !== 'cloudformation') throw new CfnError('InvalidClientTokenId', `Credential should be scoped to correct service: 'cloudformation'.`, 403);
  if (!verifySignature(req, body, auth, secretAccessKey)) throw new CfnError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.', 403);
  const params = new URLSearchParams(body.toString('utf8'));
  if (params.get('Version') !== '2010-05-15') throw new CfnError('InvalidParameterValue', `Version must be 2010-05-15, got ${params.get('Version')}`);
  const action = params.get('Action');
  if (!action) throw new CfnError('MissingAction', 'Action is required');
  return { action, params };
}

/** `Name.member.N` values in order. */
export function memberList(params: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++) out.push(params.get(`${name}.member.${i}`) as string);
  return out;
}

/** `Name.member.N.Field` structures in order. */
export function memberStructs(params: URLSearchParams, name: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (let i = 1; ; i++) {
    const prefix = `${name}.member.${i}.`;
    const fields = [...params.entries()].filter(([k]) => k.startsWith(prefix));
    if (fields.length === 0) return out;
    out.push(Object.fromEntries(fields.map(([k, v]) => [k.slice(prefix.length), v])));
  }
}

/** Throws ValidationError unless `name` is present (the message CloudFormation gives for a missing member). */
export function required(params: URLSearchParams, name: string): string {
  const v = params.get(name);
  if (v === null || v === '') throw new CfnError('ValidationError', `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`);
  return v;
}

/** An XML value: a scalar, a structure (object), a list (array, as `<member>`s), or absent. */
export type Xml = string | number | boolean | Date | undefined | readonly Xml[] | { readonly [k: string]: Xml };

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xml(value: Xml): string {
  if (value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return (value as readonly Xml[]).map((v) => `<member>${xml(v)}</member>`).join('');
  if (typeof value === 'object') return Object.entries(value as Record<string, Xml>).filter(([, v]) => v !== undefined).map(([k, v]) => `<${k}>${xml(v)}</${k}>`).join('');
  return escape(String(value));
}

/** The success envelope of an action. */
export function resultXml(action: string, result: Xml): string {
  const inner = result === undefined ? '' : `<${action}Result>${xml(result)}</${action}Result>`;
  return `<${action}Response xmlns="${XMLNS}">${inner}<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
}

/** The error envelope. */
export function errorXml(e: CfnError): string {
  return `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${e.status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${escape(e.code)}</Code><Message>${escape(e.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
}
