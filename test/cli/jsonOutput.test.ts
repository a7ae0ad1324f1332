// Every command's --json document and --help, run as real processes: success shapes, error documents
// with stable codes, and the documented exit codes (docs/cli.md).
import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as path from 'node:path';
import { assertNoOrphans } from '../support/processes';
import { handlerCode, newWorkspace, removeWorkspaces, templateFor } from '../core/management/managementFixtures';

const bin = path.join(__dirname, '..', '..', 'bin', 'lambda-workbench.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: any;
}

function run(cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, timeout: 60_000, env: { ...process.env, XDG_CONFIG_HOME: path.join(cwd, '.config') } }, (err, stdout, stderr) => {
      let json: unknown;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr, json });
    });
  });
}

const failing = 'exports.handler = async () => { throw new TypeError("boom"); };\n';

describe('CLI --json and --help', function () {
  this.timeout(180_000);
  let dir: string;
  before(() => {
    dir = newWorkspace({ 'template.yaml': templateFor({ fn: '', bad: '' }), 'fn/index.js': handlerCode('one'), 'bad/index.js': failing });
  });
  after(async () => {
    removeWorkspaces();
    await assertNoOrphans();
  });

  it('--help of every command shows its usage, examples, JSON shape and exit codes (text and JSON)', async () => {
    const all = await run(dir, ['--help', '--json']);
    assert.equal(all.code, 0);
    const names = (all.json.commands as { command: string }[]).map((c) => c.command);
    assert.ok(names.length >= 14, names.join());
    for (const name of names) {
      const text = await run(dir, [name, '--help']);
      assert.equal(text.code, 0, `${name}: ${text.stderr}`);
      assert.match(text.stdout, new RegExp(`^Usage: lambda-workbench ${name}`), name);
      assert.match(text.stdout, new RegExp(`\\nExamples:\\n  lambda-workbench ${name}`), name);
      assert.match(text.stdout, /--json prints: /);
      const doc = (await run(dir, [name, '--help', '--json'])).json;
      assert.equal(doc.command, name);
      assert.ok(doc.examples.length > 0 && doc.options.includes('--json'), name);
      assert.deepEqual(Object.keys(doc.exitCodes), ['0', '1', '2', '3']);
    }
  });

  it('list, invoke, logs, metrics: one document each, failures exit 1 with functionError', async () => {
    const list = await run(dir, ['list', '--json']);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(list.json.functions.map((f: { name: string }) => f.name).sort(), ['bad', 'fn']);
    assert.deepEqual(Object.keys(list.json.functions[0]).sort(), ['handler', 'hasErrors', 'memorySize', 'name', 'runtime', 'timeout']);

    const ok = await run(dir, ['invoke', 'fn', '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.json.payload.tag, 'one');
    assert.equal(ok.json.functionName, 'fn');
    assert.equal(ok.json.executedVersion, '$LATEST');
    assert.equal(ok.json.coldStart, true);
    assert.ok(ok.json.initDurationMs > 0 && ok.json.durationMs > 0 && ok.json.maxMemoryUsedMb > 0);
    assert.match(ok.json.log, new RegExp(`^START RequestId: ${ok.json.requestId}`, 'm'));
    assert.match(ok.json.log, new RegExp(`^REPORT RequestId: ${ok.json.requestId}`, 'm'));

    const bad = await run(dir, ['invoke', 'bad', '--json']);
    assert.equal(bad.code, 1);
    assert.equal(bad.json.functionError, 'Unhandled');
    assert.equal(bad.json.payload.errorType, 'TypeError');

    const logs = await run(dir, ['logs', 'fn', '--json']);
    assert.equal(logs.code, 0, logs.stderr);
    assert.equal(logs.json.logGroup, '/aws/lambda/fn');
    assert.ok(logs.json.events.some((e: { message: string }) => e.message.startsWith(`START RequestId: ${ok.json.requestId}`)));
    const filtered = await run(dir, ['logs', 'fn', '--filter', 'REPORT', '--json']);
    assert.ok(filtered.json.events.length >= 1 && filtered.json.events.every((e: { message: string }) => e.message.startsWith('REPORT')));

    const metrics = await run(dir, ['metrics', 'fn', '--json']);
    assert.equal(metrics.code, 0, metrics.stderr);
    assert.equal(metrics.json.functionName, 'fn');
    assert.equal(metrics.json.period, 60);
    assert.equal(metrics.json.datapoints.reduce((n: number, p: { invocations: number }) => n + p.invocations, 0), 1);
  });

  it('publish, versions, alias, concurrency print the API documents; refusals are error documents with the AWS code', async () => {
    const published = await run(dir, ['publish', 'fn', '--description', 'v1', '--json']);
    assert.equal(published.code, 0, published.stderr);
    assert.equal(published.json.Version, '1');
    assert.equal(published.json.$metadata, undefined);
    assert.deepEqual((await run(dir, ['versions', 'fn', '--json'])).json.Versions.map((v: { Version: string }) => v.Version), ['$LATEST', '1']);
    const created = await run(dir, ['alias', 'create', 'fn', 'live', '1', '--json']);
    assert.equal(created.json.Name, 'live');
    assert.equal((await run(dir, ['alias', 'list', 'fn', '--json'])).json.Aliases.length, 1);
    const refused = await run(dir, ['alias', 'create', 'fn', 'next', '7', '--json']);
    assert.equal(refused.code, 1);
    assert.equal(refused.json.error.code, 'ResourceNotFoundException');
    assert.match(refused.json.error.message, /7/);
    assert.deepEqual((await run(dir, ['alias', 'delete', 'fn', 'live', '--json'])).json, { deleted: { functionName: 'fn', name: 'live' } });
    assert.equal((await run(dir, ['concurrency', 'fn', '3', '--json'])).json.ReservedConcurrentExecutions, 3);
    assert.deepEqual((await run(dir, ['concurrency', 'fn', 'none', '--json'])).json, { removed: true, functionName: 'fn' });
  });

  it('generate-event, async-events, fire-schedule and demo', async () => {
    const catalogue = await run(dir, ['generate-event', '--json']);
    assert.ok(catalogue.json.samples.some((s: { source: string; type: string }) => s.source === 's3' && s.type === 'put'));
    const s3 = await run(dir, ['generate-event', 's3', 'put', '--bucket', 'photos', '--json']);
    assert.equal(s3.json.Records[0].s3.bucket.name, 'photos');
    assert.deepEqual((await run(dir, ['async-events', '--json'])).json, { events: [] });
    const noSchedule = await run(dir, ['fire-schedule', 'fn', '--json']);
    assert.equal(noSchedule.code, 2);
    assert.equal(typeof noSchedule.json.error.code, 'string');
    const demo = await run(dir, ['demo', '--json']);
    assert.equal(demo.code, 1, 'bad fails');
    assert.deepEqual(demo.json.results.map((r: { functionName: string; round: string }) => `${r.functionName}/${r.round}`).sort(), ['bad/cold', 'bad/warm', 'fn/cold', 'fn/warm']);
  });

  it('usage problems are error documents with exit 2 and stable codes', async () => {
    const cases: [string[], string][] = [
      [['frobnicate', '--json'], 'UnknownCommand'],
      [['invoke', 'fn', '--nope', '--json'], 'UsageError'],
      [['invoke', '--json'], 'UsageError'],
      [['list', '--template', 'missing.yaml', '--json'], 'TemplateNotFound'],
      [['invoke', 'fn', '--event', 'missing.json', '--json'], 'EventNotFound'],
      [['metrics', 'fn', '--period', '7', '--json'], 'UsageError'],
      [['logs', 'nobody', '--json'], 'LogGroupNotFound'],
    ];
    for (const [args, code] of cases) {
      const r = await run(dir, args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.json?.error?.code, code, `${args.join(' ')}: ${r.stdout}`);
      assert.ok(r.json.error.message.length > 10);
    }
    const missing = await run(dir, ['invoke', 'nope', '--json']);
    assert.deepEqual([missing.code, missing.json.error.code], [1, 'ResourceNotFoundException']);
    assert.match(missing.json.error.message, /The template's functions: bad, fn\./);
  });

  it('serve --json prints one document when ready; invoke --json through it has the same shape', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--json'], { cwd: dir, env: { ...process.env, XDG_CONFIG_HOME: path.join(dir, '.config') } });
    try {
      const ready = await new Promise<{ endpoint: string; functions: string[]; httpRoutes: unknown[] }>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          try {
            resolve(JSON.parse(out));
          } catch {
            // Not the whole document yet.
          }
        });
        child.on('exit', () => reject(new Error(`serve exited: ${out}`)));
      });
      assert.match(ready.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.deepEqual([...ready.functions].sort(), ['bad', 'fn']);
      assert.deepEqual(ready.httpRoutes, []);
      const remote = await run(dir, ['invoke', 'fn', '--json']);
      assert.equal(remote.code, 0, remote.stderr);
      assert.match(remote.stderr, /Using the running engine/);
      assert.equal(remote.json.payload.tag, 'one');
      assert.match(remote.json.requestId, /^[0-9a-f-]{36}$/);
      assert.match(remote.json.log, /^REPORT RequestId: /m);
      assert.equal(typeof remote.json.durationMs, 'number');
      // logs --follow --json: one event per line as it arrives. The live tail connects after the first
      // page is printed, so invoke until a REPORT line of one of these invocations arrives live.
      const follow = spawn(process.execPath, [bin, 'logs', 'fn', '--endpoint-url', ready.endpoint, '--follow', '--filter', 'REPORT', '--json'], { cwd: dir });
      try {
        const ids = new Set<string>();
        let out = '';
        let found: { message: string } | undefined;
        const arrived = new Promise<void>((resolve, reject) => {
          follow.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            const line = out.split('\n').find((l) => [...ids].some((id) => l.includes(`REPORT RequestId: ${id}`)));
            if (line) {
              found = JSON.parse(line);
              resolve();
            }
          });
          follow.on('exit', () => reject(new Error(`logs --follow exited: ${out}`)));
        });
        for (let i = 0; i < 20 && !found; i++) {
          ids.add((await run(dir, ['invoke', 'fn', '--json'])).json.requestId);
          await Promise.race([arrived, new Promise((r) => setImmediate(r))]);
        }
        await arrived;
        assert.match(found!.message, /^REPORT RequestId: /);
        assert.deepEqual(Object.keys(found!).sort(), ['logStreamName', 'message', 'timestamp']);
      } finally {
        const ended = new Promise((r) => follow.once('exit', r));
        follow.kill('SIGTERM');
        await ended;
      }
      const remoteList = await run(dir, ['list', '--json']);
      assert.deepEqual(remoteList.json.functions.map((f: { name: string }) => f.name).sort(), ['bad', 'fn']);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
