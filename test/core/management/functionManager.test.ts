// The management plane as the editor and CLI call it in-process: SAM AutoPublishAlias "publish and point
// the alias", and change events for versions and aliases.
import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/errors';
import { handlerCode, newWorkspace, removeWorkspaces, templateFor } from './managementFixtures';
import { startTestEngine, type TestEngine } from '../../support/engine';

describe('function manager', function () {
  this.timeout(60_000);
  let m: TestEngine;
  afterEach(async () => {
    await m.dispose();
    removeWorkspaces();
  });

  it('publishes and points the AutoPublishAlias like a deploy, only when something changed', async () => {
    const dir = newWorkspace({ 'template.yaml': templateFor({ fn: '      AutoPublishAlias: live\n', other: '' }), 'fn/index.js': handlerCode('one'), 'other/index.js': handlerCode('x') });
    m = await startTestEngine({ listen: true, workspaceDir: dir });
    const changed: string[][] = [];
    m.on('functionsChanged', (names) => changed.push(names));
    const first = await m.functions.publishAndPointAlias('fn');
    assert.deepEqual([first.version.Version, first.alias.Name, first.alias.FunctionVersion], ['1', 'live', '1']);
    assert.ok(changed.some((n) => n.includes('fn')), 'publishing tells listeners (the explorer tree)');
    const same = await m.functions.publishAndPointAlias('fn');
    assert.deepEqual([same.version.Version, same.alias.FunctionVersion], ['1', '1']);
    await m.functions.aliases.update('fn', 'live', { RoutingConfig: { AdditionalVersionWeights: {} } });
    m.write('fn/index.js', handlerCode('two'));
    await m.reload();
    const second = await m.functions.publishAndPointAlias('fn');
    assert.deepEqual([second.version.Version, second.alias.FunctionVersion, second.alias.RoutingConfig], ['2', '2', undefined]);
    const r = await m.invoke({ functionName: 'fn', qualifier: 'live', payload: Buffer.from('{}') });
    assert.equal(JSON.parse(r.payload.toString()).tag, 'two');
    await assert.rejects(m.functions.publishAndPointAlias('other'), (e: unknown) => e instanceof ApiError && e.message === 'The function other has no AutoPublishAlias in the template.');
  });
});
