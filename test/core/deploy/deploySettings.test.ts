// Remembered deploy choices per workspace, the sync opt-in and the production-name warning.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertSyncOptIn, looksLikeProduction, readDeploySettings, setSyncOptIn, writeDeploySettings } from '../../../src/core/deploy';

describe('deploy settings', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-deployset-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('remembers profile, region, stack and bucket, and only those keys', () => {
    assert.deepEqual(readDeploySettings(dir), {});
    writeDeploySettings(dir, { profile: 'dev', region: 'eu-west-1', stackName: 'app-dev' });
    writeDeploySettings(dir, { bucket: 'b1', ...({ secretAccessKey: 'x' } as object) });
    assert.deepEqual(readDeploySettings(dir), { profile: 'dev', region: 'eu-west-1', stackName: 'app-dev', bucket: 'b1' });
    assert.ok(!fs.readFileSync(path.join(dir, '.lambda-workbench', 'deploy.json'), 'utf8').includes('secret'));
  });

  it('syncs only stacks opted in for', () => {
    assert.throws(() => assertSyncOptIn(dir, 'app-dev'), /Code sync is off for stack app-dev.*--enable/);
    setSyncOptIn(dir, 'app-dev', true);
    assertSyncOptIn(dir, 'app-dev');
    setSyncOptIn(dir, 'app-dev', false);
    assert.throws(() => assertSyncOptIn(dir, 'app-dev'), /SyncNotEnabled|Code sync is off/);
  });

  it('flags stack names that look like production', () => {
    assert.equal(looksLikeProduction('orders-prod'), 'prod');
    assert.equal(looksLikeProduction('OrdersProduction'), 'production');
    assert.equal(looksLikeProduction('live_api'), 'live');
    assert.equal(looksLikeProduction('orders-dev'), undefined);
    assert.equal(looksLikeProduction('product-catalog-dev'), undefined);
    assert.equal(looksLikeProduction('team-main', ['/-main$/']), '/-main$/');
  });
});
