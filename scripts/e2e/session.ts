// One run of a test entry inside a real VS Code: code-server serves the workbench to headless Chromium
// with this repo as the development extension; the entry posts a JSON result to the driver. Everything
// started here is stopped again, and a /proc scan proves nothing of the run survived.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchChromium, type Browser, type CdpPage } from './chromium';
import { ensureCodeServer, startCodeServer, type CodeServer } from './codeServer';
import { startDriverServer } from './driverServer';
import { processesWithEnv, runNeedles, stopGroup } from './processes';
import { repoRoot, writeUserSettings } from './testWorkspace';

const RUN_TAG = 'LAMBDA_WORKBENCH_E2E_RUN';

export interface SessionOptions {
  /** The bundled `extensionTestsPath` module. */
  readonly entry: string;
  /** Creates the folder to open inside the session's temporary directory; returns it. */
  readonly workspace: (tmp: string) => string;
  /** Where screenshots, the code-server log and the results file go. */
  readonly artifacts: string;
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
}

export interface SessionOutcome<T> {
  /** What the entry posted; undefined when it never did (see `problem`). */
  readonly results: T | undefined;
  readonly problem: string | undefined;
  /** Processes of the run found alive after teardown (and killed). */
  readonly leftovers: readonly string[];
  /** Epoch ms when the browser was pointed at the workbench. */
  readonly openedAt: number;
}

/** Runs `entry` in a fresh code-server + Chromium session and tears everything down. */
export async function runSession<T>(o: SessionOptions): Promise<SessionOutcome<T>> {
  const bin = ensureCodeServer(o.log);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-e2e-'));
  const dirs = { userData: path.join(tmp, 'user-data'), extensions: path.join(tmp, 'extensions'), home: path.join(tmp, 'home'), workspace: o.workspace(tmp) };
  for (const d of [dirs.userData, dirs.extensions, dirs.home]) fs.mkdirSync(d, { recursive: true });
  writeUserSettings(dirs.userData);
  fs.mkdirSync(o.artifacts, { recursive: true });
  const runId = randomUUID();
  let setPage: (p: CdpPage) => void = () => undefined;
  const page = new Promise<CdpPage>((resolve) => (setPage = resolve));
  const driver = await startDriverServer(page, path.join(o.artifacts, 'screenshots'), o.log);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let owners: number[] = [];
  let openedAt = 0;
  let results: T | undefined;
  let problem: string | undefined;
  try {
    const env = { ...process.env, ...o.env, [RUN_TAG]: runId, LAMBDA_WORKBENCH_E2E_DRIVER: driver.url, LAMBDA_WORKBENCH_E2E_RESULTS: path.join(o.artifacts, 'results.json') };
    server = await startCodeServer(bin, dirs, env, path.join(o.artifacts, 'code-server.log'));
    const remote = (p: string): string => `vscode-remote://${new URL(server!.url).host}${p}`;
    const payload = JSON.stringify([['extensionDevelopmentPath', remote(repoRoot)], ['extensionTestsPath', remote(o.entry)]]);
    openedAt = Date.now();
    browser = await launchChromium(`${server.url}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(payload)}`, path.join(tmp, 'chromium'), o.log);
    setPage(browser.page);
    const verdict = await Promise.race([
      driver.results.then((r) => ({ results: r as T })),
      server.extensionHostExited.then(async (line) => ({ exited: line })),
      new Promise<{ timeout: true }>((resolve) => setTimeout(() => resolve({ timeout: true }), o.timeoutMs).unref()),
    ]);
    owners = processesWithEnv([`${RUN_TAG}=${runId}\0`]).map((p) => p.pid);
    if ('results' in verdict) results = verdict.results;
    else if ('timeout' in verdict) problem = `no results after ${o.timeoutMs} ms (see ${path.join(o.artifacts, 'code-server.log')})`;
    else problem = `the extension host exited without results (${verdict.exited}); see ${path.join(o.artifacts, 'code-server.log')}`;
  } catch (e) {
    problem = e instanceof Error ? e.stack ?? e.message : String(e);
  } finally {
    owners = [...new Set([...owners, ...processesWithEnv([`${RUN_TAG}=${runId}\0`]).map((p) => p.pid)])];
    browser?.page.close();
    if (browser) await stopGroup(browser.process);
    if (server) await stopGroup(server.process);
    await driver.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const leftovers = processesWithEnv(runNeedles(RUN_TAG, runId, owners)).map((p) => {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    return `${p.pid} ${p.cmd}`;
  });
  return { results, problem, leftovers, openedAt };
}
