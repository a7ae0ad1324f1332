// `npm run bench`: runs every bench/*.ts file (each in its own process, one after another), prints one
// table of figures beside floors and peers measured in the same run, and writes it to BENCHMARKS.md.
// Options: --quick (smaller runs), --only a,b (file names without .ts; does not write), --no-write.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { describeMachine, machineMarkdown } from './lib/machine';
import { fmt, ratio, type Row } from './lib/table';

/** Files that run first, in this order; every other bench/*.ts follows alphabetically. */
const ORDER = ['invoke', 'pythonColdWarm', 'throughput', 'peers'];
/** What the suite should cover (issue 8) and the file-name prefix of the bench module that measures it. */
const EXPECTED: readonly (readonly [string, string])[] = [
  ['Event queue throughput', 'async'],
  ['alias routing cost', 'aliasRouting'],
  ['publish time', 'publish'],
  ['log filter over 1M events, live tail latency', 'logs'],
  ['F5 to breakpoint', 'debug'],
  ['extension activation time', 'activation'],
];
const QUICK_ENV: Record<string, string> = { BENCH_RUNS: '3', BENCH_WARM_N: '500', BENCH_COLD_N: '5', BENCH_CPU_N: '1000' };

interface ModuleResult {
  readonly name: string;
  readonly rows: Row[];
  readonly notes: string[];
  readonly seconds: number;
  readonly error?: string;
}

/** Bench modules: top-level bench/*.ts except this runner. */
export function discoverModules(dir = __dirname): string[] {
  const names = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'run.ts')
    .map((f) => f.slice(0, -3));
  const rank = (n: string): number => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function runModule(name: string, quick: boolean, timeoutMs: number): Promise<ModuleResult> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-out-')), 'result.json');
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_QUICK: quick ? '1' : '0' };
  if (quick) for (const [k, v] of Object.entries(QUICK_ENV)) env[k] ??= v;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lib', 'runModule.ts'), path.join(__dirname, `${name}.ts`), out], {
    env,
    stdio: ['ignore', 'inherit', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
    process.stderr.write(c);
  });
  const timer = setTimeout(() => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }, timeoutMs);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // Whatever the module left running (debug adapters, peers) goes with it.
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // nothing left
      }
      const seconds = (performance.now() - started) / 1000;
      let result: { rows: Row[]; notes: string[] } | undefined;
      try {
        result = JSON.parse(fs.readFileSync(out, 'utf8'), (_k, v: unknown) => (v === null ? NaN : v)) as { rows: Row[]; notes: string[] };
      } catch {
        result = undefined;
      }
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
      if (code === 0 && result) return resolve({ name, ...result, seconds });
      const why = signal === 'SIGKILL' ? `timed out after ${Math.round(timeoutMs / 1000)} s` : `exit ${code ?? signal}`;
      const last = stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';
      resolve({ name, rows: [], notes: [], seconds, error: `${why}${last ? `: ${last}` : ''}` });
    });
  });
}

/** One Markdown table of every module's rows. */
export function table(results: readonly ModuleResult[]): string {
  const lines = ['| area | benchmark | ours (median, min-max) | baseline | baseline figure | ratio | goal |', '|---|---|---|---|---|---|---|'];
  for (const m of results) {
    for (const r of m.rows) {
      lines.push(`| ${m.name} | ${r.name} | ${fmt(r.ours, r.unit)} | ${r.baselineName ?? ''} | ${r.baseline ? fmt(r.baseline, r.unit) : ''} | ${ratio(r)} | ${r.target ?? ''} |`);
    }
  }
  return lines.join('\n');
}

function report(results: readonly ModuleResult[], machine: string, quick: boolean, totalSeconds: number): string {
  const notes = results.flatMap((m) => m.notes.map((n) => `- ${m.name}: ${n}`));
  const failed = results.filter((m) => m.error).map((m) => `- ${m.name}: did not finish (${m.error})`);
  const durations = results.filter((m) => m.seconds > 0).map((m) => `${m.name} ${m.seconds.toFixed(0)} s`).join(', ');
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${quick ? ' -- --quick' : ''}\` (bench/run.ts); run it again to refresh this file. How to add a`,
    'benchmark: bench/README.md.',
    '',
    '## Machine',
    '',
    machine,
    '',
    '## Results',
    '',
    'Each figure is the median of several runs, with the min-max spread across runs; each baseline (a floor:',
    'the least any emulator must do, or a peer: another tool on the same handler) was measured in the same',
    'run, alternating with ours. Ratio: ours / baseline for times, baseline / ours for rates (/s), so lower',
    'is better and 1.00x is parity. On a shared 2-core machine p50s move ~20% between runs: read ratios',
    'under ~1.5x as parity.',
    '',
    table(results),
    '',
    ...(notes.length || failed.length ? ['## Notes', '', ...notes, ...failed, ''] : []),
    `Run time: ${totalSeconds.toFixed(0)} s (${durations}).`,
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' }, 'no-write': { type: 'boolean' } } });
  const quick = values.quick ?? false;
  const only = values.only?.split(',').map((s) => s.trim().replace(/\.ts$/, ''));
  const modules = discoverModules().filter((m) => !only || only.includes(m));
  if (only) for (const o of only) if (!modules.includes(o)) process.stderr.write(`bench: no bench/${o}.ts\n`);
  const machine = machineMarkdown(describeMachine(process.env.BENCH_PYTHON ?? '/usr/bin/python3'));
  process.stdout.write(`${machine}\n\n`);
  const started = performance.now();
  const results: ModuleResult[] = [];
  for (const name of modules) {
    process.stdout.write(`bench: ${name}...\n`);
    const r = await runModule(name, quick, (quick ? 4 : 12) * 60_000);
    process.stdout.write(`bench: ${name} ${r.error ? `failed (${r.error})` : `${r.rows.length} rows`} in ${r.seconds.toFixed(1)} s\n`);
    results.push(r);
  }
  if (!only) {
    for (const [what, prefix] of EXPECTED) {
      if (!modules.some((m) => m.startsWith(prefix))) results.push({ name: 'run', rows: [], notes: [`not measured yet: ${what} (no bench/${prefix}*.ts)`], seconds: 0 });
    }
  }
  const text = report(results, machine, quick, (performance.now() - started) / 1000);
  process.stdout.write(`\n${text}`);
  if (!only && !values['no-write']) {
    fs.writeFileSync(path.join(__dirname, '..', 'BENCHMARKS.md'), text);
    process.stdout.write('\nbench: wrote BENCHMARKS.md\n');
  }
  return results.some((r) => r.error) ? 1 : 0;
}

if (require.main === module) {
  main().then((code) => (process.exitCode = code), (e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
