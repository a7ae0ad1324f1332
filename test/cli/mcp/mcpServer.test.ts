// `lambda-workbench mcp` driven by the official MCP SDK's Client over stdio (a real child process): the
// tool list and annotations, every tool on its own engine and attached to a running `serve`, and errors.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { assertNoOrphans } from '../../support/processes';
import { handlerCode, newWorkspace, removeWorkspaces, templateFor } from '../../core/management/managementFixtures';

const bin = path.join(__dirname, '..', '..', '..', 'bin', 'lambda-workbench.js');
const failing = 'exports.handler = async () => { throw new TypeError("boom"); };\n';
const echo = 'exports.handler = async (event) => { console.log("got", JSON.stringify(event)); return { echoed: event }; };\n';

interface Session {
  client: Client;
  pid: number;
  call(name: string, args?: Record<string, unknown>): Promise<{ doc: any; isError: boolean }>;
  close(): Promise<void>;
}

async function connect(dir: string, extraArgs: string[] = []): Promise<Session> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp', ...extraArgs], cwd: dir, env: { ...process.env, XDG_CONFIG_HOME: path.join(dir, '.config') }, stderr: 'pipe' });
  const client = new Client({ name: 'lambda-workbench-test', version: '1.0.0' });
  await client.connect(transport);
  const pid = transport.pid as number;
  return {
    client,
    pid,
    call: async (name, args = {}) => {
      const r = await client.callTool({ name, arguments: args });
      const text = (r.content as { type: string; text: string }[])[0]?.text ?? '';
      const doc = JSON.parse(text);
      if (!r.isError) assert.deepEqual(r.structuredContent, doc);
      return { doc, isError: Boolean(r.isError) };
    },
    close: async () => {
      await client.close();
      await assertNoOrphans(10_000, pid);
    },
  };
}

