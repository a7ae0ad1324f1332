// Lambda@Edge sample events (viewer/origin request/response), in the shape of the CloudFront developer
// guide's "Lambda@Edge event structure": Records[0].cf with config, request and (responses) response.
import type { SampleContext, SampleType } from './sampleTypes';

type EdgeEvent = 'viewer-request' | 'origin-request' | 'origin-response' | 'viewer-response';

const options = {
  uri: { default: '/index.html', help: 'request URI' },
  querystring: { default: '', help: 'query string without "?"' },
  method: { default: 'GET', help: 'HTTP method' },
  'distribution-domain': { default: 'd111111abcdef8.cloudfront.net', help: 'distribution domain name' },
  'origin-domain': { default: 'example.org', help: 'custom origin domain (origin events)' },
  status: { default: '200', help: 'response status (response events)' },
};

const header = (key: string, value: string): { key: string; value: string }[] => [{ key, value }];

function build(eventType: EdgeEvent, o: Readonly<Record<string, string>>, _ctx: SampleContext): Record<string, unknown> {
  const origin = eventType.startsWith('origin');
  const host = origin ? o['origin-domain']! : o['distribution-domain']!;
  const headers: Record<string, { key: string; value: string }[]> = {
    host: header('Host', host),
    'user-agent': header('User-Agent', origin ? 'Amazon CloudFront' : 'curl/8.4.0'),
    accept: header('accept', '*/*'),
    ...(origin ? { 'x-forwarded-for': header('X-Forwarded-For', '203.0.113.178'), via: header('Via', '2.0 2afae0d44e2540f472c0635ab62c232b.cloudfront.net (CloudFront)') } : {}),
  };
  const request: Record<string, unknown> = { clientIp: '203.0.113.178', headers, method: (o['method'] ?? 'GET').toUpperCase(), querystring: o['querystring'] ?? '', uri: o['uri'] };
  if (origin) {
    request['origin'] = { custom: { customHeaders: {}, domainName: o['origin-domain'], keepaliveTimeout: 5, path: '', port: 443, protocol: 'https', readTimeout: 30, sslProtocols: ['TLSv1.2'] } };
  }
  const cf: Record<string, unknown> = {
    config: { distributionDomainName: o['distribution-domain'], distributionId: 'EDFDVBD6EXAMPLE', eventType, requestId: '4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==' },
    request,
  };
  if (eventType.endsWith('response')) {
    const status = o['status'] ?? '200';
    if (!/^\d{3}$/.test(status)) throw new Error(`--status must be a 3-digit HTTP status, got ${status}`);
    cf['response'] = {
      headers: { 'content-type': header('Content-Type', 'text/html'), 'last-modified': header('Last-Modified', 'Thu, 01 Jan 2026 00:00:00 GMT'), server: header('Server', 'ECS (bsa/EB13)') },
      status,
      statusDescription: status === '200' ? 'OK' : status === '404' ? 'Not Found' : '',
    };
  }
  return { Records: [{ cf }] };
}

const edge = (eventType: EdgeEvent, help: string): SampleType => ({ help: `Lambda@Edge ${help} (${eventType})`, options, build: (o, ctx) => build(eventType, o, ctx) });

/** `generate-event cloudfront <event type>`. */
export const edgeSamples: Readonly<Record<string, Readonly<Record<string, SampleType>>>> = {
  cloudfront: {
    'viewer-request': edge('viewer-request', 'viewer request'),
    'origin-request': edge('origin-request', 'origin request'),
    'origin-response': edge('origin-response', 'origin response'),
    'viewer-response': edge('viewer-response', 'viewer response'),
  },
};
