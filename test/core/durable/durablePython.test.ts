// The Python durable execution SDK (aws-durable-execution-sdk-python from PyPI, pinned) against the
// engine: a step, a day-long wait fired now, a callback completed through the Lambda API.
import { GetDurableExecutionCommand, InvokeCommand, SendDurableExecutionCallbackSuccessCommand } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { functionConfig, startTestEngine, type TestEngine } from '../../support/engine';
import { until, waitFor } from '../../support/wait';

const SDK = 'aws-durable-execution-sdk-python==3.0.0';
// Installed once per checkout (pip's own cache makes a fresh install a few seconds).
const sdkDir = path.join(__dirname, '..', '..', '..', 'node_modules', '.cache', 'lwb-durable-python', SDK);

const handler = (sdk: string, marks: string): string => `
import json, sys
sys.path.insert(0, ${JSON.stringify(sdk)})
from aws_durable_execution_sdk_python.execution import durable_execution
from aws_durable_execution_sdk_python.config import Duration

@durable_execution
def handler(event, context):
    doubled = context.step(lambda _: event["n"] * 2, name="double")
    context.wait(Duration.from_seconds(86400), name="nap")
    def submit(callback_id, _ctx):
        open(${JSON.stringify(marks)} + "/callback", "w").write(callback_id)
    approval = context.wait_for_callback(submit, name="approval")
    return {"doubled": doubled, "approval": json.loads(approval) if isinstance(approval, str) else approval}
`;

describe('durable executions (real Python SDK)', function () {
  this.timeout(180_000);
  let m: TestEngine | undefined;
  afterEach(async () => {
    await m?.dispose();
    m = undefined;
  });

  it('runs a step, a skipped wait and a callback', async () => {
    m = await startTestEngine({ listen: true });
    const python = (await m.resolveInterpreter('python3.12')).executable;
    if (!fs.existsSync(path.join(sdkDir, 'aws_durable_execution_sdk_python'))) {
      execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-warn-conflicts', '--target', sdkDir, SDK], { stdio: 'inherit', timeout: 150_000 });
    }
    const marks = path.join(m.dir, 'marks');
    fs.mkdirSync(marks);
    m.write('py/app.py', handler(sdkDir, marks));
    m.defineFunction(functionConfig('pyflow', path.join(m.dir, 'py'), { runtime: 'python3.12', handler: 'app.handler', timeout: 30, durableConfig: { executionTimeout: 3600, retentionPeriodInDays: 1 } }));
    const started = await m.lambda.send(new InvokeCommand({ FunctionName: 'pyflow', InvocationType: 'Event', Payload: Buffer.from('{"n":21}') }));
    const arn = started.DurableExecutionArn as string;
    const e = m.durable.get(arn);
    await until(m.durable, 'change', () => [...e.operations.values()].some((o) => o.Type === 'WAIT' && o.Status === 'STARTED') || !e.running, 60_000);
    assert.ok(e.running, JSON.stringify(e.header.error));
    assert.equal(await m.durable.skipWaits(arn), 1);
    await waitFor(() => fs.existsSync(path.join(marks, 'callback')) || !e.running, 60_000, 'the callback id');
    assert.ok(e.running, JSON.stringify(e.header.error));
    const callbackId = fs.readFileSync(path.join(marks, 'callback'), 'utf8');
    await m.lambda.send(new SendDurableExecutionCallbackSuccessCommand({ CallbackId: callbackId, Result: Buffer.from('{"ok":true}') }));
    const end = await m.durable.whenFinished(arn);
    assert.equal(end.status, 'SUCCEEDED', JSON.stringify(end.error));
    const got = await m.lambda.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
    assert.deepEqual(JSON.parse(got.Result as string), { doubled: 42, approval: { ok: true } });
  });

  it('runs a chained invoke (context.invoke) of another function', async () => {
    m = await startTestEngine({ listen: true });
    const python = (await m.resolveInterpreter('python3.12')).executable;
    if (!fs.existsSync(path.join(sdkDir, 'aws_durable_execution_sdk_python'))) {
      execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-warn-conflicts', '--target', sdkDir, SDK], { stdio: 'inherit', timeout: 150_000 });
    }
    m.write('adder/index.js', 'exports.handler = async (event) => ({ sum: event.a + event.b });\n');
    m.defineFunction(functionConfig('adder', path.join(m.dir, 'adder')));
    m.write('chain/app.py', `
import sys
sys.path.insert(0, ${JSON.stringify(sdkDir)})
from aws_durable_execution_sdk_python.execution import durable_execution

@durable_execution
def handler(event, context):
    return context.invoke("adder", {"a": 40, "b": 2}, name="add")
`);
    m.defineFunction(functionConfig('pychain', path.join(m.dir, 'chain'), { runtime: 'python3.12', handler: 'app.handler', timeout: 30, durableConfig: { executionTimeout: 600, retentionPeriodInDays: 1 } }));
    const r = await m.lambda.send(new InvokeCommand({ FunctionName: 'pychain', Payload: Buffer.from('{}') }));
    assert.equal(r.FunctionError, undefined, Buffer.from(r.Payload as Uint8Array).toString());
    assert.deepEqual(JSON.parse(Buffer.from(r.Payload as Uint8Array).toString()), { sum: 42 });
    const types = m.durable.get(r.DurableExecutionArn as string).events.map((e) => e.EventType);
    assert.ok(types.includes('ChainedInvokeStarted') && types.includes('ChainedInvokeSucceeded'), types.join(', '));
  });
});
