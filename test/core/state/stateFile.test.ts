// The durable state: one engine per state directory (a clear message for the second, a stale lock taken
// over), schema versions, variables encrypted with the user's key, and the audit log.
import { CreateFunctionCommand, InvokeCommand, PublishVersionCommand, TagResourceCommand } from '@aws-sdk/client-lambda';
import { spawn } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Emulator } from '../../../src/core/emulator';
import { WorkbenchError } from '../../../src/core/errors';
import { handlerCode, newWorkspace, removeWorkspaces, sdkError, oneFunctionWorkspace } from '../management/managementFixtures';
import { makeZip } from './zipFixtures';
import { startTestEngine, type TestEngine } from '../../support/engine';

const ROLE = 'arn:aws:iam::123456789012:role/local';

/** A separate process holding an engine (and its lock) on `dir`, serving HTTP; resolves with its URL. */
function holdInOtherProcess(dir: string): Promise<{ url: string; kill: () => Promise<void> }> {
  const script = `const { Emulator } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/core/emulator'))});
const e = new Emulator({ workspaceDir: process.argv[1], api: { port: 0 } });
e.listen().then((url) => process.stdout.write(url + '\\n'));`;
  const proc = spawn(process.execPath, ['--import', 'tsx', '-e', script, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let err = '';
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.stdout.once('data', (d: Buffer) =>
      resolve({
        url: d.toString().trim(),
        kill: async () => {
          proc.kill('SIGKILL');
          await exited;
        },
      }),
    );
    proc.once('exit', (code) => reject(new Error(`holder exited (${code}): ${err}`)));
  });
}

describe('durable management state', function () {
  this.timeout(120_000);
  const engines: (Emulator | TestEngine)[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.dispose();
    removeWorkspaces();
  });

  it('lets one engine own a state directory and tells the second which one does', async () => {
    const m = await startTestEngine({ listen: true, workspaceDir: oneFunctionWorkspace() });
    engines.push(m);
    assert.throws(
      () => new Emulator({ workspaceDir: m.dir, api: false }),
      (e: unknown) => e instanceof WorkbenchError && e.message.startsWith(`The state directory ${m.stateDir} is in use by another Lambda Workbench engine (pid ${process.pid}, serving ${m.url}).`),
    );
    await m.dispose();
    engines.pop();
    const again = new Emulator({ workspaceDir: m.dir, api: false });
    engines.push(again);
  });

  it('names a holder in another process and takes over its lock once it was killed', async () => {
    const dir = newWorkspace();
    const holder = await holdInOtherProcess(dir);
    try {
      assert.throws(() => new Emulator({ workspaceDir: dir, api: false }), new RegExp(`in use by another Lambda Workbench engine \\(pid \\d+, serving ${holder.url.replace(/\./g, '\\.')}\\)\\. Use that engine`));
    } finally {
      await holder.kill();
    }
    engines.push(new Emulator({ workspaceDir: dir, api: false }));
  });

  it('refuses state written by a newer schema, or corrupt, with what to do', async () => {
    const dir = newWorkspace();
    const file = path.join(dir, '.lambda-workbench', 'functions', 'state.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ schemaVersion: 99, functions: {} }));
    assert.throws(() => new Emulator({ workspaceDir: dir, api: false }), /written by a newer Lambda Workbench \(state schema 99; this one reads up to 1\)\. Upgrade, or use another state directory\./);
    fs.writeFileSync(file, '{"schemaVersion": 1, "functions": {');
    assert.throws(() => new Emulator({ workspaceDir: dir, api: false }), /state\.json is not valid JSON .* move it away to start with an empty state\./);
    fs.writeFileSync(file, JSON.stringify({ schemaVersion: 1, functions: {} }));
    engines.push(new Emulator({ workspaceDir: dir, api: false }));
  });

  it('cannot run functions whose variables were encrypted with another key, and says why', async () => {
    const m = await startTestEngine({ listen: true, workspaceDir: oneFunctionWorkspace() });
    const zip = makeZip([{ name: 'index.js', content: handlerCode('k') }]);
    await m.lambda.send(new CreateFunctionCommand({ FunctionName: 'sealed', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zip }, Environment: { Variables: { SECRET: 'x' } }, Publish: true }));
    await m.dispose();
    fs.writeFileSync(m.keyFile, Buffer.alloc(32, 7).toString('base64'));
    const again = await startTestEngine({ listen: true, workspaceDir: m.dir });
    engines.push(again);
    const latest = await sdkError(again.lambda.send(new InvokeCommand({ FunctionName: 'sealed' })));
    assert.equal(latest.name, 'InvalidParameterValueException');
    assert.match(latest.message, /cannot be decrypted with the key in .*env\.key/);
    const version = await sdkError(again.lambda.send(new InvokeCommand({ FunctionName: 'sealed', Qualifier: '1' })));
    assert.deepEqual([version.name, version.status], ['KMSAccessDeniedException', 502]);
    assert.match(version.message, /^Lambda was unable to decrypt the environment variables because KMS access was denied\./);
  });

  it('appends every management call to the audit log, without secrets', async () => {
    const m = await startTestEngine({ listen: true, workspaceDir: oneFunctionWorkspace() });
    engines.push(m);
    await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
    await sdkError(m.lambda.send(new PublishVersionCommand({ FunctionName: 'ghost' })));
    const zip = makeZip([{ name: 'index.js', content: handlerCode('a') }]);
    await m.lambda.send(new CreateFunctionCommand({ FunctionName: 'audited', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zip }, Environment: { Variables: { SECRET: 'top-secret-value' } } }));
    await m.lambda.send(new TagResourceCommand({ Resource: 'arn:aws:lambda:us-east-1:123456789012:function:audited', Tags: { a: 'b' } }));
    const records = m.functions.audit.read();
    assert.deepEqual(records.map((r) => [r.operation, r.target, r.outcome, r.caller.accessKeyId]), [
      ['PublishVersion', 'arn:aws:lambda:us-east-1:123456789012:function:fn', 'Success', 'AKIDTEST'],
      ['PublishVersion', 'arn:aws:lambda:us-east-1:123456789012:function:ghost', 'ResourceNotFoundException', 'AKIDTEST'],
      ['CreateFunction', 'arn:aws:lambda:us-east-1:123456789012:function:audited', 'Success', 'AKIDTEST'],
      ['TagResource', 'arn:aws:lambda:us-east-1:123456789012:function:audited', 'Success', 'AKIDTEST'],
    ]);
    for (const r of records) assert.ok(!Number.isNaN(Date.parse(r.time)));
    assert.ok(!fs.readFileSync(m.functions.audit.file, 'utf8').includes('top-secret-value'));
  });
});
