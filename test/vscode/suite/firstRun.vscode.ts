// The first minutes in a real VS Code (issue 13): F5 with no launch.json in a handler file debugs that
// file's function (the key really pressed in the browser, the event picker answered with Enter), and
// "Create launch.json" writes only the template's real functions.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { driverLog, hasDriver, press, waitForText } from '../support/driver';
import { EXTENSION_ID, getApi, until } from '../support/extensionApi';

const launchConfigurations = (): unknown[] => vscode.workspace.getConfiguration('launch').get<unknown[]>('configurations') ?? [];

/** Removes .vscode/launch.json for the test; returns a function that puts it back. */
async function withoutLaunchJson(): Promise<() => Promise<void>> {
  const file = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, '.vscode', 'launch.json');
  const saved = fs.readFileSync(file, 'utf8');
  fs.rmSync(file);
  await until('launch.json to be gone', () => launchConfigurations().length === 0, [vscode.workspace.onDidChangeConfiguration]);
  return async () => {
    fs.writeFileSync(file, saved);
    await until('launch.json to be back', () => launchConfigurations().length > 0, [vscode.workspace.onDidChangeConfiguration]);
  };
}

describe('first run: F5 without a launch.json', function () {
  this.timeout(90_000);

  it('F5 in a TypeScript handler debugs its function, the first event is taken with Enter', async function () {
    if (!hasDriver) this.skip(); // the real F5 key needs the browser
    const api = await getApi();
    const restore = await withoutLaunchJson();
    const folder = vscode.workspace.workspaceFolders![0]!;
    const app = vscode.Uri.joinPath(folder.uri, 'ts-function', 'src', 'app.ts');
    const doc = await vscode.workspace.openTextDocument(app);
    const line = doc.getText().split('\n').findIndex((l) => l.includes('console.log(message)'));
    const bp = new vscode.SourceBreakpoint(new vscode.Location(app, new vscode.Position(line, 0)));
    vscode.debug.addBreakpoints([bp]);
    type Stop = { body: DebugProtocol.StoppedEvent['body']; session: vscode.DebugSession };
    let onStopped: (s: Stop) => void = () => undefined;
    const stopped = new Promise<Stop>((resolve) => (onStopped = resolve));
    const tracker = vscode.debug.registerDebugAdapterTrackerFactory('lambda', {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (m: DebugProtocol.ProtocolMessage) => {
          if (m.type === 'event' && (m as DebugProtocol.Event).event === 'stopped') onStopped({ body: (m as DebugProtocol.StoppedEvent).body, session });
        },
      }),
    });
    try {
      assert.equal(await api.f5.settled(), true, 'F5 is bound to the Lambda debugger while there is no launch.json');
      await vscode.window.showTextDocument(doc);
      await press('F5');
      // The event picker of hello-ts; Enter takes its first (focused) item.
      assert.ok(await waitForText('Event for hello-ts', '.quick-input-widget'), 'F5 asks for the event of hello-ts');
      await press('Enter');
      const { body, session } = await stopped;
      assert.equal(session.configuration.function, 'HelloTypeScript');
      const trace = (await session.customRequest('stackTrace', { threadId: body.threadId })) as DebugProtocol.StackTraceResponse['body'];
      assert.match(trace.stackFrames[0]!.source?.path ?? '', /ts-function[\\/]src[\\/]app\.ts$/);
      assert.equal(trace.stackFrames[0]!.line, line + 1);
      // The call stack shows each await once, without Node's processTicksAndRejections segments.
      const names = trace.stackFrames.map((f) => f.name);
      void driverLog(`call stack: ${names.join(' < ')}`);
      assert.ok(names.filter((n) => n === 'processTicksAndRejections').length <= 1, names.join(' < '));
      const ended = new Promise<void>((resolve) => {
        const sub = vscode.debug.onDidTerminateDebugSession((s) => s.id === session.id && (sub.dispose(), resolve()));
      });
      await vscode.debug.stopDebugging(session);
      await ended;
    } finally {
      tracker.dispose();
      vscode.debug.removeBreakpoints([bp]);
      if (vscode.debug.activeDebugSession) await vscode.debug.stopDebugging();
      await restore();
    }
    assert.equal(await api.f5.settled(), false, 'with a launch.json, F5 is VS Code’s again');
  });

  it('"Create launch.json" writes only functions of the template, no placeholder', async () => {
    const api = await getApi();
    const debuggers = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { debuggers: { type: string; initialConfigurations?: unknown }[] } }).contributes.debuggers;
    assert.equal(debuggers.find((d) => d.type === 'lambda')?.initialConfigurations, undefined, 'no static placeholder configuration');
    const restore = await withoutLaunchJson();
    try {
      await vscode.commands.executeCommand('lambdaWorkbench.debug.createLaunchJson');
      await until('launch.json to be written', () => launchConfigurations().length > 0, [vscode.workspace.onDidChangeConfiguration]);
      const written = launchConfigurations() as { type: string; function: string }[];
      const engine = await api.host.getEngine();
      const ids = engine.listFunctions().flatMap((e) => (e.spec ? [e.spec.logicalId] : []));
      assert.deepEqual(written.map((c) => c.function).sort(), [...ids].sort());
      assert.ok(written.every((c) => c.type === 'lambda'));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, '.vscode', 'launch.json'), { force: true });
      await until('launch.json to be gone', () => launchConfigurations().length === 0, [vscode.workspace.onDidChangeConfiguration]);
      await restore();
    }
  });
});
