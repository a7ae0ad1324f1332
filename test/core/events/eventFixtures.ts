// Fixtures for event-source tests: SAM templates and the Node handlers they run.

/** A SAM template: `resources` is YAML indented by two spaces under Resources. */
export function samTemplate(resources: string, globals = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
${globals}Resources:
${resources}`;
}

/** Node handlers used across event-source tests. */
export const handlers = {
  /** Echoes the event; waits `event.holdMs`, throws when `event.fail` is set, returns `event.result` when present. */
  'src/echo.js': `exports.handler = async (event, context) => {
  if (event && event.holdMs) await new Promise((r) => setTimeout(r, event.holdMs));
  if (event && event.fail) throw new Error('failing on purpose: ' + (event.n ?? ''));
  if (event && 'result' in event) return event.result;
  return { requestId: context.awsRequestId, event };
};
`,
  /** SQS consumer: reports every record whose body is "bad" as a batch item failure. */
  'src/worker.js': `exports.handler = async (event) => ({
  batchItemFailures: event.Records.filter((r) => r.body === 'bad').map((r) => ({ itemIdentifier: r.messageId })),
});
`,
  /** Stream consumer: fails the whole batch when a Kinesis record's data is "poison"; reports DynamoDB items with NewImage.fail. */
  'src/stream.js': `exports.handler = async (event) => {
  const data = (r) => (r.kinesis ? Buffer.from(r.kinesis.data, 'base64').toString('utf8') : undefined);
  if (event.Records.some((r) => data(r) === 'poison')) throw new Error('poison record');
  return {
    batchItemFailures: event.Records.filter((r) => r.dynamodb && r.dynamodb.NewImage && r.dynamodb.NewImage.fail)
      .map((r) => ({ itemIdentifier: r.dynamodb.SequenceNumber })),
  };
};
`,
};
