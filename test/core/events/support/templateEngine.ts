// Test helpers for event-source tests: an engine loaded from a SAM template written into a temporary
// workspace (with the API listening), and waiting on emitter events instead of sleeping.
import type { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator, type EmulatorOptions } from '../../../../src/core/emulator';

/** An engine on a temporary workspace; `dispose` stops it and removes the workspace. */
export interface TemplateEngine {
  readonly engine: Emulator;
  readonly url: string;
  readonly dir: string;
  /** Warnings the engine emitted so far. */
  readonly warnings: string[];
  dispose(): Promise<void>;
}

/** Writes `files` and `template.yaml` into a new workspace, loads it and starts the API. */
export async function startTemplateEngine(template: string, files: Record<string, string>, options: Partial<EmulatorOptions> = {}, dir?: string): Promise<TemplateEngine> {
  const workspace = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-events-'));
  for (const [rel, content] of Object.entries({ ...files, 'template.yaml': template })) {
    fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(workspace, rel), content);
  }
  const engine = new Emulator({ workspaceDir: workspace, api: {}, ...options });
  const warnings: string[] = [];
  engine.on('warning', (m) => warnings.push(m));
  try {
    const url = (await engine.listen()) as string;
    await engine.loadTemplate({ templatePath: path.join(workspace, 'template.yaml'), dotEnvFile: false });
    return {
      engine,
      url,
      dir: workspace,
      warnings,
      dispose: async () => {
        await engine.dispose();
        if (!dir) fs.rmSync(workspace, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await engine.dispose();
    throw e;
  }
}

/** Resolves with the arguments of the first `event` for which `match` holds; rejects after `ms`. */
export function nextEvent<A extends unknown[]>(emitter: EventEmitter, event: string, match: (...args: A) => boolean = () => true, ms = 20_000): Promise<A> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out waiting for '${event}'`));
    }, ms);
    const listener = (...args: unknown[]): void => {
      if (!match(...(args as A))) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args as A);
    };
    emitter.on(event, listener);
  });
}

/** Resolves once `condition()` holds, re-checking on each `event` of `emitter`. */
export async function until(emitter: EventEmitter, event: string, condition: () => boolean, ms = 20_000): Promise<void> {
  if (condition()) return;
  await nextEvent(emitter, event, condition, ms);
}

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
