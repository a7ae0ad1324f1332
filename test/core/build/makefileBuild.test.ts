// BuildMethod makefile: `make build-<LogicalId>` with ARTIFACTS_DIR, in a copy of the sources; a missing
// target is explained; a long build is cancelled and its processes killed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BuildCancelledError, BuildManager, planFunctionBuild } from '../../../src/core/build';
import { analyzeTemplate } from '../../../src/core/project/analyzeTemplate';
import { defaultPartition } from '../../../src/core/arn';
import { ENGINE_MARKER } from '../../../src/core/runtime/processTree';
import { findEngineProcesses } from '../../support/processes';
import { waitFor } from '../../support/wait';
import { copyFixture, engineOn, invokeJson, listTree } from './buildWorkspace';

describe('build/makefile', function () {
  this.timeout(60_000);

  it('runs make build-<LogicalId> with ARTIFACTS_DIR and runs what it produced, never writing the workspace', async () => {
    const ws = copyFixture('makefile-app');
    const original = listTree(ws);
    const { engine } = await engineOn(ws);
    try {
      assert.deepEqual(await invokeJson(engine, 'made'), { greeting: 'made by make', info: { builtBy: 'make' } });
      // A layer with BuildMethod makefile: its ARTIFACTS_DIR is what the function sees under /opt.
      assert.deepEqual(await invokeJson(engine, 'made-layer-user'), { greeting: 'hello ada from a made layer' });
    } finally {
      await engine.dispose();
    }
    // The Makefile writes generated.json next to itself: that happened in the copy, not in fn/.
    assert.deepEqual(listTree(ws), original);
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('builds before PublishVersion, so the version snapshots the built code', async () => {
    const ws = copyFixture('makefile-app');
    const { engine, phases } = await engineOn(ws);
    try {
      const v = await engine.functions.versions.publish('made');
      assert.equal(v['Version'], '1');
      assert.deepEqual(phases('built'), ['MakeFunction']);
      assert.deepEqual(await invokeJson(engine, 'made', {}), { greeting: 'made by make', info: { builtBy: 'make' } });
      const r = await engine.invoke({ functionName: 'made', qualifier: '1', payload: Buffer.from('{}') });
      assert.deepEqual(JSON.parse(r.payload.toString()), { greeting: 'made by make', info: { builtBy: 'make' } });
    } finally {
      await engine.dispose();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('says which make target to add when the Makefile lacks it', async () => {
    const ws = copyFixture('makefile-app');
    fs.writeFileSync(path.join(ws, 'fn', 'Makefile'), 'build-Other:\n\techo other\n');
    const { engine } = await engineOn(ws);
    try {
      await assert.rejects(engine.invoke({ functionName: 'made', payload: Buffer.from('{}') }), /the Makefile has no build-MakeFunction target: add one that puts the code into \$\(ARTIFACTS_DIR\)\.[\s\S]*To reproduce it: cd \S+ && ARTIFACTS_DIR=\S+ make -f \S+Makefile build-MakeFunction/);
    } finally {
      await engine.dispose();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('answers with a failed build for a while, then tries it again', async () => {
    const ws = copyFixture('makefile-app');
    fs.writeFileSync(path.join(ws, 'fn', 'Makefile'), 'build-MakeFunction:\n\texit 3\n');
    const project = analyzeTemplate(fs.readFileSync(path.join(ws, 'template.yaml'), 'utf8'), path.join(ws, 'template.yaml'), { partition: defaultPartition });
    const stateDir = path.join(ws, '.lambda-workbench');
    const target = planFunctionBuild(project.functions[0]!, stateDir)!;
    for (const [memory, runs] of [[60_000, 1], [0, 2]] as const) {
      const builds = new BuildManager({ stateDir, python: () => Promise.reject(new Error('unused')), failureMemoryMs: memory });
      let started = 0;
      builds.on('progress', (p) => (started += p.phase === 'start' ? 1 : 0));
      for (let i = 0; i < 2; i++) await assert.rejects(builds.ensure(target), /Build of MakeFunction failed: `make` exited with code 2\./);
      assert.equal(started, runs, `failure memory ${memory} ms`);
    }
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('cancels a running build: the tool and its children are killed and nothing is swapped in', async () => {
    const ws = copyFixture('makefile-app');
    // make starts a shell that starts sleep: three processes to kill.
    fs.writeFileSync(path.join(ws, 'fn', 'Makefile'), 'build-MakeFunction:\n\tsh -c "sleep 120"\n');
    const project = analyzeTemplate(fs.readFileSync(path.join(ws, 'template.yaml'), 'utf8'), path.join(ws, 'template.yaml'), { partition: defaultPartition });
    const stateDir = path.join(ws, '.lambda-workbench');
    const target = planFunctionBuild(project.functions[0]!, stateDir)!;
    const builds = new BuildManager({ stateDir, python: () => Promise.reject(new Error('unused')), env: { [ENGINE_MARKER]: String(process.pid) } });
    const controller = new AbortController();
    let running = 0;
    builds.on('progress', (p) => {
      // Abort either way: if the processes never showed, the assertion below fails rather than the build hanging.
      if (p.phase === 'step') {
        void waitFor(() => (running = findEngineProcesses().length) >= 3, 10_000, 'make, sh and sleep')
          .finally(() => controller.abort())
          .catch(() => undefined);
      }
    });
    await assert.rejects(builds.ensure(target, { signal: controller.signal }), (e: unknown) => e instanceof BuildCancelledError && /cancelled/.test(e.message));
    assert.ok(running >= 3, `make, sh and sleep were running (${running} processes)`);
    await waitFor(() => findEngineProcesses().length === 0, 5000, 'the build processes to exit');
    assert.equal(fs.existsSync(target.outDir), false);
    fs.rmSync(ws, { recursive: true, force: true });
  });
});
