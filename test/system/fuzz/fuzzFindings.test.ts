// Requests the fuzzer found to crash a route (a 5xx), kept as plain regression cases.
import * as assert from 'node:assert/strict';
import { defaultPartition } from '../../../src/core/arn';
import type { Emulator } from '../../../src/core/emulator';
import { analyzeTemplate } from '../../../src/core/project';
import { startTestEngine } from '../../support/engine';

async function target(url: string, op: string, body: string): Promise<{ status: number; type: unknown }> {
  const r = await fetch(`${url}/`, { method: 'POST', headers: { 'X-Amz-Target': op, 'Content-Type': 'application/x-amz-json-1.1' }, body });
  const json = (await r.json()) as { __type?: unknown };
  return { status: r.status, type: json.__type };
}

describe('fuzzer findings', () => {
  let engine: Emulator;
  let url: string;
  before(async () => {
    engine = await startTestEngine({ api: { port: 0 } });
    url = (await engine.listen()) as string;
  });
  after(async () => engine.dispose());

  it('Kinesis: a body that is JSON but not an object is a SerializationException, not a 500', async () => {
    for (const op of ['CreateStream', 'PutRecord', 'DescribeStreamSummary', 'PutRecords']) {
      for (const body of ['null', '[]', '"s"', '7']) assert.deepEqual(await target(url, `Kinesis_20131202.${op}`, body), { status: 400, type: 'SerializationException' }, `${op} ${body}`);
    }
  });

  it('Kinesis: shard counts that are not whole numbers from 1 to 100000 are rejected', async () => {
    for (const shards of ['0', '-1', '1.5', '1e9', '"2"']) {
      assert.deepEqual(await target(url, 'Kinesis_20131202.CreateStream', `{"StreamName":"s${shards.length}x","ShardCount":${shards}}`), { status: 400, type: 'ValidationException' }, shards);
    }
    assert.equal((await target(url, 'Kinesis_20131202.CreateStream', '{"StreamName":"ok","ShardCount":2}')).status, 200);
  });

  it('Kinesis: a null record in PutRecords is a ValidationException', async () => {
    await target(url, 'Kinesis_20131202.CreateStream', '{"StreamName":"recs"}');
    assert.deepEqual(await target(url, 'Kinesis_20131202.PutRecords', '{"StreamName":"recs","Records":[null]}'), { status: 400, type: 'ValidationException' });
  });

  it('a YAML alias bomb ("billion laughs") becomes one problem instead of freezing the analyzer', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`${'abcdefghijkl'[i]}: &${'abcdefghijkl'[i]} [${Array(9).fill(`*${'abcdefghijkl'[i - 1]}`).join(', ')}]`);
    lines.push('Resources: { F: { Type: AWS::Serverless::Function, Properties: { Handler: *l } } }');
    const project = analyzeTemplate(lines.join('\n'), '/nowhere/template.yaml', { partition: defaultPartition });
    assert.deepEqual(project.problems.map((p) => p.code), ['yaml-aliases']);
    assert.deepEqual(project.functions, []);
  });
});
