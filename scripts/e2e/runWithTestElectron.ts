// The same end-to-end tests in desktop VS Code through @vscode/test-electron, for machines that can
// download VS Code (ours cannot: the package is not installed here; `npm install --save-dev
// @vscode/test-electron` first). Runs against the minimum VS Code the manifest declares and stable.
// Without a browser driver, screenshots are skipped, prompts are answered through command arguments,
// and the webview/pixel checks of the log panel and inline logs are skipped (reported as pending).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildTests, prepareWorkspace, repoRoot, testEntry } from './testWorkspace';

type RunTests = (o: { version?: string; extensionDevelopmentPath: string; extensionTestsPath: string; launchArgs?: string[]; extensionTestsEnv?: Record<string, string> }) => Promise<number>;

async function main(): Promise<number> {
  let runTests: RunTests;
  try {
    // A variable module name: the package is optional and not type-checked here.
    const name = '@vscode/test-electron';
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose, only when this code path runs
    ({ runTests } = require(name) as { runTests: RunTests });
  } catch {
    console.error('@vscode/test-electron is not installed: npm install --save-dev @vscode/test-electron (it downloads VS Code, which needs internet access).');
    return 1;
  }
  await buildTests();
  const engines = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { engines: { vscode: string } }).engines.vscode;
  for (const version of [engines.replace(/^\^/, ''), 'stable']) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-electron-'));
    try {
      const workspace = prepareWorkspace(tmp);
      await runTests({
        version,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: testEntry,
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(tmp, 'user-data')],
        extensionTestsEnv: { LAMBDA_WORKBENCH_E2E_RESULTS: path.join(repoRoot, 'test-results', `vscode-electron-${version}`, 'results.json') },
      });
      console.log(`VS Code ${version}: passed`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`VS Code end-to-end tests failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
