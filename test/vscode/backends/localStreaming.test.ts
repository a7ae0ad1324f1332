// The local backend streams: each chunk reaches the result view's callback as the handler writes it,
// with its arrival time, and the result carries the body and the chunk list the view renders.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalBackend } from '../../../src/vscode/backends/localBackend';
import type { StreamChunk } from '../../../src/vscode/backends/lambdaBackend';
import { renderChunks } from '../../../src/vscode/invoke/resultDocument';
import { fixture, functionConfig, startTestEngine, type TestEngine } from '../../support/engine';

describe('local backend streaming', function () {
  this.timeout(30_000);
  let engine: TestEngine;
  let backend: LocalBackend;
  before(async () => {
    engine = await startTestEngine();
    engine.defineFunction(functionConfig('gated', fixture('streaming'), { handler: 'index.gated', timeout: 5 }));
    engine.defineFunction(functionConfig('fails', fixture('streaming'), { handler: 'index.failsMidStream', timeout: 5 }));
    engine.defineFunction(functionConfig('plain', fixture('streaming'), { handler: 'index.buffered', timeout: 5 }));
    backend = new LocalBackend(engine);
  });
  after(async () => {
    backend.dispose();
    await engine.dispose();
  });

  it('reports chunks as they arrive, then the whole body with the chunk list', async () => {
    const gate = path.join(engine.dir, 'vscode-gate');
    const seen: StreamChunk[] = [];
    const r = await backend.invoke('gated', undefined, Buffer.from(JSON.stringify({ gate })), (c) => {
      seen.push(c);
      // 'second' is only written once this file exists: the callback ran before the stream ended.
      if (c.text === 'first') fs.writeFileSync(gate, '');
    });
    assert.deepEqual(seen.map((c) => c.text), ['first', 'second']);
    assert.ok((seen[1]?.atMs ?? 0) >= (seen[0]?.atMs ?? 0));
    assert.equal(r.payload, 'firstsecond');
    assert.deepEqual(r.chunks?.map((c) => c.bytes), [5, 6]);
    const lines = renderChunks(r.chunks ?? []);
    assert.match(lines[0] ?? '', /^── Streamed response: 2 chunks, 11 bytes, first byte at \+\d+\.\d ms ──$/);
    assert.match(lines[1] ?? '', /^\+\s+\d+\.\d ms\s+5 B {2}first$/);
  });

  it('shows the error with the bytes that arrived before it, and plain results unchanged', async () => {
    const failed = await backend.invoke('fails', undefined, Buffer.from('{}'), () => undefined);
    assert.equal(failed.errorType, 'TypeError');
    assert.match(failed.payload, /broke mid-stream/);
    assert.deepEqual(failed.chunks?.map((c) => c.text), ['partial']);
    const plain = await backend.invoke('plain', undefined, Buffer.from('{"a":1}'), () => assert.fail('a buffered handler has no chunks'));
    assert.deepEqual(JSON.parse(plain.payload), { plain: true, got: { a: 1 } });
    assert.equal(plain.chunks, undefined);
  });
});
