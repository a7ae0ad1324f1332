// Hot reload modes and Node.js standby runtimes, with real runtime processes and the real watcher:
// a code save then an invoke that recycles (cold start) or reloads the handler module (warm, module
// state outside it kept); configuration changes always recycle; a standby becomes the next cold start.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { startTestEngine, type TestEngine } from '../../support/engine';
import { nextEvent, until } from '../../support/wait';
import { codeSha256 } from '../../../src/core/project/codeHash';
import type { ReloadMode } from '../../../src/core/runtime/hotReload';

const node = (tag: number): string => `globalThis.kept = (globalThis.kept ?? 0) + 1;\nexports.handler = async () => ({ tag: ${tag}, kept: globalThis.kept, cwd: process.cwd(), name: process.env.AWS_LAMBDA_FUNCTION_NAME, color: process.env.COLOR });\n`;
const esm = (tag: number): string => `globalThis.kept = (globalThis.kept ?? 0) + 1;\nexport const handler = async () => ({ tag: ${tag}, kept: globalThis.kept });\n`;
const python = (tag: number): string => `import sys\nsys.kept = getattr(sys, "kept", 0) + 1\ndef handler(event, context):\n    return {"tag": ${tag}, "kept": sys.kept}\n`;

const template = (color: string): string => `Transform: AWS::Serverless-2016-10-31
Resources:
  Cjs:
    Type: AWS::Serverless::Function
    Properties: { FunctionName: cjs, Runtime: nodejs20.x, CodeUri: cjs/, Handler: index.handler, Environment: { Variables: { COLOR: ${color} } } }
  Esm:
    Type: AWS::Serverless::Function
    Properties: { FunctionName: esm, Runtime: nodejs20.x, CodeUri: esm/, Handler: index.handler }
  Py:
    Type: AWS::Serverless::Function
    Properties: { FunctionName: py, Runtime: python3.11, CodeUri: py/, Handler: app.handler }
`;

