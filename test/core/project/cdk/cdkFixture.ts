// The committed CDK fixture (test/fixtures/cdk: app.js synthesized into cdk.out), copied per test.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const cdkFixture = path.join(__dirname, '..', '..', '..', 'fixtures', 'cdk');

/** A copy of the fixture app in a new temporary directory; `assemblyOnly` copies cdk.out alone. */
export function copyCdkFixture(assemblyOnly = false): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-cdk-'));
  if (assemblyOnly) fs.cpSync(path.join(cdkFixture, 'cdk.out'), path.join(ws, 'cdk.out'), { recursive: true });
  else fs.cpSync(cdkFixture, ws, { recursive: true });
  return ws;
}
