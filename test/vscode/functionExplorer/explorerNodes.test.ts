// How explorer items read and which menus they get: routing text, the live routing preview, function
// and version descriptions, and contextValue words (pure, no VS Code needed).
import * as assert from 'node:assert/strict';
import type { FunctionSummary, LambdaBackend } from '../../../src/vscode/backends/lambdaBackend';
import { handlerSourceOf } from '../../../src/vscode/backends/handlerSource';
import { aliasesUsing, contextValueOf, functionDescription, functionLabel, parsePercent, routingPreview, routingText, stackPathOf, tooltipOf, versionDescription } from '../../../src/vscode/functionExplorer/explorerNodes';

const fn: FunctionSummary = {
  name: 'orders',
  arn: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
  runtime: 'nodejs20.x',
  handler: 'index.handler',
  memorySize: 256,
  timeout: 5,
  description: '',
  architecture: 'x86_64',
  codeSha256: Buffer.from('0123456789abcdef', 'hex').toString('base64'),
  reservedConcurrency: undefined,
  logGroup: '/aws/lambda/orders',
  local: { codeDir: '/w/src', problems: [], templateFile: '/w/template.yaml' },
};
const backend = { kind: 'local', id: 'local' } as LambdaBackend;

describe('explorer nodes', () => {
  it('writes routing as primary (share) / second (share)', () => {
    assert.equal(routingText({ functionVersion: '3', routing: { version: '4', weight: 0.1 } }), '→ 3 (90%) / 4 (10%)');
    assert.equal(routingText({ functionVersion: '3', routing: { version: '4', weight: 0.125 } }), '→ 3 (87.5%) / 4 (12.5%)');
    assert.equal(routingText({ functionVersion: '$LATEST', routing: undefined }), '→ $LATEST');
  });

  it('previews a split while the weight is typed, and parses percentages', () => {
    assert.equal(routingPreview('prod', '3', '4', 10), `prod → 3 (90%) / 4 (10%)  ${'█'.repeat(18)}${'░'.repeat(2)}`);
    assert.equal(parsePercent('12.5%'), 12.5);
    assert.equal(parsePercent(' 0 '), 0);
    assert.equal(parsePercent('101'), undefined);
    assert.equal(parsePercent('ten'), undefined);
  });

  it('describes functions with runtime, memory, timeout, warm count, throttling and template errors', () => {
    assert.equal(functionDescription(fn, { warm: 2, busy: 0 }), 'nodejs20.x · 256 MB · 5 s · 2 warm');
    assert.equal(functionDescription({ ...fn, reservedConcurrency: 0 }, { warm: 0, busy: 1 }), 'nodejs20.x · 256 MB · 5 s · 0 warm, 1 busy · throttled');
    assert.equal(functionDescription({ ...fn, local: { codeDir: '/w', problems: ['bad'] } }, undefined), 'nodejs20.x · 256 MB · 5 s · template error');
    const byTenant = new Map([['blue', 2], ['green', 1], ['red', 1], ['teal', 1]]);
    assert.equal(functionDescription(fn, { warm: 4, busy: 1, byTenant }), 'nodejs20.x · 256 MB · 5 s · 4 warm, 1 busy · tenants: blue 2, green 1, red 1 +1');
  });

  it('describes versions with description, short CodeSha256, date and the aliases using them', () => {
    const v = { version: '3', arn: '', description: 'fix', codeSha256: fn.codeSha256, lastModified: '2024-05-01T12:34:56.789+0000' };
    const prod = { name: 'prod', arn: '', functionVersion: '3', description: '', routing: undefined };
    const beta = { name: 'beta', arn: '', functionVersion: '2', description: '', routing: { version: '3', weight: 0.5 } };
    assert.deepEqual(aliasesUsing('3', [prod, beta]).map((a) => a.name), ['prod', 'beta']);
    assert.equal(versionDescription(v, [prod]), 'fix · 01234567 · 2024-05-01 12:34 · ← prod');
  });

  it('gives menus the words they match on', () => {
    assert.equal(contextValueOf({ kind: 'function', backend, fn }, { warm: 1, busy: 0 }), 'function local unthrottled template handler warm');
    assert.equal(contextValueOf({ kind: 'function', backend: { ...backend, kind: 'aws' }, fn: { ...fn, local: undefined, reservedConcurrency: 0 } }), 'function aws throttled');
    assert.equal(contextValueOf({ kind: 'version', backend, fn, version: { version: '1', arn: '', description: '', codeSha256: '', lastModified: '' }, usedBy: [{ name: 'prod', arn: '', functionVersion: '1', description: '', routing: undefined }] }), 'qualifier version local inUse');
    assert.equal(contextValueOf({ kind: 'alias', backend, fn, alias: { name: 'prod', arn: '', functionVersion: '1', description: '', routing: { version: '2', weight: 0.1 } } }), 'qualifier alias local routed');
  });
});

describe('explorer nodes of a CDK app', () => {
  const cdkFn: FunctionSummary = { ...fn, name: 'ApiF70053CD', local: { codeDir: '/w/cdk.out/asset.1', problems: [], constructPath: 'ShopStack/Workers/Api', appSource: { file: '/w/src/api.ts', exportName: 'handler' } } };

  it('groups a CDK function under its stack and labels it by its construct id', () => {
    assert.equal(stackPathOf(cdkFn), 'ShopStack/Workers');
    assert.equal(functionLabel(cdkFn), 'Api');
    assert.equal(stackPathOf(fn), undefined, 'a SAM function has no stack node');
    assert.equal(functionLabel(fn), 'orders');
  });

  it('says what a stack holds, and the construct path in the function tooltip', () => {
    const api = { kind: 'function' as const, backend, fn: cdkFn };
    assert.equal(contextValueOf({ kind: 'stack', backend, path: 'ShopStack', functions: [api] }), 'stack');
    assert.match(tooltipOf({ kind: 'stack', backend, path: 'ShopStack', functions: [api] }), /^CDK stack ShopStack: 1 function,/);
    assert.match(tooltipOf(api), /CDK construct: ShopStack\/Workers\/Api/);
  });

  it('finds the handler in the app\'s own file, not in the cdk.out copy', () => {
    assert.deepEqual(handlerSourceOf(cdkFn), { file: '/w/src/api.ts', exportName: 'handler' });
  });
});