describe('runtime/hot reload and Node.js standby runtimes', function () {
  this.timeout(60_000);
  let engine: TestEngine;

  beforeEach(async () => {
    engine = await startTestEngine({ files: { 'cjs/index.js': node(0), 'esm/index.mjs': esm(0), 'py/app.py': python(0), 'template.yaml': template('red') } });
    await engine.loadTemplate({ templatePath: path.join(engine.dir, 'template.yaml'), watch: true, dotEnvFile: false });
  });
  afterEach(() => engine.dispose());

  async function invoke(name: string, reload?: ReloadMode) {
    const r = await engine.invoke({ functionName: name, payload: Buffer.from('{}'), ...(reload ? { reload } : {}) });
    assert.equal(r.functionError, undefined, r.payload.toString());
    return { body: JSON.parse(r.payload.toString()) as Record<string, unknown>, outcome: r.outcome! };
  }

  /** Writes the file and waits until the engine runs exactly this code (a save can arrive as two events). */
  async function save(name: string, rel: string, text: string): Promise<void> {
    engine.write(rel, text);
    const expected = await codeSha256([path.join(engine.dir, path.dirname(rel))]);
    await until(engine, 'functionsChanged', () => engine.registry.get(name)?.latest.codeSha256 === expected);
  }

  for (const [name, rel, source] of [['cjs', 'cjs/index.js', node], ['esm', 'esm/index.mjs', esm], ['py', 'py/app.py', python]] as const) {
    it(`${name}: module mode reloads the handler in the warm environment and keeps process state`, async () => {
      const first = await invoke(name);
      assert.equal(first.outcome.coldStart, true);
      await save(name, rel, source(1));
      const second = await invoke(name, 'module');
      assert.equal(second.body.tag, 1);
      assert.equal(second.outcome.coldStart, false);
      assert.deepEqual(second.outcome.reload, { action: 'reloaded', cause: 'code' });
      assert.equal(second.outcome.environmentId, first.outcome.environmentId);
      // The module ran again in the same process: the process-wide counter went on from 1.
      assert.equal(second.body.kept, 2);
      assert.match(second.outcome.logLines.join(''), /HOT_RELOAD the code changed: reloaded the handler module/);
      const third = await invoke(name);
      assert.equal(third.outcome.reload, undefined);
      assert.equal(third.outcome.coldStart, false);
    });

    it(`${name}: recycle mode (the default) makes the first invoke after a save a cold start and says so`, async () => {
      const first = await invoke(name);
      await save(name, rel, source(2));
      const second = await invoke(name);
      assert.equal(second.body.tag, 2);
      assert.equal(second.outcome.coldStart, true);
      assert.deepEqual(second.outcome.reload, { action: 'recycled', cause: 'code' });
      assert.notEqual(second.outcome.environmentId, first.outcome.environmentId);
      assert.equal(second.body.kept, 1);
    });
  }

  it('a module reload that fails (syntax error) fails the invoke, and the next invoke tries again (the old handler never runs)', async () => {
    await invoke('cjs');
    await save('cjs', 'cjs/index.js', 'exports.handler = async () => ({ broken: true ;\n');
    for (let i = 0; i < 2; i++) {
      const bad = await engine.invoke({ functionName: 'cjs', payload: Buffer.from('{}'), reload: 'module' });
      assert.equal(bad.functionError, 'Unhandled');
      assert.match(bad.payload.toString(), /SyntaxError/);
      assert.equal(bad.outcome?.coldStart, false);
    }
  });

  it('an environment variable change recycles even in module mode', async () => {
    const first = await invoke('cjs', 'module');
    assert.equal(first.body.color, 'red');
    const changed = nextEvent<[string[]]>(engine, 'functionsChanged', (names) => names.includes('cjs'));
    engine.write('template.yaml', template('blue'));
    await changed;
    const second = await invoke('cjs', 'module');
    assert.equal(second.body.color, 'blue');
    assert.equal(second.outcome.coldStart, true);
    assert.deepEqual(second.outcome.reload, { action: 'recycled', cause: 'configuration' });
  });

  it('a Node.js cold start after the first one runs in a parked standby with the function\'s own environment', async () => {
    const first = await invoke('cjs');
    await engine.standby.settled();
    const parked = engine.standby.idle();
    assert.equal(parked.length, 1, 'one standby parked after the first cold start');
    assert.ok(parked[0]!.rssKb > 0);
    engine.forceColdStart('cjs');
    const second = await invoke('cjs');
    assert.equal(second.outcome.coldStart, true);
    assert.notEqual(second.outcome.environmentId, first.outcome.environmentId);
    const env = engine.pool.environments('cjs').find((e) => e.id === second.outcome.environmentId);
    assert.equal(env?.pid, parked[0]!.pid, 'the environment runs the standby process');
    assert.deepEqual({ name: second.body.name, color: second.body.color, cwd: second.body.cwd }, { name: 'cjs', color: 'red', cwd: path.join(engine.dir, 'cjs') });
    // Init Duration still reported (the function's init, from activation to its first /next).
    assert.ok(second.outcome.initDurationMs !== undefined && second.outcome.initDurationMs > 0);
    assert.match(second.outcome.logLines.join(''), /REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms/);
    // Used standbys are replaced.
    await engine.standby.settled();
    assert.equal(engine.standby.idle().length, 1);
    assert.notEqual(engine.standby.idle()[0]!.pid, parked[0]!.pid);
  });

  it('turned off, cold starts spawn their runtime and no standby is parked', async () => {
    engine.standby.enabled = false;
    engine.standby.clear();
    await invoke('cjs');
    engine.forceColdStart('cjs');
    const again = await invoke('cjs');
    assert.equal(again.outcome.coldStart, true);
    assert.equal(engine.standby.idle().length, 0);
  });
});
