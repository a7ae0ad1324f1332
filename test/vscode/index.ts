// The extension tests' entry (`extensionTestsPath`), for code-server (scripts/e2e/runVsCodeTests.ts) and
// @vscode/test-electron alike: runs every bundled *.vscode.js suite with mocha, writes a results file
// and posts it to the driver, and throws on failure (test-electron turns that into its exit code).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { driverLog, postResults } from './support/driver';
import { disposeEngine } from './support/extensionApi';

interface TestOutcome {
  title: string;
  state: string;
  durationMs: number;
}

function suites(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? suites(path.join(dir, e.name)) : e.name.endsWith('.vscode.js') ? [path.join(dir, e.name)] : []))
    .sort();
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', ...(process.env.LAMBDA_WORKBENCH_E2E_GREP ? { grep: process.env.LAMBDA_WORKBENCH_E2E_GREP } : {}) });
  for (const file of suites(__dirname)) mocha.addFile(file);
  const tests: TestOutcome[] = [];
  const failures: { title: string; error: string }[] = [];
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (t) => {
      tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 });
      void driverLog(`ok ${t.fullTitle()}`);
    });
    runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending', durationMs: 0 }));
    runner.on('fail', (t, err: Error) => {
      tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0 });
      failures.push({ title: t.fullTitle(), error: err.stack ?? err.message });
      void driverLog(`FAIL ${t.fullTitle()}: ${err.message}`);
    });
  });
  await disposeEngine();
  const results = {
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: failures.length,
    pending: tests.filter((t) => t.state === 'pending').length,
    failures,
    tests,
  };
  const file = process.env.LAMBDA_WORKBENCH_E2E_RESULTS ?? path.resolve(__dirname, '..', '..', '..', 'test-results', 'vscode', 'results.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
  await postResults(results);
  if (failures.length) throw new Error(`${failures.length} end-to-end test(s) failed: ${failures.map((f) => f.title).join('; ')}`);
}
