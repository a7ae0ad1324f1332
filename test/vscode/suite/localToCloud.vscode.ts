// Local to cloud in a real VS Code, with a second engine (`lambda-workbench serve`, a real process)
// playing the AWS account: cloud logs in the log panel (groups under the AWS root, folding, request-id
// link, live tail), one event side by side locally and in the cloud, and a deployed function brought
// home and stopped at a breakpoint in its downloaded code.
import { spawn, type ChildProcess } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { FunctionNode, RootNode } from '../../../src/vscode/functionExplorer/explorerNodes';
import type { StoredResult } from '../../../src/vscode/invoke/invokeResults';
import type { ComparisonRun } from '../../../src/vscode/invoke/registerCompare';
import type { PullResult } from '../../../src/core/remote/pullFunction';
import { evaluateInFrame, hasDriver, screenshot, waitForCondition } from '../support/driver';
import { EXTENSION_ID, getApi, until } from '../support/extensionApi';

const cmd = (id: string, ...args: unknown[]): Thenable<unknown> => vscode.commands.executeCommand(id, ...args);
const PANEL = `!!document.getElementById('rows') && !!document.getElementById('filter')`;
const frameWait = (condition: string, timeoutMs = 15000): string => `new Promise((resolve) => {
  const has = () => { try { return !!(${condition}); } catch { return false; } };
  if (has()) return resolve(true);
  const obs = new MutationObserver(() => { if (has()) { obs.disconnect(); resolve(true); } });
  obs.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  setTimeout(() => { obs.disconnect(); resolve(has()); }, ${timeoutMs});
})`;

const CLOUD_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  HelloNode:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: hello-node
      Runtime: nodejs20.x
      CodeUri: fn/
      Handler: index.handler
      MemorySize: 512
      Environment:
        Variables:
          STAGE: cloud
