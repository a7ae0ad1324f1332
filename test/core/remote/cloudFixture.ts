// "The cloud" of the remote tests: a second engine listening on loopback with one deployed Node.js
// function (environment, memory, timeout, arm64), and the SDK's default credential chain pointed at it
// through environment keys, as a user's shell would have them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startTestEngine, type TestEngine } from '../../support/engine';

export const deployedHandler = `exports.handler = async (event, context) => {
  console.log('handling', JSON.stringify(event));
  if (event.fail) throw new Error('asked to fail');
  return { greeting: process.env.GREETING, memory: context.memoryLimitInMB, echo: event };
};
`;

export const deployedTemplate = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: orders-api
      CodeUri: fn/
      Handler: index.handler
      Runtime: nodejs20.x
      MemorySize: 256
      Timeout: 7
      Architectures: [arm64]
      Description: takes orders
      Environment:
        Variables:
          GREETING: hello from the cloud
`;

/** Starts the cloud engine and sets AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_REGION; `dispose` restores them. */
export async function startCloud(): Promise<{ cloud: TestEngine; dispose: () => Promise<void> }> {
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, region: process.env.AWS_REGION };
  process.env.AWS_ACCESS_KEY_ID = 'AKIDCLOUDTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'cloud-test-secret';
  process.env.AWS_REGION = 'us-east-1';
  const cloud = await startTestEngine({ listen: true, template: deployedTemplate, files: { 'fn/index.js': deployedHandler, 'fn/tools/run.sh': '#!/bin/sh\necho hi\n' } });
  fs.chmodSync(path.join(cloud.dir, 'fn', 'tools', 'run.sh'), 0o755);
  const restore = (k: string, v: string | undefined): void => {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  };
  return {
    cloud,
    dispose: async () => {
      await cloud.dispose();
      restore('AWS_ACCESS_KEY_ID', saved.id);
      restore('AWS_SECRET_ACCESS_KEY', saved.secret);
      restore('AWS_REGION', saved.region);
    },
  };
}
