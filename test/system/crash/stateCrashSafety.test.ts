// kill -9 at any moment leaves a consistent state: an engine that publishes, moves an alias, tags and
// grants in a loop is killed after a varying number of committed changes, again and again; each time
// the state loads, every version's snapshot is complete (its files hash to its CodeSha256), and
// interrupted work leaves nothing behind once the next engine has started.
import { spawn } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Emulator } from '../../../src/core/emulator';
import { CodeHasher } from '../../../src/core/project';
import { handlerCode, newWorkspace, removeWorkspaces, templateFor } from '../../core/management/managementFixtures';

const child = path.join(__dirname, 'churnChild.ts');

/** Runs the churn child until it has printed `lines` lines, then SIGKILLs it. */
function churnAndKill(dir: string, keyFile: string, firstIteration: number, lines: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dir, keyFile, String(firstIteration)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const seen: string[] = [];
    let err = '';
    let buffered = '';
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      seen.push(...parts);
      if (seen.length >= lines && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    });
    proc.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(seen) : reject(new Error(`churn child exited with ${code}: ${err}`))));
  });
}

describe('crash safety of the management state', function () {
  this.timeout(300_000);
  after(removeWorkspaces);

  it('always loads a consistent state after kill -9 in the middle of publishing', async () => {
    const dir = newWorkspace({ 'template.yaml': templateFor(), 'fn/index.js': handlerCode('start') });
    fs.mkdirSync(path.join(dir, 'fn', 'data'));
    for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(dir, 'fn', 'data', `static-${i}.txt`), `static file ${i}\n`.repeat(500));
    const keyFile = path.join(dir, '.key');
    // A spread of kill points: early in the first publish, between operations, deep into later rounds.
    const killAfter = [1, 2, 3, 5, 8, 4, 13, 7, 2, 11];
    let iteration = 0;
    let lastVersion = 0;
    for (const [round, lines] of killAfter.entries()) {
      const printed = await churnAndKill(dir, keyFile, iteration, lines);
      iteration += 10;
      const engine = new Emulator({ workspaceDir: dir, api: false, functions: { keyFile } });
      try {
        await engine.loadTemplate({ templatePath: path.join(dir, 'template.yaml') });
        await engine.functions.settled();
        const versions = (await engine.functions.versions.list('fn')).Versions as { Version: string; CodeSha256: string }[];
        const numbers = versions.slice(1).map((v) => Number(v.Version));
        assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), `round ${round}: versions in order`);
        const published = printed.filter((l) => l.startsWith('published')).map((l) => Number(l.split(' ')[1]));
        for (const n of published) assert.ok(numbers.includes(n), `round ${round}: version ${n} was reported committed, so it must survive`);
        assert.ok((numbers.at(-1) ?? 0) >= lastVersion, `round ${round}: no version lost`);
        lastVersion = numbers.at(-1) ?? 0;
        for (const v of versions.slice(1)) {
          const config = engine.registry.resolve({ name: 'fn', qualifier: v.Version }).config;
          assert.equal(await new CodeHasher().hash([config.codeDir]), v.CodeSha256, `round ${round}: version ${v.Version} snapshot is complete`);
        }
        const store = path.join(engine.stateDir, 'functions');
        const leftovers = [...fs.readdirSync(path.join(store, 'snapshots')), ...fs.readdirSync(path.join(store, 'objects')), ...fs.readdirSync(store)].filter((n) => n.startsWith('.'));
        assert.deepEqual(leftovers, [], `round ${round}: interrupted work was cleaned up`);
        const alias = (await engine.functions.aliases.list('fn')).Aliases as { FunctionVersion: string }[];
        for (const a of alias) assert.ok(numbers.includes(Number(a.FunctionVersion)), `round ${round}: the alias points at an existing version`);
      } finally {
        await engine.dispose();
      }
    }
    assert.ok(lastVersion >= 5, `the churn published ${lastVersion} versions`);
    // The last state still runs its alias.
    const engine = new Emulator({ workspaceDir: dir, api: false, functions: { keyFile } });
    try {
      await engine.loadTemplate({ templatePath: path.join(dir, 'template.yaml') });
      const r = await engine.invoke({ functionName: 'fn', qualifier: 'live', payload: Buffer.from('{}') });
      assert.equal(r.functionError, undefined, r.payload.toString());
    } finally {
      await engine.dispose();
    }
  });
});
