// A sandbox folder for fuzzing: the engine's workspace and temp folder inside it, bait files beside
// them, and a snapshot of everything outside the workspace to prove nothing there was touched.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESCAPE_MARKER } from './hostileValues';

export interface Sandbox {
  readonly root: string;
  /** The engine's workspace (its state directory is inside). */
  readonly workspace: string;
  /** TMPDIR for the engine's environments. */
  readonly tmp: string;
  /** Files, sizes, modes and mtimes under root, outside the workspace and tmp. */
  snapshot(): Map<string, string>;
  remove(): void;
}

/** Creates a sandbox with bait files next to (`outside/`) and above the workspace. */
export function createSandbox(): Sandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-fuzz-'));
  const workspace = path.join(root, 'workspace');
  const tmp = path.join(root, 'tmp');
  for (const d of [workspace, tmp, path.join(root, 'outside', 'nested')]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(root, 'outside', 'secret.txt'), 'do not touch\n');
  fs.writeFileSync(path.join(root, 'outside', 'nested', 'index.js'), 'exports.handler = async () => "outside";\n');
  fs.writeFileSync(path.join(root, 'bait.txt'), 'bait\n');
  const skip = new Set([workspace, tmp]);
  const snapshot = (): Map<string, string> => {
    const out = new Map<string, string>();
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (skip.has(p)) continue;
        const st = fs.lstatSync(p);
        out.set(path.relative(root, p), `${e.isDirectory() ? 'd' : 'f'} ${st.size} ${st.mode.toString(8)} ${st.mtimeMs}`);
        if (e.isDirectory()) walk(p);
      }
    };
    walk(root);
    return out;
  };
  return { root, workspace, tmp, snapshot, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** Paths whose name carries the escape marker, in the usual escape targets (shallow, cheap). */
export function findEscapes(extraDirs: readonly string[] = []): string[] {
  const found: string[] = [];
  const look = (dir: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.name.includes(ESCAPE_MARKER)) found.push(p);
      if (depth > 0 && e.isDirectory() && !e.isSymbolicLink()) look(p, depth - 1);
    }
  };
  for (const d of ['/', os.tmpdir(), os.homedir(), process.cwd(), ...extraDirs]) look(d, d === '/' ? 0 : 1);
  return found;
}
