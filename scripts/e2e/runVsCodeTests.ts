// End-to-end tests in a real VS Code: code-server 4.103.2 (VS Code 1.103.2) serves the workbench to
// headless Chromium with this extension in development mode and test/vscode as its test entry. The
// extension host exits 0 whatever happens, so the verdict comes from the results the tests post.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunResults } from './driverServer';
import { runSession } from './session';
import { buildTests, prepareWorkspace, repoRoot, testEntry } from './testWorkspace';

const log = (line: string): void => void process.stdout.write(`[e2e] ${line}\n`);

async function main(): Promise<number> {
  if (process.env.LAMBDA_WORKBENCH_SKIP_VSCODE_TESTS === '1') {
    log('SKIPPED: LAMBDA_WORKBENCH_SKIP_VSCODE_TESTS=1 (the VS Code end-to-end tests did not run)');
    return 0;
  }
  const started = Date.now();
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build first.');
  const artifacts = path.join(repoRoot, 'test-results', 'vscode');
  fs.rmSync(artifacts, { recursive: true, force: true });
  await buildTests();
  // An AWS profile with dummy keys: the tests point it at the engine's own endpoint.
  const aws = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-e2e-aws-'));
  fs.writeFileSync(path.join(aws, 'credentials'), '[e2e]\naws_access_key_id = AKIAE2ETESTKEY\naws_secret_access_key = e2e-secret\n');
  fs.writeFileSync(path.join(aws, 'config'), '[profile e2e]\nregion = us-east-1\n');
  const outcome = await runSession<RunResults>({
    entry: testEntry,
    workspace: prepareWorkspace,
    artifacts,
    timeoutMs: Number(process.env.LAMBDA_WORKBENCH_E2E_TIMEOUT_MS ?? 300_000),
    env: { AWS_SHARED_CREDENTIALS_FILE: path.join(aws, 'credentials'), AWS_CONFIG_FILE: path.join(aws, 'config'), AWS_PROFILE: '', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
    log,
  }).finally(() => fs.rmSync(aws, { recursive: true, force: true }));
  for (const l of outcome.leftovers) log(`FAILED: left behind (killed): ${l}`);
  if (!outcome.results) {
    log(`FAILED: ${outcome.problem}`);
    return 1;
  }
  const r = outcome.results;
  for (const t of r.tests) log(`${t.state === 'passed' ? 'ok  ' : t.state === 'pending' ? 'skip' : 'FAIL'} ${t.title} (${t.durationMs} ms)`);
  for (const f of r.failures) log(`\nFAILED ${f.title}\n${f.error}`);
  log(`${r.passed} passed, ${r.failed} failed, ${r.pending} pending in ${((Date.now() - started) / 1000).toFixed(1)} s (screenshots in test-results/vscode/screenshots)`);
  return r.failed > 0 || r.passed === 0 || outcome.leftovers.length > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    log(`FAILED: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
