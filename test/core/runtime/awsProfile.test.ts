// Handler credentials from a named local AWS profile: INI parsing like the AWS CLI, clear errors that
// never show a secret, and keys that reach the handler but never the logs or the state.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Emulator } from '../../../src/core/emulator';
import { WorkbenchError } from '../../../src/core/errors';
import { loadProfileCredentials, parseIni } from '../../../src/core/runtime/awsProfile';
import { newWorkspace, removeWorkspaces, templateFor } from '../management/managementFixtures';

const credentials = `# comment
[default]
aws_access_key_id = AKIADEFAULT
aws_secret_access_key = default-secret

[dev]
aws_access_key_id=AKIADEV
aws_secret_access_key=dev-secret-value-123
aws_session_token = token-xyz
`;

const config = `[default]
region = us-east-1

[profile from-config]
aws_access_key_id = AKIACONFIG
aws_secret_access_key = config-secret
s3 =
  max_concurrent_requests = 20

[profile assumed]
role_arn = arn:aws:iam::123456789012:role/x
source_profile = dev
`;

describe('AWS profile credentials', () => {
  let dir: string;
  let files: { credentialsFile: string; configFile: string };
  beforeEach(() => {
    dir = newWorkspace({ 'aws/credentials': credentials, 'aws/config': config });
    files = { credentialsFile: path.join(dir, 'aws/credentials'), configFile: path.join(dir, 'aws/config') };
  });
  afterEach(removeWorkspaces);

  it('parses sections and keys like the AWS CLI', () => {
    const ini = parseIni(config);
    assert.deepEqual(ini['profile from-config'], { aws_access_key_id: 'AKIACONFIG', aws_secret_access_key: 'config-secret', s3: '' });
    assert.deepEqual(loadProfileCredentials('dev', files), { accessKeyId: 'AKIADEV', secretAccessKey: 'dev-secret-value-123', sessionToken: 'token-xyz' });
    assert.deepEqual(loadProfileCredentials('default', files), { accessKeyId: 'AKIADEFAULT', secretAccessKey: 'default-secret' });
    assert.deepEqual(loadProfileCredentials('from-config', files), { accessKeyId: 'AKIACONFIG', secretAccessKey: 'config-secret' });
  });

  it('explains profiles it cannot use, without printing secrets', () => {
    assert.throws(() => loadProfileCredentials('missing', files), (e: unknown) => e instanceof WorkbenchError && /AWS profile 'missing' was not found in .*credentials or .*config\./.test(e.message));
    assert.throws(() => loadProfileCredentials('assumed', files), (e: unknown) => e instanceof WorkbenchError && /gets its credentials through role_arn, which Lambda Workbench does not resolve/.test(e.message) && !e.message.includes('secret'));
  });

  it('hands the keys to handlers and keeps them out of logs and state', async () => {
    const ws = newWorkspace({
      'template.yaml': templateFor(),
      // The handler compares a digest so the secret is not in the code snapshot either.
      'fn/index.js': `const h = (s) => require('crypto').createHash('sha256').update(String(s)).digest('hex');\nexports.handler = async () => ({ id: process.env.AWS_ACCESS_KEY_ID, ok: h(process.env.AWS_SECRET_ACCESS_KEY) === '${createHash('sha256').update('dev-secret-value-123').digest('hex')}', token: process.env.AWS_SESSION_TOKEN });\n`,
    });
    const previous = { c: process.env.AWS_SHARED_CREDENTIALS_FILE, f: process.env.AWS_CONFIG_FILE };
    process.env.AWS_SHARED_CREDENTIALS_FILE = files.credentialsFile;
    process.env.AWS_CONFIG_FILE = files.configFile;
    let engine: Emulator;
    try {
      engine = new Emulator({ workspaceDir: ws, api: false, awsProfile: 'dev', functions: { keyFile: path.join(ws, 'key') } });
    } finally {
      if (previous.c === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE;
      else process.env.AWS_SHARED_CREDENTIALS_FILE = previous.c;
      if (previous.f === undefined) delete process.env.AWS_CONFIG_FILE;
      else process.env.AWS_CONFIG_FILE = previous.f;
    }
    try {
      await engine.loadTemplate({ templatePath: path.join(ws, 'template.yaml') });
      await engine.functions.versions.publish('fn');
      const r = await engine.invoke({ functionName: 'fn', qualifier: '1', payload: Buffer.from('{}'), logType: 'Tail' });
      assert.deepEqual(JSON.parse(r.payload.toString()), { id: 'AKIADEV', ok: true, token: 'token-xyz' });
    } finally {
      await engine.dispose();
    }
    const found: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile() && fs.readFileSync(p).includes('dev-secret-value-123')) found.push(p);
      }
    };
    walk(path.join(ws, '.lambda-workbench'));
    assert.deepEqual(found, [], 'the secret key appears in no log, state or audit file');
  });
});
