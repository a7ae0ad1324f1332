// `build [function]`: runs the `sam build`-like build of the template's functions and layers now (the
// engine would run it before their first invoke), printing progress; Ctrl-C cancels and kills the tools.
import { messageOf, WorkbenchError } from '../core/errors';
import { printBuildProgress } from './buildProgress';
import { startEngine, type Values } from './engineFromArgs';

export const buildUsage = 'lambda-workbench build [function] [--force] [--verbose] [--json] [--template FILE]: installs dependencies and builds like `sam build`, into .lambda-workbench/build/';

interface Row {
  readonly function: string;
  readonly logicalId: string | undefined;
  readonly status: 'built' | 'cached' | 'not-needed' | 'failed' | 'cancelled';
  readonly durationMs?: number;
  readonly codeDir: string;
  readonly targets?: { readonly logicalId: string; readonly kind: string; readonly status: string; readonly durationMs: number }[];
  readonly error?: string;
}

export async function build(values: Values, positionals: string[]): Promise<number> {
  if (positionals.length > 1) throw new WorkbenchError('build takes at most one function name: lambda-workbench build [function]');
  const engine = await startEngine(values, { quietBuilds: true });
  const stop = printBuildProgress(engine, { verbose: Boolean(values.verbose), cached: true });
  const controller = new AbortController();
  const onInt = (): void => controller.abort();
  process.once('SIGINT', onInt);
  try {
    const all = engine.listFunctions().filter((e) => e.source === 'template');
    const wanted = positionals[0];
    const entries = wanted === undefined ? all : all.filter((e) => e.name === wanted || e.spec?.logicalId === wanted);
    if (wanted !== undefined && entries.length === 0) {
      throw new WorkbenchError(`No function ${wanted} in the template. The template's functions: ${all.map((e) => e.spec?.logicalId ?? e.name).join(', ') || 'none'}.`, 'FunctionNotFound');
    }
    const rows: Row[] = [];
    for (const entry of entries) {
      const config = entry.latest;
      const base = { function: entry.name, logicalId: entry.spec?.logicalId, codeDir: config.codeDir };
      const started = Date.now();
      try {
        const results = await engine.ensureBuilt(config, { force: Boolean(values.force), signal: controller.signal });
        const status = results.length === 0 ? 'not-needed' : results.some((r) => r.status === 'built') ? 'built' : 'cached';
        rows.push({ ...base, status, durationMs: Date.now() - started, targets: results.map((r) => ({ logicalId: r.logicalId, kind: r.kind, status: r.status, durationMs: r.durationMs })) });
      } catch (e) {
        const cancelled = controller.signal.aborted;
        rows.push({ ...base, status: cancelled ? 'cancelled' : 'failed', durationMs: Date.now() - started, error: messageOf(e) });
        if (!values.json) process.stderr.write(`${messageOf(e)}\n`);
        if (cancelled) break;
      }
    }
    if (values.json) process.stdout.write(JSON.stringify({ functions: rows }, null, 2) + '\n');
    else for (const r of rows) process.stdout.write(`${r.function.padEnd(24)} ${r.status.padEnd(10)} ${r.status === 'not-needed' ? '' : r.codeDir}\n`.trimEnd() + '\n');
    return rows.some((r) => r.status === 'failed' || r.status === 'cancelled') ? 1 : 0;
  } finally {
    process.off('SIGINT', onInt);
    stop();
    await engine.dispose();
  }
}
