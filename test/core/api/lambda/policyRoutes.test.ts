// Resource policies per qualifier (AddPermission, RemovePermission, GetPolicy) with AWS's messages, and
// their evaluation in strict mode: callers identified by SigV4 keys mapped to principals.
import { AddPermissionCommand, CreateAliasCommand, GetAliasCommand, GetPolicyCommand, InvokeCommand, LambdaClient, PublishVersionCommand, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { removeWorkspaces, sdkError, oneFunctionWorkspace } from '../../management/managementFixtures';
import { startTestEngine, type TestEngine } from '../../../support/engine';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:fn';

describe('resource policies API', function () {
  this.timeout(120_000);
  let m: TestEngine;

  afterEach(async () => {
    await m.dispose();
    removeWorkspaces();
  });

  describe('operations', () => {
    beforeEach(async () => {
      m = await startTestEngine({ listen: true, workspaceDir: oneFunctionWorkspace() });
      await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
      await m.lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1' }));
    });

    it('adds statements exactly as AWS writes them and returns the policy as a JSON string', async () => {
      const added = await m.cli([
        'add-permission', '--function-name', 'fn', '--statement-id', 's3-events', '--action', 'lambda:InvokeFunction',
        '--principal', 's3.amazonaws.com', '--source-arn', 'arn:aws:s3:::my-bucket', '--source-account', '123456789012',
      ]);
      assert.equal(added.code, 0, added.stderr);
      assert.equal(typeof added.json.Statement, 'string');
      assert.deepEqual(JSON.parse(added.json.Statement), {
        Sid: 's3-events',
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: ARN,
        Condition: { StringEquals: { 'AWS:SourceAccount': '123456789012' }, ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::my-bucket' } },
      });
      await m.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', StatementId: 'acct', Action: 'lambda:*', Principal: '999999999999' }));
      const policy = await m.lambda.send(new GetPolicyCommand({ FunctionName: 'fn' }));
      const doc = JSON.parse(policy.Policy as string) as { Version: string; Id: string; Statement: { Sid: string; Principal: unknown }[] };
      assert.deepEqual([doc.Version, doc.Id, doc.Statement.map((s) => s.Sid)], ['2012-10-17', 'default', ['s3-events', 'acct']]);
      assert.deepEqual(doc.Statement[1]?.Principal, { AWS: 'arn:aws:iam::999999999999:root' });
      assert.match(policy.RevisionId as string, /^[0-9a-f-]{36}$/);
    });

    it('keeps policies per qualifier and does not copy them to new versions', async () => {
      const onAlias = await m.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', Qualifier: 'live', StatementId: 'a', Action: 'lambda:InvokeFunction', Principal: '*' }));
      assert.equal(JSON.parse(onAlias.Statement as string).Resource, `${ARN}:live`);
      const aliasPolicy = await m.lambda.send(new GetPolicyCommand({ FunctionName: 'fn', Qualifier: 'live' }));
      assert.equal(aliasPolicy.RevisionId, (await m.lambda.send(new GetAliasCommand({ FunctionName: 'fn', Name: 'live' }))).RevisionId, 'the policy revision is the alias revision');
      const none = await sdkError(m.lambda.send(new GetPolicyCommand({ FunctionName: 'fn' })));
      assert.deepEqual([none.name, none.status, none.message], ['ResourceNotFoundException', 404, 'The resource you requested does not exist.']);
      await m.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', StatementId: 'u', Action: 'lambda:InvokeFunction', Principal: '*' }));
      m.write('fn/index.js', 'exports.handler = async () => 2;\n');
      await m.reload();
      await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
      const v2 = await sdkError(m.lambda.send(new GetPolicyCommand({ FunctionName: 'fn', Qualifier: '2' })));
      assert.equal(v2.message, 'The resource you requested does not exist.');
    });

    it('answers errors with AWS messages', async () => {
      const add = (input: Record<string, unknown>) => sdkError(m.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', StatementId: 's', Action: 'lambda:InvokeFunction', Principal: '*', ...input })));
      const latest = await add({ Qualifier: '$LATEST' });
      assert.deepEqual([latest.name, latest.status, latest.message], ['InvalidParameterValueException', 400, 'We currently do not support adding policies for $LATEST.']);
      const principal = await add({ Principal: 'not a principal' });
      assert.deepEqual([principal.name, principal.message], ['InvalidParameterValueException', 'The provided principal was invalid. Please check the principal and try again.']);
      const noPolicy = await sdkError(m.lambda.send(new RemovePermissionCommand({ FunctionName: 'fn', StatementId: 's' })));
      assert.deepEqual([noPolicy.status, noPolicy.message], [404, 'No policy is associated with the given resource.']);
      await m.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', StatementId: 's', Action: 'lambda:InvokeFunction', Principal: '*' }));
      const dup = await add({});
      assert.deepEqual([dup.name, dup.status, dup.message], ['ResourceConflictException', 409, 'The statement id (s) provided already exists. Please provide a new statement id, or remove the existing statement.']);
      const unknown = await m.cli(['remove-permission', '--function-name', 'fn', '--statement-id', 'other']);
      assert.match(unknown.stderr, /ResourceNotFoundException.*Statement other is not found in resource policy\./);
      const stale = await add({ StatementId: 't', RevisionId: 'stale' });
      assert.deepEqual([stale.name, stale.status, stale.message], ['PreconditionFailedException', 412, 'The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id']);
      const noAlias = await add({ Qualifier: 'nope' });
      assert.deepEqual([noAlias.status, noAlias.message], [404, `Cannot find alias arn: ${ARN}:nope`]);
      const removed = await m.cli(['remove-permission', '--function-name', 'fn', '--statement-id', 's']);
      assert.equal(removed.code, 0, removed.stderr);
      assert.equal((await sdkError(m.lambda.send(new GetPolicyCommand({ FunctionName: 'fn' })))).status, 404);
    });
  });

  describe('strict mode', () => {
    const keys = [
      { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
      { accessKeyId: 'AKIDBOB', secretAccessKey: 'bob-secret', principal: 'arn:aws:iam::999999999999:user/bob' },
    ];
    let bob: LambdaClient;

    beforeEach(async () => {
      m = await startTestEngine({ listen: true, workspaceDir: oneFunctionWorkspace(), ...{ api: { port: 0, auth: { strict: true, keys } } } });
      bob = new LambdaClient({ endpoint: m.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDBOB', secretAccessKey: 'bob-secret' }, maxAttempts: 1 });
      await m.lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
      await m.lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'live', FunctionVersion: '1' }));
    });
    afterEach(() => bob.destroy());

    it('lets same-account callers in, denies other accounts without a grant, and audits the denial', async () => {
      assert.equal((await m.lambda.send(new InvokeCommand({ FunctionName: 'fn' }))).StatusCode, 200);
      const denied = await sdkError(bob.send(new InvokeCommand({ FunctionName: 'fn' })));
      assert.deepEqual([denied.name, denied.status, denied.message], [
        'AccessDeniedException',
        403,
        `User: arn:aws:iam::999999999999:user/bob is not authorized to perform: lambda:InvokeFunction on resource: ${ARN} because no resource-based policy allows the lambda:InvokeFunction action`,
      ]);
      const audit = m.functions.audit.read().filter((r) => r.operation === 'Invoke');
      assert.deepEqual(audit.map((r) => [r.caller.accessKeyId, r.caller.principal, r.target, r.outcome]), [['AKIDBOB', 'arn:aws:iam::999999999999:user/bob', ARN, 'AccessDeniedException']]);
    });

    it('allows exactly the qualifier a statement grants', async () => {
      await m.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', Qualifier: 'live', StatementId: 'bob', Action: 'lambda:InvokeFunction', Principal: '999999999999' }));
      assert.equal((await bob.send(new InvokeCommand({ FunctionName: 'fn', Qualifier: 'live' }))).ExecutedVersion, '1');
      assert.equal((await sdkError(bob.send(new InvokeCommand({ FunctionName: 'fn' })))).status, 403);
      assert.equal((await sdkError(bob.send(new InvokeCommand({ FunctionName: 'fn', Qualifier: '1' })))).status, 403);
      // A statement with a condition the request cannot satisfy (SourceArn) grants nothing to a direct call.
      await m.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', StatementId: 'cond', Action: 'lambda:InvokeFunction', Principal: '999999999999', SourceArn: 'arn:aws:s3:::b' }));
      assert.equal((await sdkError(bob.send(new InvokeCommand({ FunctionName: 'fn' })))).status, 403);
      await m.lambda.send(new AddPermissionCommand({ FunctionName: 'fn', StatementId: 'user', Action: 'lambda:*', Principal: 'arn:aws:iam::999999999999:user/bob' }));
      assert.equal((await bob.send(new InvokeCommand({ FunctionName: 'fn' }))).StatusCode, 200);
    });

    it('rejects unsigned requests and records them', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        http.request(`${m.url}/2015-03-31/functions/fn/invocations`, { method: 'POST' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject).end('{}');
      });
      assert.equal(status, 403);
      const denial = m.functions.audit.read().find((r) => r.outcome === 'AccessDeniedException' && r.caller.accessKeyId === 'unauthenticated');
      assert.match(denial?.message ?? '', /^MissingAuthenticationTokenException: Missing Authentication Token$/);
    });
  });
});
