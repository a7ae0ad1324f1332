// Runtime values in the language server come from the runtime catalog: completion items say what runs
// locally and the deprecation date (struck through once past), and deprecated Runtime values get a
// warning naming the date, over real LSP messages to the bundled server.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionItemTag,
  CompletionRequest,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type CompletionItem,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { LAMBDA_RUNTIMES } from '../../src/core/project/runtimes';

const SERVER = path.join(__dirname, '..', '..', 'dist', 'languageServer.js');
const fn = (name: string, runtime: string): string => `  ${name}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: ${runtime}\n      CodeUri: src/\n      Handler: index.handler\n`;
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n${fn('Old', 'nodejs18.x')}${fn('Retired', 'nodejs16.x')}${fn('Current', 'nodejs24.x')}`;

describe('language server: Runtime values from the catalog', function () {
  this.timeout(20_000);
  let dir: string;
  let server: ChildProcess;
  let conn: ProtocolConnection;
  let uri: string;
  let published: Promise<PublishDiagnosticsParams>;

  before(async () => {
    if (!fs.existsSync(SERVER)) throw new Error('dist/languageServer.js is missing: npm run build');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-ls-rt-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'index.js'), 'exports.handler = async () => 1;\n');
    const file = path.join(dir, 'template.yaml');
    fs.writeFileSync(file, TEMPLATE);
    uri = pathToFileURL(file).toString();
    server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    conn = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    published = new Promise((resolve) => conn.onNotification(PublishDiagnosticsNotification.type, resolve));
    conn.listen();
    await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {}, workspaceFolders: null });
    await conn.sendNotification(InitializedNotification.type, {});
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: TEMPLATE } });
  });

  after(async () => {
    conn?.dispose();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill();
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('completes every runtime Lambda accepts, with language, local support and lifecycle', async () => {
    const items = (await conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 6, character: 15 } })) as CompletionItem[];
    assert.deepEqual(items.map((i) => i.label), [...LAMBDA_RUNTIMES]);
    const by = (l: string): CompletionItem => items.find((i) => i.label === l)!;
    assert.equal(by('nodejs18.x').detail, 'Node.js 18 · runs locally · deprecated on Sep 1, 2025');
    assert.deepEqual(by('nodejs18.x').tags, [CompletionItemTag.Deprecated]);
    assert.equal(by('nodejs24.x').detail, 'Node.js 24 · runs locally · deprecation scheduled for Apr 30, 2028');
    assert.equal(by('nodejs24.x').tags, undefined);
    assert.equal(by('python3.13').detail, 'Python 3.13 · runs locally · deprecation scheduled for Jun 30, 2029');
    assert.match(by('provided.al2023').detail ?? '', /^OS-only runtime \(al2023\), a bootstrap executable · runs locally/);
    assert.ok(!items.some((i) => i.label === 'nodejs16.x'), 'retired runtimes are not offered');
  });

  it('describes a Runtime value on hover from the catalog', async () => {
    const retired = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 12, character: 18 } });
    assert.deepEqual(retired?.range, { start: { line: 12, character: 15 }, end: { line: 12, character: 25 } });
    const text = (retired?.contents as { value: string }).value;
    assert.match(text, /^\*\*nodejs16\.x\*\*: Node\.js 16 · runs locally · deprecated on Jun 12, 2024; Lambda no longer accepts it/);
    assert.match(text, /Handler: `file\.export`/);
    assert.match(text, /It runs locally on the nearest available runtime \(nodejs18\.x's interpreter\)\.$/);
    const current = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 18, character: 17 } });
    assert.match((current?.contents as { value: string }).value, /^\*\*nodejs24\.x\*\*: Node\.js 24 · runs locally · deprecation scheduled for Apr 30, 2028/);
  });

  it('warns on deprecated Runtime values with the date, and not on current ones', async () => {
    const d = await published;
    const runtimeDiags = d.diagnostics.filter((x) => x.code === 'runtime-deprecated');
    const old = runtimeDiags.find((x) => x.range.start.line === 6);
    assert.ok(old, JSON.stringify(d.diagnostics));
    assert.deepEqual(old.range, { start: { line: 6, character: 15 }, end: { line: 6, character: 25 } });
    assert.equal(old.severity, 2);
    assert.match(old.message, /^nodejs18\.x was deprecated on Sep 1, 2025 \(Lambda developer guide, runtimes page\).* Use nodejs24\.x\.$/);
    const retired = runtimeDiags.find((x) => x.range.start.line === 12);
    assert.ok(retired, JSON.stringify(d.diagnostics));
    assert.equal(retired.severity, 2);
    assert.match(retired.message, /^nodejs16\.x was deprecated on Jun 12, 2024; Lambda no longer accepts it/);
    assert.ok(!runtimeDiags.some((x) => x.range.start.line === 18), 'nodejs24.x is current');
  });
});
