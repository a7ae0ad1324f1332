// End-to-end tests in a real VS Code: code-server 4.100.3 (VS Code 1.100.3) serves the workbench to
// headless Chromium with this extension in development mode and test/vscode as its test entry. The
// extension host exits 0 whatever happens, so the verdict comes from the results the tests post.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, CdpPage } from './chromium';
import { launchChromium } from './chromium';
import { ensureCodeServer, startCodeServer, type CodeServer } from './codeServer';
import { startDriverServer, type RunResults } from './driverServer';
import { processesWithEnv, runNeedles, stopGroup } from './processes';
import { buildTests, prepareWorkspace, repoRoot, testEntry, writeUserSettings } from './testWorkspace';

const RUN_TAG = 'LAMBDA_WORKBENCH_E2E_RUN';
const OVERALL_TIMEOUT_MS = Number(process.env.LAMBDA_WORKBENCH_E2E_TIMEOUT_MS ?? 300_000);
const log = (line: string): void => void process.stdout.write(`[e2e] ${line}\n`);

async function main(): Promise<number> {
  const started = Date.now();
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build first.');
  const artifacts = path.join(repoRoot, 'test-results', 'vscode');
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  await buildTests();
  const bin = ensureCodeServer(log);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-e2e-'));
  const dirs = { userData: path.join(tmp, 'user-data'), extensions: path.join(tmp, 'extensions'), home: path.join(tmp, 'home'), workspace: prepareWorkspace(tmp) };
  for (const d of [dirs.userData, dirs.extensions, dirs.home]) fs.mkdirSync(d, { recursive: true });
  writeUserSettings(dirs.userData);
  const runId = randomUUID();
  let setPage: (p: CdpPage) => void = () => undefined;
  let failPage: (e: Error) => void = () => undefined;
  const page = new Promise<CdpPage>((resolve, reject) => ((setPage = resolve), (failPage = reject)));
  page.catch(() => undefined);
  const driver = await startDriverServer(page, path.join(artifacts, 'screenshots'), log);
  const resultsFile = path.join(artifacts, 'results.json');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let owners: number[] = [];
  try {
    server = await startCodeServer(bin, dirs, { ...process.env, [RUN_TAG]: runId, LAMBDA_WORKBENCH_E2E_DRIVER: driver.url, LAMBDA_WORKBENCH_E2E_RESULTS: resultsFile }, path.join(artifacts, 'code-server.log'));
    const remote = (p: string): string => `vscode-remote://${new URL(server!.url).host}${p}`;
    const payload = JSON.stringify([['extensionDevelopmentPath', remote(repoRoot)], ['extensionTestsPath', remote(testEntry)]]);
    const url = `${server.url}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(payload)}`;
    log(`code-server ${server.url} ready after ${Date.now() - started} ms; opening the workbench`);
    browser = await launchChromium(url, path.join(tmp, 'chromium'), log);
    setPage(browser.page);
    const verdict = await Promise.race([
      driver.results.then((r) => ({ results: r })),
      server.extensionHostExited.then(async (line) => ({ results: await driver.results.then((r) => r, () => undefined), line })),
      new Promise<{ timeout: true }>((resolve) => setTimeout(() => resolve({ timeout: true }), OVERALL_TIMEOUT_MS).unref()),
    ]);
    owners = processesWithEnv([`${RUN_TAG}=${runId}\0`]).map((p) => p.pid);
    if ('timeout' in verdict) {
      log(`FAILED: no results after ${OVERALL_TIMEOUT_MS} ms (see test-results/vscode/code-server.log)`);
      return 1;
    }
    if (!verdict.results) {
      log(`FAILED: the extension host exited without results (${'line' in verdict ? verdict.line : ''}); see test-results/vscode/code-server.log`);
      return 1;
    }
    return report(verdict.results, Date.now() - started);
  } catch (e) {
    failPage(e instanceof Error ? e : new Error(String(e)));
    log(`FAILED: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return 1;
  } finally {
    owners = [...new Set([...owners, ...processesWithEnv([`${RUN_TAG}=${runId}\0`]).map((p) => p.pid)])];
    browser?.page.close();
    if (browser) await stopGroup(browser.process);
    if (server) await stopGroup(server.process);
    await driver.close();
    const left = processesWithEnv(runNeedles(RUN_TAG, runId, owners));
    for (const p of left) {
      log(`left behind, killing: ${p.pid} ${p.cmd}`);
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    if (left.length) process.exitCode = 1;
  }
}

function report(r: RunResults, ms: number): number {
  for (const t of r.tests) log(`${t.state === 'passed' ? 'ok  ' : t.state === 'pending' ? 'skip' : 'FAIL'} ${t.title} (${t.durationMs} ms)`);
  for (const f of r.failures) log(`\nFAILED ${f.title}\n${f.error}`);
  log(`${r.passed} passed, ${r.failed} failed, ${r.pending} pending in ${(ms / 1000).toFixed(1)} s (screenshots in test-results/vscode/screenshots)`);
  return r.failed > 0 || r.passed === 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = process.exitCode || code),
  (e: unknown) => {
    log(`FAILED: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