describe('MCP server (lambda-workbench mcp)', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = newWorkspace({
      'template.yaml': templateFor({ fn: '', bad: '', echo: '' }),
      'fn/index.js': handlerCode('one'),
      'bad/index.js': failing,
      'echo/index.js': echo,
      'events/echo/order.json': '{"orderId": 42}\n',
      'events/shared.json': '{"shared": true}\n',
    });
  });
  afterEach(removeWorkspaces);

  it('lists its tools with model-facing descriptions, JSON schemas and read-only / destructive annotations', async () => {
    const s = await connect(dir);
    try {
      assert.equal(s.client.getServerVersion()?.name, 'lambda-workbench');
      assert.match(s.client.getInstructions() ?? '', /list_functions/);
      const { tools } = await s.client.listTools();
      const byName = new Map(tools.map((t) => [t.name, t]));
      for (const name of ['list_functions', 'invoke_function', 'list_saved_events', 'generate_event', 'get_logs', 'get_invocation', 'get_metrics', 'list_versions', 'publish_version', 'set_alias', 'list_async_events', 'get_async_event']) {
        const t = byName.get(name);
        assert.ok(t, `missing ${name}`);
        assert.ok((t.description ?? '').length > 60, name);
        assert.equal(t.inputSchema.type, 'object');
        assert.equal(typeof t.annotations?.readOnlyHint, 'boolean', name);
      }
      for (const name of ['list_functions', 'get_logs', 'get_invocation', 'get_metrics', 'list_async_events', 'generate_event']) assert.equal(byName.get(name)?.annotations?.readOnlyHint, true, name);
      assert.equal(byName.get('set_alias')?.annotations?.destructiveHint, true);
      assert.equal(byName.get('invoke_function')?.annotations?.readOnlyHint, false);
      assert.deepEqual(byName.get('invoke_function')?.inputSchema.required, ['functionName']);
    } finally {
      await s.close();
    }
  });

  it('on its own engine: lists, invokes with inline, saved and sample events, reads the invocation, logs and metrics', async () => {
    const s = await connect(dir);
    try {
      const list = await s.call('list_functions');
      assert.deepEqual(list.doc.functions.map((f: { name: string }) => f.name).sort(), ['bad', 'echo', 'fn']);

      const inline = await s.call('invoke_function', { functionName: 'echo', event: { hello: 'agent' } });
      assert.equal(inline.isError, false);
      assert.deepEqual(inline.doc.payload, { echoed: { hello: 'agent' } });
      assert.equal(inline.doc.coldStart, true);
      assert.match(inline.doc.log, /got \{"hello":"agent"\}/);

      assert.deepEqual((await s.call('list_saved_events', { functionName: 'echo' })).doc.events.map((e: { name: string; shared: boolean }) => `${e.name}:${e.shared}`), ['order:false', 'shared:true']);
      const saved = await s.call('invoke_function', { functionName: 'echo', savedEvent: 'order' });
      assert.deepEqual(saved.doc.payload, { echoed: { orderId: 42 } });
      assert.equal(saved.doc.coldStart, false);
      const sample = await s.call('invoke_function', { functionName: 'echo', sample: { source: 's3', type: 'put', options: { bucket: 'photos' } } });
      assert.equal(sample.doc.payload.echoed.Records[0].s3.bucket.name, 'photos');

      const failed = await s.call('invoke_function', { functionName: 'bad' });
      assert.equal(failed.isError, false);
      assert.equal(failed.doc.functionError, 'Unhandled');
      assert.equal(failed.doc.payload.errorType, 'TypeError');

      const inv = await s.call('get_invocation', { requestId: inline.doc.requestId });
      assert.equal(inv.doc.requestId, inline.doc.requestId);
      assert.deepEqual(inv.doc.event, { hello: 'agent' });
      assert.deepEqual(inv.doc.response, { echoed: { hello: 'agent' } });
      assert.equal(inv.doc.coldStart, true);
      assert.match(inv.doc.log, new RegExp(`START RequestId: ${inline.doc.requestId}[^]*got [^]*REPORT RequestId: ${inline.doc.requestId}`));
      assert.doesNotMatch(inv.doc.log, new RegExp(saved.doc.requestId), 'only this invocation');

      const logs = await s.call('get_logs', { functionName: 'echo', filterPattern: '"orderId"' });
      assert.equal(logs.doc.events.length, 1);
      assert.match(logs.doc.events[0].message, /got \{"orderId":42\}/);
      const reports = await s.call('get_logs', { functionName: 'echo', filterPattern: 'REPORT', limit: 2 });
      assert.equal(reports.doc.events.length, 2);
      assert.equal(reports.doc.omittedOlderEvents, 1);

      const metrics = await s.call('get_metrics', { functionName: 'echo' });
      assert.equal(metrics.doc.datapoints.reduce((n: number, p: { invocations: number }) => n + p.invocations, 0), 3);

      const catalogue = await s.call('generate_event');
      assert.ok(catalogue.doc.samples.length > 5);
      assert.equal((await s.call('generate_event', { source: 'sqs', type: 'receive-message' })).doc.event.Records[0].eventSource, 'aws:sqs');
    } finally {
      await s.close();
    }
  });

  it('publishes, points aliases, and reports failures as {"error": {code, message}} tool errors', async () => {
    const s = await connect(dir);
    try {
      const v1 = await s.call('publish_version', { functionName: 'fn', description: 'first' });
      assert.equal(v1.doc.Version, '1');
      const alias = await s.call('set_alias', { functionName: 'fn', name: 'live', version: '1' });
      assert.equal(alias.doc.created, true);
      assert.equal(alias.doc.alias.FunctionVersion, '1');
      const viaAlias = await s.call('invoke_function', { functionName: 'fn', qualifier: 'live' });
      assert.equal(viaAlias.doc.executedVersion, '1');
      assert.match(viaAlias.doc.payload.arn, /:fn:live$/);
      const versions = await s.call('list_versions', { functionName: 'fn' });
      assert.deepEqual(versions.doc.aliases, [{ name: 'live', version: '1' }]);

      const missing = await s.call('invoke_function', { functionName: 'nope' });
      assert.equal(missing.isError, true);
      assert.equal(missing.doc.error.code, 'ResourceNotFoundException');
      const badVersion = await s.call('set_alias', { functionName: 'fn', name: 'live', version: '9' });
      assert.equal(badVersion.isError, true);
      assert.equal(badVersion.doc.error.code, 'ResourceNotFoundException');
      const badInput = await s.call('invoke_function', { functionName: 'echo', event: {}, savedEvent: 'order' });
      assert.deepEqual([badInput.isError, badInput.doc.error.code], [true, 'InvalidToolInput']);
      const noSaved = await s.call('invoke_function', { functionName: 'echo', savedEvent: 'nothing' });
      assert.match(noSaved.doc.error.message, /No saved event 'nothing' for echo/);
      const neverRan = await s.call('get_logs', { functionName: 'bad' });
      assert.deepEqual([neverRan.isError, neverRan.doc.events], [false, []]);
      assert.match(neverRan.doc.note, /No log group \/aws\/lambda\/bad yet/);
      await s.call('invoke_function', { functionName: 'echo' });
      const badPattern = await s.call('get_logs', { functionName: 'echo', filterPattern: '{ $.x = ' });
      assert.deepEqual([badPattern.isError, badPattern.doc.error.code], [true, 'InvalidParameterException']);
      const noInvocation = await s.call('get_invocation', { requestId: '00000000-0000-0000-0000-000000000000' });
      assert.deepEqual([noInvocation.isError, noInvocation.doc.error.code], [true, 'ResourceNotFoundException']);
    } finally {
      await s.close();
    }
  });

  it('attaches to the engine that serves the workspace, and lists its async events', async () => {
    const serve: ChildProcess = spawn(process.execPath, [bin, 'serve', '--port', '0', '--json'], { cwd: dir, env: { ...process.env, XDG_CONFIG_HOME: path.join(dir, '.config') } });
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        let out = '';
        serve.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /"endpoint": "([^"]+)"/.exec(out);
          if (m) resolve(m[1] as string);
        });
        serve.on('exit', () => reject(new Error(`serve exited: ${out}`)));
      });
      const queued = await fetch(`${endpoint}/2015-03-31/functions/echo/invocations`, { method: 'POST', headers: { 'X-Amz-Invocation-Type': 'Event' }, body: '{"async":1}' });
      assert.equal(queued.status, 202);
      const requestId = queued.headers.get('x-amzn-requestid') as string;
      const s = await connect(dir);
      try {
        // The serving engine runs the Event; the MCP server sees its history (an engine of its own could not
        // even start: `serve` holds the state directory).
        let events: { requestId: string; status: string }[] = [];
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline) {
          events = (await s.call('list_async_events', { functionName: 'echo' })).doc.events;
          if (events[0]?.status === 'Succeeded') break;
          await new Promise((r) => setImmediate(r));
        }
        assert.equal(events[0]?.requestId, requestId);
        assert.equal(events[0]?.status, 'Succeeded');
        assert.equal((await s.call('get_async_event', { requestId })).doc.status, 'Succeeded');
        const inv = await s.call('get_invocation', { requestId });
        assert.deepEqual(inv.doc.event, { async: 1 });
        assert.equal(inv.doc.invocationType, 'Event');
      } finally {
        await s.close();
      }
    } finally {
      const exited = new Promise((r) => serve.once('exit', r));
      serve.kill('SIGTERM');
      await exited;
    }
  });
});
