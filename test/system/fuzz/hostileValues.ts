// Seeded generators of hostile input for the API fuzzer: path segments (invalid names, traversal,
// broken escapes), JSON bodies with wrong types, bad JSON, query strings and headers.
import type { Random } from '../../support/seededRandom';

/** Marker in traversal payloads: a file or folder with this in its name anywhere means a write escaped. */
export const ESCAPE_MARKER = 'fuzzpwn';

const SEGMENTS = [
  'echo', 'echo:live', 'echo:1', 'echo:$LATEST', 'missing-fn', '', ' ', '..', '.', '%2e%2e', '..%2F..%2F' + ESCAPE_MARKER, '..%2f..%2f..%2f..%2ftmp%2f' + ESCAPE_MARKER,
  '%2Fetc%2Fpasswd', 'a'.repeat(65), 'a'.repeat(200), 'x'.repeat(5000), 'arn:aws:lambda:us-east-1:123456789012:function:echo', 'arn:aws:lambda:us-east-1:000000000000:function:echo',
  'arn:aws:lambda:::function:', 'arn%3Aaws%3Alambda', '%00', 'nul%00byte', '%E0%A4%A', '%ZZ', '%', 'emoji-%F0%9F%98%80', '$LATEST', '$latest', '0', '-1', '99999999999999999999',
  'live', 'a:b:c', '123456789012:echo', 'echo%3Alive', '..%5C..%5C' + ESCAPE_MARKER, 'con', 'aux', '~root', '${jndi:ldap}', '<script>', "' OR 1=1", 'q=1?x=2', '%20',
];

const STRINGS = [
  '', ' ', 'echo', 'live', '1', '$LATEST', '../' + ESCAPE_MARKER, '../../../../../../tmp/' + ESCAPE_MARKER, '/etc/passwd', '/tmp/' + ESCAPE_MARKER, 'C:\\\\Windows', 'a'.repeat(300),
  'x'.repeat(70_000), '\u0000', '\ud800', '🙂'.repeat(100), 'nodejs20.x', 'python3.11', 'provided.al2023', 'java21', 'index.handler', '../../escape.handler', 'arn:aws:iam::123456789012:role/r',
  'arn:aws:sqs:us-east-1:123456789012:q', 'arn:aws:lambda:us-east-1:123456789012:function:echo', 'not-an-arn', 'lambda:InvokeFunction', '*', '{"a":', 'true', 'null', '-1', 'NaN', '1e999',
  '%s%s%s%n', '${AWS::Region}', 'http://127.0.0.1:1/', 'UEsDBAoAAAAAAA==', 'AAAA', '!!!not base64!!!',
];

const NUMBERS = [0, -1, 1, 3, 1.5, 6, 10, 128, 900, 901, 10241, 1e308, -1e308, 2 ** 31, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 0.0001];

/** Field names every API route reads somewhere, so random bodies reach validation code. */
const FIELDS = [
  'FunctionName', 'Qualifier', 'Name', 'FunctionVersion', 'Description', 'RoutingConfig', 'AdditionalVersionWeights', 'RevisionId', 'CodeSha256', 'Code', 'ZipFile', 'S3Bucket', 'S3Key',
  'S3ObjectVersion', 'ImageUri', 'Handler', 'Runtime', 'Role', 'MemorySize', 'Timeout', 'Environment', 'Variables', 'Layers', 'Tags', 'TagKeys', 'Publish', 'Architectures', 'EphemeralStorage',
  'Size', 'ReservedConcurrentExecutions', 'ProvisionedConcurrentExecutions', 'StatementId', 'Action', 'Principal', 'SourceArn', 'SourceAccount', 'EventSourceArn', 'BatchSize', 'Enabled',
  'FilterCriteria', 'Filters', 'Pattern', 'MaximumRetryAttempts', 'MaximumEventAgeInSeconds', 'DestinationConfig', 'OnSuccess', 'OnFailure', 'Destination', 'StartingPosition',
  'FunctionResponseTypes', 'BisectBatchOnFunctionError', 'QueueName', 'QueueUrl', 'Attributes', 'AttributeNames', 'MessageBody', 'MessageAttributes', 'ReceiptHandle', 'Entries', 'Id',
  'MaxNumberOfMessages', 'VisibilityTimeout', 'DelaySeconds', 'MessageGroupId', 'MessageDeduplicationId', 'QueueNamePrefix', 'logGroupName', 'logGroupIdentifier', 'logGroupNamePrefix',
  'logStreamName', 'logStreamNames', 'logStreamNamePrefix', 'logEvents', 'timestamp', 'message', 'startTime', 'endTime', 'filterPattern', 'logEventMessages', 'nextToken', 'limit',
  'startFromHead', 'orderBy', 'descending', 'retentionInDays', 'interleaved', 'StreamName', 'StreamARN', 'ShardCount', 'Data', 'PartitionKey', 'ExplicitHashKey', 'Records', 'ShardId',
  'ShardIteratorType', 'ShardIterator', 'StartingSequenceNumber', 'Limit', 'Marker', 'MaxItems', 'logGroupIdentifiers', 'logEventFilterPattern', 'UUID',
];

