// Retired runtimes (issue 20): a template naming nodejs12.x-16.x, python3.8 or go1.x loads and its
// functions run on the nearest runtime available locally, with one warning naming the deprecation date
// from the runtime catalog; CreateFunction/UpdateFunctionConfiguration keep Lambda's refusal.
import { CreateFunctionCommand, InvokeCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { installedMajors, installedNode } from '../../../src/core/runtime/nodeDistribution';
import { findPython } from '../../../src/core/runtime/pythonDiscovery';
import { startTestEngine, type TestEngine } from '../../support/engine';
import { handlerCode, newWorkspace, removeWorkspaces, sdkError } from '../management/managementFixtures';
import { makeZip } from '../state/zipFixtures';

const ROLE = 'arn:aws:iam::123456789012:role/local';
const fn = (name: string, runtime: string, handler: string, codeUri: string): string =>
  `  F${name.replace(/[^a-zA-Z0-9]/g, '')}:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: ${name}\n      Runtime: ${runtime}\n      CodeUri: ${codeUri}/\n      Handler: ${handler}\n`;

// A go1.x function's Handler names its executable; this one speaks the Runtime API as a modern
// aws-lambda-go binary does (curl stands in for Go so the test needs no module download).
const GO_HANDLER = `#!/bin/sh
set -e
while true; do
  H=$(mktemp)
  EVENT=$(curl -sS -D "$H" "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/next")
  ID=$(grep -i '^lambda-runtime-aws-request-id:' "$H" | tr -d '\\r' | cut -d' ' -f2)
  curl -sS -o /dev/null -X POST "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/$ID/response" -d "{\\"handler\\":\\"$_HANDLER\\",\\"env\\":\\"$AWS_EXECUTION_ENV\\"}"
done
`;

describe('retired runtimes', function () {
  this.timeout(120_000);
  let m: TestEngine;
  const warnings: string[] = [];

  before(async () => {
    const dir = newWorkspace({
      'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n${fn('node16', 'nodejs16.x', 'index.handler', 'node')}${fn('node12', 'nodejs12.x', 'index.handler', 'node')}${fn('py38', 'python3.8', 'app.handler', 'py')}${fn('go1', 'go1.x', 'hello', 'go')}`,
      'node/index.js': 'exports.handler = async () => ({ version: process.version, env: process.env.AWS_EXECUTION_ENV });\n',
      'py/app.py': 'import sys, os\ndef handler(event, context):\n    return {"version": "%d.%d" % sys.version_info[:2], "env": os.environ["AWS_EXECUTION_ENV"]}\n',
      'go/hello': GO_HANDLER,
    });
    fs.chmodSync(`${dir}/go/hello`, 0o755);
    m = await startTestEngine({ workspaceDir: dir, listen: true });
    warnings.push(...m.warnings);
    m.on('warning', (w: string) => warnings.push(w));
  });
  after(async () => {
    await m.dispose();
    removeWorkspaces();
  });

  const invoke = async (name: string): Promise<{ version?: string; env: string; handler?: string }> => {
    const r = await m.lambda.send(new InvokeCommand({ FunctionName: name }));
    assert.equal(r.FunctionError, undefined, Buffer.from(r.Payload ?? []).toString());
    return JSON.parse(Buffer.from(r.Payload ?? []).toString('utf8'));
  };

  it('runs nodejs16.x and nodejs12.x on the nearest Node.js on this machine, warning once with the deprecation date', async () => {
    const local = process.versions.node.split('.')[0]!;
    const majors = [...new Set([...installedMajors(), local])].map(Number);
    for (const [name, wanted, date] of [['node16', 16, 'Jun 12, 2024'], ['node12', 12, 'Mar 31, 2023']] as const) {
      const body = await invoke(name);
      const nearest = majors.reduce((a, b) => (Math.abs(b - wanted) < Math.abs(a - wanted) || (Math.abs(b - wanted) === Math.abs(a - wanted) && b > a) ? b : a));
      assert.match(body.version!, new RegExp(`^v${nearest}\\.`));
      assert.equal(body.env, `AWS_Lambda_nodejs${wanted}.x`);
      const expected = `nodejs${wanted}.x was deprecated on ${date}; Lambda no longer accepts it for creating or updating functions. Its functions run locally on the nearest available Node.js, ${body.version!.slice(1)}.`;
      assert.equal(warnings.filter((w) => w === expected).length, 1, warnings.join('\n'));
      if (nearest !== Number(local)) assert.ok(installedNode(String(nearest)));
    }
  });

  it('runs python3.8 on Python 3.8 when one is installed, else the nearest 3.x, warning with the date', async () => {
    const body = await invoke('py38');
    const exact = await findPython('3.8');
    if (exact) assert.equal(body.version, '3.8');
    assert.equal(body.env, 'AWS_Lambda_python3.8');
    assert.ok(warnings.some((w) => w.startsWith('python3.8 was deprecated on Oct 14, 2024; Lambda no longer accepts it for creating or updating functions. Its functions run locally on Python ')), warnings.join('\n'));
  });

  it('runs a go1.x function by starting the executable its Handler names', async () => {
    assert.deepEqual(await invoke('go1'), { handler: 'hello', env: 'AWS_Lambda_go1.x' });
    assert.ok(warnings.includes('go1.x was deprecated on Jan 8, 2024; Lambda no longer accepts it for creating or updating functions; it runs locally as an executable, like provided.al2023.'), warnings.join('\n'));
  });

  it('keeps Lambda\'s refusal for creating or updating functions on retired runtimes', async () => {
    for (const runtime of ['nodejs16.x', 'python3.8', 'go1.x', 'java8', 'dotnet6', 'ruby2.7']) {
      const e = await sdkError(m.lambda.send(new CreateFunctionCommand({ FunctionName: 'new-old', Runtime: runtime as never, Handler: 'index.handler', Role: ROLE, Code: { ZipFile: makeZip([{ name: 'index.js', content: handlerCode('x') }]) } })));
      assert.deepEqual([e.name, e.status, e.message], ['InvalidParameterValueException', 400, `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`]);
    }
    const created = await m.lambda.send(new CreateFunctionCommand({ FunctionName: 'current', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: makeZip([{ name: 'index.js', content: handlerCode('x') }]) } }));
    assert.equal(created.Runtime, 'nodejs20.x');
    const e = await sdkError(m.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'current', Runtime: 'nodejs14.x' })));
    assert.equal(e.message, 'The runtime parameter of nodejs14.x is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.');
  });
});
