// Function URL configurations through the AWS CLI: create / get / update / list / delete with Lambda's
// errors, served by the HTTP front; AuthType NONE answers only once a public permission exists.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { awsJson, awsError } from '../../../support/awsCli';
import { handlers, samTemplate } from '../../events/eventFixtures';
import { startTestEngine, type TestEngine } from '../../../support/engine';

const template = samTemplate(`  Plain:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: plain
      CodeUri: src
      Handler: echo.handler
      Runtime: nodejs20.x
  Web:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: web
      CodeUri: src
      Handler: echo.handler
      Runtime: nodejs20.x
      FunctionUrlConfig:
        AuthType: NONE
`);

describe('function URL configurations', function () {
  this.timeout(60_000);
  let t: TestEngine;
  let front: string;
  const cli = (...args: string[]): Promise<any> => awsJson(t.url, args);
  const cliError = (...args: string[]): Promise<string> => awsError(t.url, args);
  const get = (host: string): Promise<number> =>
    new Promise((resolve, reject) => {
      http.get(`${front}/`, { headers: { Host: host } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      }).on('error', reject);
    });

  before(async () => {
    t = await startTestEngine({ listen: true, template, files: handlers });
    front = await t.events.http.listen(0);
  });
  after(async () => t.dispose());

  it('creates a URL that answers once a public permission allows AuthType NONE', async () => {
    const created = await cli('lambda', 'create-function-url-config', '--function-name', 'plain', '--auth-type', 'NONE');
    const port = new URL(front).port;
    assert.match(created.FunctionUrl, new RegExp(`^http://[0-9a-f]{32}\\.lambda-url\\.localhost:${port}/$`));
    assert.equal(created.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:plain');
    // AWS echoes InvokeMode on create only when the request gave it (AWS-recorded, test_url_config_lifecycle).
    assert.deepEqual([created.AuthType, created.InvokeMode], ['NONE', undefined]);
    assert.match(created.CreationTime, /^\d{4}-\d\d-\d\dT/);
    const host = new URL(created.FunctionUrl).host;
    assert.equal(await get(host), 403, 'no resource-policy statement yet');
    await cli('lambda', 'add-permission', '--function-name', 'plain', '--statement-id', 'public-url', '--action', 'lambda:InvokeFunctionUrl', '--principal', '*', '--function-url-auth-type', 'NONE');
    assert.equal(await get(host), 200);

    assert.match(await cliError('lambda', 'create-function-url-config', '--function-name', 'plain', '--auth-type', 'NONE'),
      /ResourceConflictException.*Failed to create function url config for \[functionArn = arn:aws:lambda:us-east-1:123456789012:function:plain\]\. Error message: {2}FunctionUrlConfig exists for this Lambda function/);
    assert.match(await cliError('lambda', 'create-function-url-config', '--function-name', 'plain', '--qualifier', '1', '--auth-type', 'NONE'),
      /ValidationException.*Value '1' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: \(\(\?!\^\\d\+\$\)\^\[0-9a-zA-Z-_\]\+\$\)/);

    const updated = await cli('lambda', 'update-function-url-config', '--function-name', 'plain', '--auth-type', 'AWS_IAM');
    assert.equal(updated.AuthType, 'AWS_IAM');
    assert.ok(updated.LastModifiedTime);
    assert.equal(await get(host), 403, 'AWS_IAM needs a signed request');
    const listed = await cli('lambda', 'list-function-url-configs', '--function-name', 'plain');
    assert.deepEqual(listed.FunctionUrlConfigs.map((c: any) => c.FunctionUrl), [created.FunctionUrl]);
    await cli('lambda', 'delete-function-url-config', '--function-name', 'plain');
    assert.match(await cliError('lambda', 'get-function-url-config', '--function-name', 'plain'), /ResourceNotFoundException.*The resource you requested does not exist\./);
    assert.match(await cliError('lambda', 'get-function-url-config', '--function-name', 'nobody'), /ResourceNotFoundException.*The resource you requested does not exist\./);
  });

  it('shows the template URL and leaves changing it to the template', async () => {
    const got = await cli('lambda', 'get-function-url-config', '--function-name', 'web');
    assert.equal(got.AuthType, 'NONE');
    assert.equal(got.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:web');
    assert.equal(await get(new URL(got.FunctionUrl).host), 200, 'SAM grants the public permission of a template URL');
    assert.match(await cliError('lambda', 'delete-function-url-config', '--function-name', 'web'), /declared in the template \(FunctionUrlConfig\); change it there/);
  });
});
