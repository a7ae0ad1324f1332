// The SAM template language server as an editor sees it: the bundled dist/languageServer.js over stdio,
// real LSP messages for diagnostics (exact ranges), completion, hover and go-to-definition.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type CompletionItem,
  type Location,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

const SERVER = path.join(__dirname, '..', '..', 'dist', 'languageServer.js');
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Greeter:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: index.handler
      MemorySize: 99999
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      CodeUri: py/
      Handler: jobs.run
`;

describe('language server (bundled, over stdio)', function () {
  this.timeout(20_000);
  let dir: string;
  let server: ChildProcess;
  let conn: ProtocolConnection;
  let uri: string;
  const diagnostics: PublishDiagnosticsParams[] = [];
  const onDiagnostics: (() => void)[] = [];
  const nextDiagnostics = (): Promise<PublishDiagnosticsParams> =>
    new Promise((resolve) => {
      const n = diagnostics.length;
      onDiagnostics.push(() => diagnostics.length > n && resolve(diagnostics[diagnostics.length - 1] as PublishDiagnosticsParams));
    });

  before(async function () {
    if (!fs.existsSync(SERVER)) throw new Error('dist/languageServer.js is missing: npm run build');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-ls-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'index.js'), "const x = 1;\nexports.handler = async () => x;\nexports.other = () => 2;\n");
    fs.mkdirSync(path.join(dir, 'py'));
    fs.writeFileSync(path.join(dir, 'py', 'jobs.py'), 'import os\n\n\ndef run(event, context):\n    return 1\n');
    const file = path.join(dir, 'template.yaml');
    fs.writeFileSync(file, TEMPLATE);
    uri = pathToFileURL(file).toString();
    server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    conn = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      diagnostics.push(p);
      onDiagnostics.splice(0).forEach((f) => f());
    });
    conn.listen();
    const init = await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {}, workspaceFolders: null });
    assert.ok(init.capabilities.completionProvider && init.capabilities.hoverProvider && init.capabilities.definitionProvider);
    await conn.sendNotification(InitializedNotification.type, {});
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

  it('publishes the core validation problems with their exact ranges', async () => {
    const published = nextDiagnostics();
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: TEMPLATE } });
    const d = await published;
    const memory = d.diagnostics.find((x) => x.code === 'memory-range' || /MemorySize|memorySize/.test(x.message));
    assert.ok(memory, JSON.stringify(d.diagnostics));
    assert.deepEqual(memory.range, { start: { line: 9, character: 18 }, end: { line: 9, character: 23 } });
    assert.equal(memory.severity, 1);
  });

  it('clears a diagnostic once the text is fixed', async () => {
    const published = nextDiagnostics();
    await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: TEMPLATE.replace('99999', '512') }] });
    const d = await published;
    assert.equal(d.diagnostics.filter((x) => x.severity === 1).length, 0, JSON.stringify(d.diagnostics));
  });

  it('completes property names with their meaning, Runtime values and Handler exports', async () => {
    const withKey = TEMPLATE.replace('      MemorySize: 99999', '      MemorySize: 512\n      Ti');
    await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text: withKey }] });
    const props = (await conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 10, character: 8 } })) as CompletionItem[];
    const timeout = props.find((i) => i.label === 'Timeout');
    assert.ok(timeout, props.map((i) => i.label).join(','));
    assert.match(JSON.stringify(timeout.documentation), /1-900 seconds/);
    assert.ok(!props.some((i) => i.label === 'Runtime'), 'present keys are not offered again');
    const runtimes = (await conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 6, character: 15 } })) as CompletionItem[];
    assert.ok(runtimes.some((i) => i.label === 'nodejs22.x') && runtimes.some((i) => i.label === 'python3.13'));
    const handlers = (await conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 8, character: 15 } })) as CompletionItem[];
    assert.deepEqual(handlers.map((i) => i.label).sort(), ['index.handler', 'index.other']);
    const py = (await conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 16, character: 15 } })) as CompletionItem[];
    assert.deepEqual(py.map((i) => i.label), ['jobs.run']);
  });

  it('explains a property and its limits on hover', async () => {
    await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 4 }, contentChanges: [{ text: TEMPLATE }] });
    const hover = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 9, character: 9 } });
    assert.match(JSON.stringify(hover?.contents), /MemorySize.*128-10,240 MB/);
    assert.deepEqual(hover?.range, { start: { line: 9, character: 6 }, end: { line: 9, character: 16 } });
  });

  it('goes from Handler to the exported function', async () => {
    const node = (await conn.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 8, character: 18 } })) as Location;
    assert.equal(node.uri, pathToFileURL(path.join(dir, 'src', 'index.js')).toString());
    assert.equal(node.range.start.line, 1);
    const py = (await conn.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 15, character: 16 } })) as Location;
    assert.equal(py.uri, pathToFileURL(path.join(dir, 'py', 'jobs.py')).toString());
    assert.equal(py.range.start.line, 3);
  });
});
