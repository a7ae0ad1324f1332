// MCP tools over functions: list them, invoke one (with an inline, saved or sample event), list saved
// events and generate sample events.
import { InvokeCommand, ListFunctionsCommand, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultPartition } from '../../core/arn';
import { generateEvent, listSamples } from '../../core/events/samples/sampleEvents';
import { parsePayload, reportFigures, type InvocationDocument } from '../invocationDocument';
import type { EngineConnection } from './engineConnection';
import { optionalString, stringArg, ToolInputError, type McpTool } from './mcpTool';

const functionName = { type: 'string', description: 'Function name as the template or list_functions gives it (e.g. "hello-node"), or its ARN.' };
const sampleSchema = {
  type: 'object',
  description: 'A generated sample event of an AWS event source; see generate_event for the catalogue.',
  properties: { source: { type: 'string', description: 'e.g. "s3", "sqs", "apigateway"' }, type: { type: 'string', description: 'e.g. "put", "receive-message", "http-api-proxy"' }, options: { type: 'object', additionalProperties: { type: 'string' }, description: 'Sample options, e.g. {"bucket": "photos", "key": "cat.jpg"}' } },
  required: ['source', 'type'],
};

async function allFunctions(engine: EngineConnection): Promise<FunctionConfiguration[]> {
  const { lambda } = await engine.endpoint();
  const out: FunctionConfiguration[] = [];
  let Marker: string | undefined;
  do {
    const page = await lambda.send(new ListFunctionsCommand(Marker ? { Marker } : {}));
    out.push(...(page.Functions ?? []));
    Marker = page.NextMarker;
  } while (Marker);
  return out;
}

/** Saved events of a function: its own folder first, then the shared ones. */
function savedEvents(dir: string, fn: string): { name: string; file: string; shared: boolean }[] {
  const json = (d: string): string[] => {
    try {
      return fs.readdirSync(d, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => e.name).sort();
    } catch {
      return [];
    }
  };
  return [...json(path.join(dir, fn)).map((f) => ({ name: f.slice(0, -5), file: path.join(dir, fn, f), shared: false })), ...json(dir).map((f) => ({ name: f.slice(0, -5), file: path.join(dir, f), shared: true }))];
}

// The event to send, from exactly one of event / savedEvent / sample (none: {}).
async function eventOf(args: Record<string, unknown>, fn: string, engine: EngineConnection): Promise<Buffer> {
  const given = ['event', 'savedEvent', 'sample'].filter((k) => args[k] !== undefined);
  if (given.length > 1) throw new ToolInputError(`Give only one of event, savedEvent and sample (got ${given.join(', ')}).`);
  if (args.savedEvent !== undefined) {
    const name = stringArg(args, 'savedEvent');
    const dir = await engine.eventsDir();
    const hit = savedEvents(dir, fn).find((e) => e.name === name.replace(/\.json$/, ''));
    if (!hit) throw new ToolInputError(`No saved event '${name}' for ${fn} in ${dir} (list_saved_events shows them).`);
    const text = fs.readFileSync(hit.file, 'utf8');
    try {
      JSON.parse(text);
    } catch (e) {
      throw new ToolInputError(`The saved event ${hit.file} is not valid JSON: ${(e as Error).message}`);
    }
    return Buffer.from(text);
  }
  if (args.sample !== undefined) {
    const s = args.sample as { source?: unknown; type?: unknown; options?: Record<string, string> };
    return Buffer.from(JSON.stringify(generateEvent(stringArg(s as Record<string, unknown>, 'source'), stringArg(s as Record<string, unknown>, 'type'), s.options ?? {}, defaultPartition)));
  }
  return Buffer.from(JSON.stringify(args.event ?? {}));
}