`;
const CLOUD_HANDLER = `exports.handler = async (event) => {
  console.log('cloud handling', JSON.stringify(event));
  return { message: 'Hello ' + (event.name || 'world') + ' from the ' + process.env.STAGE };
};
`;

/** `lambda-workbench serve` on a free port; resolves once it prints its endpoint. */
async function startCloud(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const bin = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'bin', 'lambda-workbench.js');
  const child = spawn(process.execPath, [bin, 'serve', '--template', path.join(dir, 'template.yaml'), '--port', '0', '--no-watch', '--json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // The ready document is pretty-printed: its endpoint line is enough.
      const endpoint = /"endpoint": "([^"]+)"/.exec(out)?.[1];
      if (endpoint) resolve(endpoint);
    });
    child.once('exit', (code) => reject(new Error(`the cloud engine exited (${code}) before serving`)));
  });
  return { child, url };
}

describe('local to cloud: cloud logs, side by side, bring home', function () {
  this.timeout(120_000);
  let api: Awaited<ReturnType<typeof getApi>>;
  let cloudDir: string;
  let cloud: { child: ChildProcess; url: string };
  let awsRoot: RootNode;
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('lambdaWorkbench');
  const awsHello = async (): Promise<FunctionNode> => (await api.explorer.explorer.getChildren(awsRoot)).find((n): n is FunctionNode => n.kind === 'function' && n.fn.name === 'hello-node')!;

  before(async () => {
    api = await getApi();
    cloudDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-e2e-cloud-'));
    fs.writeFileSync(path.join(cloudDir, 'template.yaml'), CLOUD_TEMPLATE);
    fs.mkdirSync(path.join(cloudDir, 'fn'));
    fs.writeFileSync(path.join(cloudDir, 'fn', 'index.js'), CLOUD_HANDLER);
    cloud = await startCloud(cloudDir);
    await settings().update('aws.profiles', [{ profile: 'e2e', region: 'us-east-1', endpointUrl: cloud.url }], vscode.ConfigurationTarget.Global);
    const roots = await until('an AWS root', async () => ((await api.explorer.explorer.getRoots()).length === 2 ? api.explorer.explorer.getRoots() : undefined), [api.explorer.explorer.onDidChangeTreeData]);
    awsRoot = roots[1] as RootNode;
  });

  after(async () => {
    await settings().update('aws.profiles', undefined, vscode.ConfigurationTarget.Global);
    if (cloud && cloud.child.exitCode === null) {
      const exited = new Promise((resolve) => cloud.child.once('exit', resolve));
      cloud.child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(cloudDir, { recursive: true, force: true });
  });

  it('shows cloud logs in the panel: the group under its AWS root, folded invocations, request-id links and live tail', async function () {
    if (!hasDriver) this.skip(); // the panel is a webview: only a browser can read it
    const node = await awsHello();
    const stored = (await cmd('lambdaWorkbench.explorer.invoke', node, { event: { name: 'panel-e2e' } })) as StoredResult;
    assert.match(stored.text, /from the cloud/);
    const requestId = stored.result.requestId;
    const key = `${node.backend.id} /aws/lambda/hello-node`;
    await cmd('lambdaWorkbench.explorer.showLogs', node);
    const shown = await evaluateInFrame<boolean>(
      PANEL,
      frameWait(
        `document.getElementById('group').value === ${JSON.stringify(key)} && [...document.querySelectorAll('#group optgroup')].some((g) => g.label === ${JSON.stringify(node.backend.label)}) && document.getElementById('rows').innerText.includes('cloud handling') && !!document.querySelector('[data-fold="${requestId}"]')`,
      ),
    );
    assert.ok(shown, 'the AWS group is selected under its root, with the folded invocation');
    await screenshot('cloud-logs');
    const opened = until('the invocation document', () => vscode.workspace.textDocuments.find((d) => d.languageId === 'lambda-invocation' && d.getText().includes('panel-e2e') && d.getText().includes('from the cloud')), [vscode.workspace.onDidOpenTextDocument]);
    await evaluateInFrame(PANEL, `(document.querySelector('[data-request="${requestId}"]').click(), true)`);
    await opened;
    await evaluateInFrame(PANEL, `(document.getElementById('live').click(), true)`);
    try {
      let live = false;
      // The live tail session starts asynchronously: invoke until the new line arrives (each waited on).
      for (let i = 0; i < 5 && !live; i++) {
        await cmd('lambdaWorkbench.explorer.invoke', node, { event: { name: `live-e2e-${i}` } });
        live = await evaluateInFrame<boolean>(PANEL, frameWait(`document.getElementById('rows').innerText.includes('live-e2e-')`, 5000));
      }
      assert.ok(live, 'a live tail line arrived');
    } finally {
      await evaluateInFrame(PANEL, `(document.getElementById('live').click(), true)`);
    }
  });

  it('runs one event locally and in the cloud and shows both side by side with the differences highlighted', async () => {
    await cmd('workbench.action.closeAllEditors');
    const run = (await cmd('lambdaWorkbench.compareWithCloud', { functionName: 'hello-node', event: { name: 'side' } })) as ComparisonRun;
    assert.ok(run, 'the comparison ran');
    assert.match(run.local.payload, /"Hello side"/);
    assert.match(run.cloud.payload, /"Hello side from the cloud"/);
    const fields = Object.fromEntries(run.comparison.fields.map((f) => [f.field, f]));
    assert.equal(fields.Payload?.same, false);
    assert.equal(fields.Error?.same, true);
    assert.deepEqual([fields['Memory size']?.local, fields['Memory size']?.cloud], ['256 MB', '512 MB']);
    const diffTab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff);
    assert.ok(diffTab, 'a diff editor is open');
    const input = diffTab.input as vscode.TabInputTextDiff;
    assert.deepEqual([input.original.toString(), input.modified.toString()], [run.localUri.toString(), run.cloudUri.toString()]);
    const cloudText = (await vscode.workspace.openTextDocument(run.cloudUri)).getText();
    assert.match(cloudText, /cloud handling \{"name":"side"\}/);
    assert.match((await vscode.workspace.openTextDocument(run.localUri)).getText(), /hello from hello-node/);
    if (hasDriver) {
      assert.ok(await waitForCondition(`document.querySelectorAll('.monaco-diff-editor .line-insert, .monaco-diff-editor .char-insert, .monaco-diff-editor .gutter-insert').length > 0`), 'the diff editor highlights what differs');
      await screenshot('side-by-side');
    }
  });

  it('brings a deployed function home and stops at a breakpoint in its downloaded code', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const target = path.join(folder, 'home-e2e');
    const source = vscode.Uri.file(path.join(target, 'src', 'index.js'));
    const bp = new vscode.SourceBreakpoint(new vscode.Location(source, new vscode.Position(1, 0)));
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
    try {
      const pulled = (await cmd('lambdaWorkbench.explorer.pullFunction', await awsHello(), { directory: 'home-e2e', force: true, then: 'debug' })) as PullResult;
      assert.equal(pulled.templatePath, path.join(target, 'template.yaml'));
      assert.equal(fs.readFileSync(source.fsPath, 'utf8'), CLOUD_HANDLER);
      const template = fs.readFileSync(pulled.templatePath, 'utf8');
      for (const line of ['FunctionName: hello-node', 'Runtime: nodejs20.x', 'Handler: index.handler', 'MemorySize: 512', 'STAGE: cloud', 'CodeUri: src/']) assert.ok(template.includes(line), `${line} in\n${template}`);
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, pulled.templatePath);
      const body = await stopped;
      const session = vscode.debug.activeDebugSession!;
      const trace = (await session.customRequest('stackTrace', { threadId: body.threadId })) as DebugProtocol.StackTraceResponse['body'];
      assert.match(trace.stackFrames[0]?.source?.path ?? '', /home-e2e[\\/]src[\\/]index\.js$/);
      assert.equal(trace.stackFrames[0]?.line, 2);
      await screenshot('bring-home-debug');
      const ended = new Promise<void>((resolve) => {
        const sub = vscode.debug.onDidTerminateDebugSession((s) => s.id === session.id && (sub.dispose(), resolve()));
      });
      await vscode.debug.stopDebugging(session);
      await ended;
    } finally {
      tracker.dispose();
      vscode.debug.removeBreakpoints([bp]);
      if (vscode.debug.activeDebugSession) await vscode.debug.stopDebugging();
      fs.rmSync(target, { recursive: true, force: true });
    }
  });
});
