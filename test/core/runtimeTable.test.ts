// The runtime catalog as data: one row per identifier, Lambda's enum order kept for its error message,
// every retired runtime pointing at an accepted successor, dates well-formed.
import * as assert from 'node:assert/strict';
import { DEPRECATED_RUNTIMES, LAMBDA_RUNTIMES, isRunnableLocally, retiredRuntimeWarning } from '../../src/core/project/runtimes';
import { RUNTIME_TABLE, effectiveRuntime, isPastDeprecation, lifecycleText, runtimeEntry } from '../../src/core/runtimeTable';

describe('runtime catalog table', () => {
  it('holds each identifier once and keeps the enum of Lambda\'s validation message (fidelity section 7)', () => {
    assert.equal(new Set(RUNTIME_TABLE.map((r) => r.id)).size, RUNTIME_TABLE.length);
    assert.deepEqual(LAMBDA_RUNTIMES, [
      'nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x',
      'python3.9', 'python3.10', 'python3.11', 'python3.12', 'python3.13', 'python3.14',
      'java8.al2', 'java11', 'java17', 'java21', 'java25', 'dotnet8', 'dotnet10', 'ruby3.2', 'ruby3.3', 'ruby3.4',
      'provided.al2', 'provided.al2023',
    ]);
    for (const id of ['nodejs12.x', 'nodejs14.x', 'nodejs16.x', 'python3.7', 'python3.8', 'go1.x', 'java8', 'dotnet6', 'ruby2.7', 'provided']) assert.ok(DEPRECATED_RUNTIMES.includes(id), id);
  });

  it('gives every row its language, version, architectures, handler form, locator, debug support and an ISO date', () => {
    for (const r of RUNTIME_TABLE) {
      assert.ok(r.language && r.version && r.architectures.length && r.handler && r.locate && r.debug, r.id);
      assert.match(r.deprecated ?? '', /^\d{4}-\d{2}-\d{2}$/, r.id);
      if (r.successor) assert.equal(runtimeEntry(r.successor)?.accepted, true, `${r.id} -> ${r.successor}`);
    }
    assert.deepEqual(runtimeEntry('nodejs22.x'), { id: 'nodejs22.x', language: 'nodejs', version: '22', architectures: ['x86_64', 'arm64'], accepted: true, handler: 'file.export', locate: 'node-major', debug: 'inspector', deprecated: '2027-04-30' });
    assert.equal(runtimeEntry('python3.12')?.locate, 'python-version');
  });

  it('maps retired runtimes to what runs them locally, and says which cannot run', () => {
    assert.equal(effectiveRuntime('nodejs16.x'), 'nodejs18.x');
    assert.equal(effectiveRuntime('python3.8'), 'python3.9');
    assert.equal(effectiveRuntime('nodejs22.x'), 'nodejs22.x');
    for (const id of ['nodejs12.x', 'nodejs14.x', 'nodejs16.x', 'python3.7', 'python3.8', 'go1.x', 'java8', 'ruby2.7', 'provided']) assert.ok(isRunnableLocally(id), id);
    for (const id of ['python2.7', 'dotnetcore3.1']) assert.ok(!isRunnableLocally(id), id);
    assert.match(retiredRuntimeWarning('java8'), /^java8 was deprecated on Jan 8, 2024; .*It runs locally on the nearest available runtime \(java8\.al2's interpreter\)\.$/);
    assert.match(retiredRuntimeWarning('python2.7'), /Lambda Workbench cannot run it locally/);
  });

  it('words the lifecycle by the date: scheduled before it, deprecated after', () => {
    const e = runtimeEntry('nodejs22.x')!;
    assert.equal(lifecycleText(e, new Date('2027-01-01T00:00:00Z')), 'deprecation scheduled for Apr 30, 2027');
    assert.equal(lifecycleText(e, new Date('2027-05-01T00:00:00Z')), 'deprecated on Apr 30, 2027');
    assert.equal(isPastDeprecation(e, new Date('2027-04-30T00:00:00Z')), true);
  });
});
