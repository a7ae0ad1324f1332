// `runtimes list` (the catalog with what runs each runtime here) and `runtimes install nodejs22.x`
// (fetches that Node.js major into the per-user cache now, with progress, so invokes never download).
import type { Emulator } from '../core/emulator';
import { WorkbenchError } from '../core/errors';
import { cacheRoot } from '../core/runtime/nodeDistribution';
import { RuntimeCatalog } from '../core/runtime/runtimeCatalog';
import { RUNTIME_TABLE, lifecycleText, runtimeEntry } from '../core/runtimeTable';
import { writeJson } from './cliOutput';
import type { Values } from './engineFromArgs';

export const runtimesUsage = `lambda-workbench runtimes list [--all]             the runtime catalog and the interpreter each one runs on here
lambda-workbench runtimes install <nodejsNN.x>...  download those Node.js majors into ${cacheRoot()} (once, shared by all projects)`;

const mb = (n: number): string => (n / 1e6).toFixed(1);

async function install(ids: string[], json: boolean): Promise<number> {
  const done: { runtime: string; version: string; executable: string }[] = [];
  if (ids.length === 0) throw new WorkbenchError(`runtimes install takes runtime identifiers, e.g. nodejs22.x.\n${runtimesUsage}`);
  for (const id of ids) {
    const entry = runtimeEntry(id);
    if (entry?.language !== 'nodejs' || !entry.accepted) {
      throw new WorkbenchError(`${id}: only Node.js runtimes are downloaded (nodejs18.x, nodejs20.x, nodejs22.x, nodejs24.x); Python comes from your own installs (pyenv install, uv python install).`);
    }
    const controller = new AbortController();
    const onSigint = (): void => controller.abort();
    process.once('SIGINT', onSigint);
    let shown = -1;
    try {
      const tty = process.stderr.isTTY;
      const got = await new RuntimeCatalog({}, {
        progress: (p) => {
          const pct = p.total ? Math.floor((p.received / p.total) * 100) : -1;
          if (pct === shown || (!tty && pct % 25 !== 0)) return;
          shown = pct;
          process.stderr.write(`${tty ? '\r' : ''}${id}: Node.js ${p.version} ${mb(p.received)}${p.total ? `/${mb(p.total)} MB (${pct}%)` : ' MB'}${tty ? '' : '\n'}`);
        },
      }).installNodeMajor(entry.version, controller.signal);
      if (shown >= 0 && process.stderr.isTTY) process.stderr.write('\n');
      done.push({ runtime: id, version: got.version, executable: got.executable });
      if (!json) process.stdout.write(`${id}: Node.js ${got.version} at ${got.executable}\n`);
    } catch (e) {
      if (controller.signal.aborted) throw new WorkbenchError(`${id}: download cancelled; nothing was installed.`);
      throw e;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  }
  if (json) writeJson({ installed: done });
  return 0;
}

async function list(all: boolean, json: boolean): Promise<number> {
  const rows: { runtime: string; lifecycle: string; runsOn: string }[] = [];
  const catalog = new RuntimeCatalog({ nodeDownload: false });
  for (const entry of RUNTIME_TABLE) {
    if (!all && !entry.accepted && !['nodejs16.x', 'python3.8', 'go1.x', 'java8'].includes(entry.id)) continue;
    let runs: string;
    try {
      const interp = await catalog.resolve(entry.id);
      runs = interp.executable ? `${interp.executable} (${interp.version})${interp.mismatch && entry.accepted ? ' [version differs]' : ''}` : 'bootstrap executable';
    } catch (e) {
      runs = `not here: ${(e as Error).message.split('. ')[0]}`;
    }
    rows.push({ runtime: entry.id, lifecycle: lifecycleText(entry), runsOn: runs });
    if (!json) process.stdout.write(`${entry.id.padEnd(16)} ${(lifecycleText(entry) || '-').padEnd(40)} ${runs}\n`);
  }
  if (json) writeJson({ runtimes: rows });
  return 0;
}

export async function runtimes(values: Values, positionals: string[]): Promise<number> {
  const [sub, ...rest] = positionals;
  if (sub === 'install') return install(rest, values.json === true);
  if (sub === 'list' || sub === undefined) return list(values.all === true, values.json === true);
  throw new WorkbenchError(`unknown runtimes subcommand '${sub}'.\n${runtimesUsage}`);
}

/** Prints an engine's Node.js download progress on stderr (every quarter), for serve and invoke. */
export function reportRuntimeDownloads(engine: Emulator): void {
  const shown = new Map<string, number>();
  engine.on('runtimeDownload', (p) => {
    const quarter = p.total ? Math.floor((p.received / p.total) * 4) : 0;
    if ((shown.get(p.version) ?? -1) >= quarter) return;
    shown.set(p.version, quarter);
    process.stderr.write(`${p.runtime}: Node.js ${p.version} ${mb(p.received)}${p.total ? `/${mb(p.total)} MB (${quarter * 25}%)` : ' MB'}\n`);
  });
}
