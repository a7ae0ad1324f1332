// Runs every function of every SAM project (or CDK app) under a folder as a new user would (no manual
// step: `npm install` for a CDK app, `lambda-workbench list` (which synthesizes a CDK app first), then
// `invoke` each function with no event file) and tallies the outcomes.
// Usage: npm run build && npx tsx scripts/corpus/runCorpus.ts <folder of projects> [--json out.json]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const cli = path.join(__dirname, '..', '..', 'bin', 'lambda-workbench.js');

/** What happened to one function: it ran (maybe with its own error), or the engine could not run it. */
type Outcome = 'ok' | 'handler-error' | 'init-error' | 'refused' | 'timeout';

interface FunctionResult {
  readonly project: string;
  readonly fn: string;
  readonly outcome: Outcome;
  readonly detail: string;
}

function run(args: string[], cwd: string, timeoutMs: number): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.error ? null : r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function templateOf(dir: string): string | undefined {
  return ['template.yaml', 'template.yml', 'template.json'].map((t) => path.join(dir, t)).find((t) => fs.existsSync(t));
}

/** Init-phase failures Lambda reports as Runtime.* error types: the function never reached its handler. */
const initErrors = /Runtime\.(ImportModuleError|HandlerNotFound|UserCodeSyntaxError|MalformedHandlerName|ExitError|Unknown|InvalidEntrypoint)|Unable to import module|Cannot find module|No module named/;

function classify(r: { status: number | null; stdout: string; stderr: string }): { outcome: Outcome; detail: string } {
  const text = `${r.stdout}\n${r.stderr}`;
  if (r.status === null) return { outcome: 'timeout', detail: 'no answer within the time limit' };
  if (r.status === 0) return { outcome: 'ok', detail: '' };
  const line = (text.match(/"errorType"\s*:\s*"[^"]+"[^\n]{0,160}/) ?? text.match(/[^\n]*(error|Error)[^\n]*/))?.[0] ?? text.slice(0, 200);
  // A function error prints Lambda's error payload; anything else is the engine refusing to run it.
  if (r.status === 1 && /"errorType"/.test(r.stdout)) return { outcome: initErrors.test(r.stdout) ? 'init-error' : 'handler-error', detail: line.trim() };
  return { outcome: 'refused', detail: line.trim() };
}

function main(): void {
  const root = path.resolve(process.argv[2] ?? '.');
  const jsonOut = process.argv.indexOf('--json') > 0 ? process.argv[process.argv.indexOf('--json') + 1] : undefined;
  const results: FunctionResult[] = [];
  for (const project of fs.readdirSync(root).sort()) {
    const dir = path.join(root, project);
    const template = templateOf(dir);
    const cdk = !template && fs.existsSync(path.join(dir, 'cdk.json'));
    if (!template && !cdk) continue;
    fs.rmSync(path.join(dir, '.lambda-workbench'), { recursive: true, force: true });
    // A CDK app is installed from its own package.json, as its README says.
    if (cdk && !fs.existsSync(path.join(dir, 'node_modules'))) spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'ignore', timeout: 600_000 });
    const templateArgs = template ? ['--template', template] : [];
    const listed = run(['list', ...templateArgs], dir, 600_000);
    const names = listed.stdout.split('\n').map((l) => l.split(/\s+/)[0] ?? '').filter((n) => n && n !== 'NAME');
    if (!names.length) {
      results.push({ project, fn: '-', outcome: 'refused', detail: (listed.stderr || listed.stdout).split('\n').find((l) => l.trim()) ?? 'no functions listed' });
      continue;
    }
    for (const fn of names) {
      const r = run(['invoke', fn, ...templateArgs, '--tail'], dir, 600_000);
      const c = classify(r);
      results.push({ project, fn, ...c });
      process.stdout.write(`${c.outcome.padEnd(13)} ${project}/${fn} ${c.detail.slice(0, 140)}\n`);
    }
  }
  const count = (o: Outcome): number => results.filter((r) => r.outcome === o).length;
  const ran = count('ok') + count('handler-error');
  process.stdout.write(
    `\n${results.length} functions: ${ran} ran (${count('ok')} ok, ${count('handler-error')} with the handler's own error), ` +
      `${count('init-error')} init errors, ${count('refused')} refused, ${count('timeout')} timed out\n`,
  );
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(results, null, 2));
}

main();
