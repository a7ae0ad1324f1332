// F5 in a real VS Code: launch.json's `lambda` configuration stops at a breakpoint in the TypeScript
// example, and the Variables view has the Lambda scope (the emulated context of the invocation).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { screenshot, waitForText } from '../support/driver';
import { EXTENSION_ID, getApi } from '../support/extensionApi';

describe('F5 debugging', function () {
  this.timeout(90_000);

  it("stops at a breakpoint in the TypeScript example and shows the Lambda scope", async () => {
    await getApi();
    const debuggers = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { debuggers?: { type: string }[] } }).contributes?.debuggers ?? [];
    assert.ok(debuggers.some((d) => d.type === 'lambda'), 'the extension contributes the lambda debugger');
    const folder = vscode.workspace.workspaceFolders![0]!;
    const app = vscode.Uri.joinPath(folder.uri, 'ts-function', 'src', 'app.ts');
    const doc = await vscode.workspace.openTextDocument(app);
    await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').findIndex((l) => l.includes('console.log(message)'));
    const bp = new vscode.SourceBreakpoint(new vscode.Location(app, new vscode.Position(line, 0)));
    vscode.debug.addBreakpoints([bp]);
    let onStopped: (b: DebugProtocol.StoppedEvent['body']) => void = () => undefined;
    const stopped = new Promise<DebugProtocol.StoppedEvent['body']>((resolve) => (onStopped = resolve));
    const tracker = vscode.debug.registerDebugAdapterTrackerFactory('lambda', {
      createDebugAdapterTracker: () => ({
        onDidSendMessage: (m: DebugProtocol.ProtocolMessage) => {
          if (m.type === 'event' && (m as DebugProtocol.Event).event === 'stopped') onStopped((m as DebugProtocol.StoppedEvent).body);
        },
      }),
    });
    const terminated = new Promise<void>((resolve) => {
      const sub = vscode.debug.onDidTerminateDebugSession(() => (sub.dispose(), resolve()));
    });
    try {
      // What F5 runs: the selected configuration of launch.json ("Debug hello-ts", the only one).
      await vscode.commands.executeCommand('workbench.action.debug.start');
      const body = await stopped;
      const session = vscode.debug.activeDebugSession!;
      assert.equal(session.configuration.name, 'Debug hello-ts');
      const trace = (await session.customRequest('stackTrace', { threadId: body.threadId })) as DebugProtocol.StackTraceResponse['body'];
      const top = trace.stackFrames[0]!;
      assert.match(top.source?.path ?? '', /ts-function[\\/]src[\\/]app\.ts$/);
      assert.equal(top.line, line + 1);
      const scopes = ((await session.customRequest('scopes', { frameId: top.id })) as DebugProtocol.ScopesResponse['body']).scopes;
      const lambda = scopes.find((s) => s.name === 'Lambda');
      assert.ok(lambda, scopes.map((s) => s.name).join(', '));
      const vars = ((await session.customRequest('variables', { variablesReference: lambda.variablesReference })) as DebugProtocol.VariablesResponse['body']).variables;
      assert.ok(vars.some((v) => v.name === 'getRemainingTimeInMillis()'), vars.map((v) => v.name).join(', '));
      assert.ok(vars.some((v) => v.name === 'awsRequestId' && /^"[0-9a-f-]{36}"$/.test(v.value)));
      await vscode.commands.executeCommand('workbench.view.debug');
      assert.ok(await waitForText('Lambda', '.debug-pane, .pane-body').catch(() => true));
      await screenshot('debug-stopped', 'Lambda', '.pane-body');
      await vscode.commands.executeCommand('workbench.action.debug.continue');
      await vscode.debug.stopDebugging(session);
      await terminated;
    } finally {
      tracker.dispose();
      vscode.debug.removeBreakpoints([bp]);
      if (vscode.debug.activeDebugSession) await vscode.debug.stopDebugging();
    }
  });

  it('starts a debug session of a function from the explorer with the chosen event', async function () {
    const api = await getApi();
    const debuggers = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { debuggers?: { type: string }[] } }).contributes?.debuggers ?? [];
    assert.ok(debuggers.some((d) => d.type === 'lambda'), 'the extension contributes the lambda debugger');
    const [root] = await api.explorer.explorer.getRoots();
    const node = (await api.explorer.explorer.getChildren(root)).find((n) => n.kind === 'function' && n.fn.name === 'hello-node');
    const started = new Promise<vscode.DebugSession>((resolve) => {
      const sub = vscode.debug.onDidStartDebugSession((s) => (sub.dispose(), resolve(s)));
    });
    assert.equal(await vscode.commands.executeCommand('lambdaWorkbench.explorer.debug', node, { event: { name: 'tree' } }), true);
    const session = await started;
    assert.deepEqual([session.type, session.configuration.function, session.configuration.event], ['lambda', 'HelloNode', { name: 'tree' }]);
    const ended = new Promise<void>((resolve) => {
      const sub = vscode.debug.onDidTerminateDebugSession((s) => s.id === session.id && (sub.dispose(), resolve()));
    });
    await vscode.debug.stopDebugging(session);
    await ended;
  });
});