export const functionTools: McpTool[] = [
  {
    name: 'list_functions',
    description: 'Lists the Lambda functions of the local workspace (from its SAM template and any created through the API): name, runtime, handler, memory, timeout and environment variable names. Start here to learn the function names the other tools take.',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    annotations: { title: 'List functions', readOnlyHint: true, openWorldHint: false },
    run: async (_args, engine) => ({
      functions: (await allFunctions(engine)).map((f) => ({
        name: f.FunctionName,
        runtime: f.Runtime,
        handler: f.Handler,
        memorySize: f.MemorySize,
        timeout: f.Timeout,
        description: f.Description || undefined,
        environmentVariables: Object.keys(f.Environment?.Variables ?? {}),
        layers: f.Layers?.map((l) => l.Arn),
      })),
    }),
  },
  {
    name: 'invoke_function',
    description:
      'Invokes a local Lambda function synchronously (RequestResponse) and returns its response, whether it failed (functionError with the error in payload), the REPORT figures (duration, init duration on a cold start, memory) and its log. ' +
      'The event is one of: event (inline JSON), savedEvent (a name from list_saved_events) or sample (a generated AWS event); none sends {}. The function runs on this machine with its real code, so it can have side effects (files, network calls).',
    inputSchema: {
      type: 'object',
      properties: {
        functionName,
        qualifier: { type: 'string', description: 'Version number or alias to run; default $LATEST (the current code).' },
        event: { description: 'The event as JSON (object, array or value).' },
        savedEvent: { type: 'string', description: 'Name of a saved event of this function (see list_saved_events).' },
        sample: sampleSchema,
      },
      required: ['functionName'],
      additionalProperties: false,
    },
    annotations: { title: 'Invoke a function', readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    run: async (args, engine) => {
      const fn = stringArg(args, 'functionName');
      const qualifier = optionalString(args, 'qualifier');
      const payload = await eventOf(args, fn, engine);
      const { lambda } = await engine.endpoint();
      const r = await lambda.send(new InvokeCommand({ FunctionName: fn, Payload: payload, LogType: 'Tail', ...(qualifier ? { Qualifier: qualifier } : {}) }));
      const masker = await engine.masker();
      const log = masker.mask(r.LogResult ? Buffer.from(r.LogResult, 'base64').toString('utf8') : '');
      const doc: InvocationDocument = {
        requestId: r.$metadata.requestId ?? '',
        functionName: fn,
        ...(r.ExecutedVersion ? { executedVersion: r.ExecutedVersion } : {}),
        ...(r.FunctionError ? { functionError: r.FunctionError } : {}),
        payload: parsePayload(masker.mask(Buffer.from(r.Payload ?? []).toString('utf8'))),
        ...reportFigures(log),
        log,
      };
      return doc;
    },
  },
  {
    name: 'list_saved_events',
    description: "Lists the saved test events of a function: JSON files in events/<function>/ beside the template (the function's own) and events/*.json (shared). Pass a name to invoke_function as savedEvent.",
    inputSchema: { type: 'object', properties: { functionName }, required: ['functionName'], additionalProperties: false },
    annotations: { title: 'List saved events', readOnlyHint: true, openWorldHint: false },
    run: async (args, engine) => {
      const dir = await engine.eventsDir();
      return { eventsDirectory: dir, events: savedEvents(dir, stringArg(args, 'functionName')) };
    },
  },
  {
    name: 'generate_event',
    description:
      'Generates a sample event of an AWS event source (API Gateway, function URL, ALB, S3, SQS, SNS, EventBridge, DynamoDB and Kinesis streams, CloudWatch Logs, Cognito) shaped like the real service sends it. ' +
      'Without source and type it returns the catalogue of sources, types and their options.',
    inputSchema: {
      type: 'object',
      properties: { source: sampleSchema.properties.source, type: sampleSchema.properties.type, options: sampleSchema.properties.options },
      additionalProperties: false,
    },
    annotations: { title: 'Generate a sample event', readOnlyHint: true, openWorldHint: false },
    run: async (args) => {
      const source = optionalString(args, 'source');
      const type = optionalString(args, 'type');
      if (!source && !type) return { samples: listSamples() };
      if (!source || !type) throw new ToolInputError('Give both source and type (call generate_event without arguments for the catalogue).');
      return { event: generateEvent(source, type, (args.options as Record<string, string> | undefined) ?? {}, defaultPartition) };
    },
  },
];