/** A random value of a random JSON type, sometimes nested. */
export function hostileValue(rng: Random, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 4 : 7)) {
    case 0:
      return rng.pick(STRINGS);
    case 1:
      return rng.pick(NUMBERS);
    case 2:
      return rng.pick([true, false, null]);
    case 3:
      return rng.pick(SEGMENTS);
    case 4:
      return Array.from({ length: rng.int(4) }, () => hostileValue(rng, depth + 1));
    default:
      return hostileObject(rng, depth + 1);
  }
}

/** An object with random known field names and hostile values. */
export function hostileObject(rng: Random, depth = 0): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = rng.int(6); i >= 0; i--) o[rng.pick(FIELDS)] = hostileValue(rng, depth);
  if (rng.next() < 0.1) o['__proto__'] = { polluted: true };
  if (rng.next() < 0.05) o['constructor'] = { prototype: { polluted: true } };
  return o;
}

/** A request body: hostile JSON, broken JSON, or other bytes. */
export function hostileBody(rng: Random): Buffer {
  const kind = rng.int(14);
  if (kind < 7) return Buffer.from(JSON.stringify(hostileObject(rng)));
  const other = [
    '', '{', '}', '[]', 'null', '"just a string"', '123', '{"FunctionName":', '{"a":1,}', "{'single':'quotes'}", '\u0000\u0001\u0002', '{"a":"\\ud800"}',
    '['.repeat(20_000) + ']'.repeat(20_000), `{"x":"${'y'.repeat(200_000)}"}`, '{"a":1}{"b":2}', 'NaN', '\xff\xfe\xfd',
  ];
  if (kind === 13 && rng.next() < 0.1) return Buffer.alloc(rng.pick([7 * 1024 * 1024, 300 * 1024, 6 * 1024 * 1024 + 10]), 0x7b);
  return Buffer.from(rng.pick(other), 'latin1');
}

/** A path segment for a capture group of a route. */
export function hostileSegment(rng: Random): string {
  return rng.pick(SEGMENTS);
}

/** A query string (without `?`), often empty. */
export function hostileQuery(rng: Random): string {
  if (rng.next() < 0.5) return '';
  const keys = ['Qualifier', 'Marker', 'MaxItems', 'FunctionVersion', 'FunctionName', 'EventSourceArn', 'Qualifier'];
  const parts: string[] = [];
  for (let i = rng.int(3); i >= 0; i--) parts.push(`${rng.pick(keys)}=${rng.pick(SEGMENTS)}`);
  if (rng.next() < 0.1) parts.push('%ZZ=%ZZ');
  return parts.join('&');
}

/** Extra request headers: Lambda's own with bad values, and oversized or odd ones. */
export function hostileHeaders(rng: Random): Record<string, string> {
  const h: Record<string, string> = {};
  const pick = rng.int(10);
  if (pick === 0) h['X-Amz-Invocation-Type'] = rng.pick(['Event', 'DryRun', 'RequestResponse', 'event', 'Bogus', '']);
  if (pick === 1) h['X-Amz-Log-Type'] = rng.pick(['Tail', 'None', 'tail', 'x'.repeat(100)]);
  if (pick === 2) h['X-Amz-Client-Context'] = rng.pick(['!!!', Buffer.from('{"custom":1}').toString('base64'), 'A'.repeat(4000), Buffer.from('not json').toString('base64')]);
  if (pick === 3) h['Authorization'] = rng.pick(['AWS4-HMAC-SHA256 Credential=/', 'AWS4-HMAC-SHA256', 'Basic abc', 'AWS4-HMAC-SHA256 Credential=AKIA/20200101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=00']);
  if (pick === 4) h['X-Big'] = 'b'.repeat(rng.pick([8_000, 15_000, 70_000]));
  if (pick === 5) for (let i = 0; i < 250; i++) h[`X-Many-${i}`] = String(i);
  if (pick === 6) h['Content-Type'] = rng.pick(['application/x-amz-json-1.0', 'text/plain', 'multipart/form-data; boundary=x', '']);
  if (pick === 7) h['X-Amz-Tenant-Id'] = rng.pick(['t', 'x'.repeat(300), '']);
  return h;
}
