// One engine for every window (issue 13), for real: this window hands its engine over through the HTTP
// route a second window uses, the CLI's `serve` takes the state directory, and the window attaches to
// it (status bar names the CLI's pid, the tree and invokes work through it). Frozen with SIGSTOP, the
// CLI stops answering: Restart Engine takes it over safely and this window owns an engine again.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineRole } from '../../../src/vscode/engineHost';
import { hasDriver, waitForText } from '../support/driver';
import { EXTENSION_ID, getApi, until } from '../support/extensionApi';

/** A VS Code event for changes inside `dir` (the lock file appears, is replaced, disappears). */
function dirChanges(dir: string): vscode.Event<unknown> {
  return (listener) => {
    const w = fs.watch(dir, () => listener(undefined));
    return new vscode.Disposable(() => w.close());
  };
}

/** Starts `lambda-workbench serve` in the workspace; resolves once it prints its endpoint. */
function startCliServe(cwd: string): Promise<{ proc: ChildProcess; endpoint: string; exited: Promise<number | null> }> {
  const bin = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'bin', 'lambda-workbench.js');
  const proc = spawn(process.execPath, [bin, 'serve', '--port', '0', '--http-port', '0'], { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving \d+ function\(s\) at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ proc, endpoint: m[1]!, exited });
    });
    void exited.then((code) => reject(new Error(`lambda-workbench serve exited (${code}): ${err}`)));
  });
}

describe('one engine for every window', function () {
  this.timeout(120_000);

  it('attaches to an engine the CLI owns, works through it, and takes it over when it stops answering', async () => {
    const api = await getApi();
    const host = api.host;
    const own = await host.getEngine();
    const stateDir = own.stateDir;
    const lock = path.join(stateDir, 'engine.lock');
    const role = <K extends EngineRole['kind']>(kind: K) => until(`the engine role ${kind}`, () => (host.role.kind === kind ? (host.role as Extract<EngineRole, { kind: K }>) : undefined), [host.onDidChangeRole], 40_000);
    let cli: Awaited<ReturnType<typeof startCliServe>> | undefined;
    try {
      // What a second window does: ask the owner to hand the state directory over.
      const res = await fetch(new URL('/workbench/v1/engine/handover', own.apiUrl), { method: 'POST' });
      assert.equal(res.status, 202);
      await until('the lock to be released', () => !fs.existsSync(lock), [dirChanges(stateDir)]);

      cli = await startCliServe(vscode.workspace.workspaceFolders![0]!.uri.fsPath);
      const attached = (await role('attached')).attachment;
      assert.equal(attached.holder.pid, cli.proc.pid);
      assert.equal(attached.endpoint, cli.endpoint);
      assert.match(attached.process, /lambda-workbench serve \(CLI\)/);
      if (hasDriver) assert.ok(await waitForText(`pid ${cli.proc.pid}`, '.statusbar'), 'the status bar names the process that owns the engine');

      // The tree and an invoke go through the CLI's engine.
      const [root] = await api.explorer.explorer.getRoots();
      const names = (await api.explorer.explorer.getChildren(root)).flatMap((n) => (n.kind === 'function' ? [n.fn.name] : []));
      assert.ok(names.includes('hello-node'), names.join(', '));
      const stored = await vscode.commands.executeCommand<{ result: { requestId: string; payload: Buffer } } | undefined>('lambdaWorkbench.invoke', { functionName: 'hello-node', event: { name: 'attached' } });
      assert.ok(stored, 'the invoke through the attached engine returned a result');
      const served = await fetch(new URL(`/workbench/v1/invocations/${stored.result.requestId}`, cli.endpoint));
      assert.equal(served.status, 200, 'the CLI engine ran the invocation');

      // The CLI stops answering (frozen): Restart Engine offers the take-over, which stops it safely.
      process.kill(cli.proc.pid!, 'SIGSTOP');
      await vscode.commands.executeCommand('lambdaWorkbench.restartEngine', { takeOver: true, stopUnresponsive: true });
      const owner = await role('owner');
      assert.notEqual(owner.engine, own);
      assert.equal(await cli.exited, 0, 'the CLI was stopped with SIGTERM and shut down cleanly');
      cli = undefined;
      const back = await vscode.commands.executeCommand<{ result: { requestId: string } } | undefined>('lambdaWorkbench.invoke', { functionName: 'hello-node', event: { name: 'owner again' } });
      assert.ok(back && (await owner.engine.invocations.get(back.result.requestId)), 'the new engine of this window runs invokes');

      // Restart Engine as the owner: the environments stop, the engine stays.
      assert.ok(owner.engine.environmentCounts('hello-node').warm > 0);
      await vscode.commands.executeCommand('lambdaWorkbench.restartEngine');
      await until('the environments to stop', () => owner.engine.environmentCounts('hello-node').warm === 0, [(l) => { owner.engine.on('environmentsChanged', l); return new vscode.Disposable(() => owner.engine.off('environmentsChanged', l)); }]);
      assert.equal(host.role.kind, 'owner');
      assert.ok(owner.engine.listFunctions().length > 0);
    } finally {
      if (cli) {
        process.kill(cli.proc.pid!, 'SIGCONT');
        cli.proc.kill('SIGKILL');
        await cli.exited;
      }
    }
  });
});
