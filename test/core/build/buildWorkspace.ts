// Test helpers for builds: a fixture project copied into a temporary workspace, loaded into an engine
// that records every build progress report.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BuildProgress } from '../../../src/core/build';
import { Emulator } from '../../../src/core/emulator';

export const buildFixture = (name: string): string => path.join(__dirname, '..', '..', 'fixtures', 'build', name);

/** A copy of test/fixtures/build/<name> in a new temporary directory. */
export function copyFixture(name: string): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), `lwb-build-${name}-`));
  fs.cpSync(buildFixture(name), ws, { recursive: true });
  return ws;
}

export interface BuildEngine {
  readonly engine: Emulator;
  readonly progress: BuildProgress[];
  /** Progress reports of one phase, as `LogicalId` strings. */
  readonly phases: (phase: BuildProgress['phase']) => string[];
}

/** An engine on the workspace's template.yaml (not removing the workspace on dispose: tests reuse it). */
export async function engineOn(ws: string, watch = false): Promise<BuildEngine> {
  const engine = new Emulator({ workspaceDir: ws, api: false });
  const progress: BuildProgress[] = [];
  engine.builds.on('progress', (p) => progress.push(p));
  await engine.loadTemplate({ templatePath: path.join(ws, 'template.yaml'), watch });
  return { engine, progress, phases: (phase) => progress.filter((p) => p.phase === phase).map((p) => p.logicalId) };
}

export async function invokeJson(engine: Emulator, name: string, event: unknown = {}): Promise<any> {
  const r = await engine.invoke({ functionName: name, payload: Buffer.from(JSON.stringify(event)) });
  const text = r.payload.toString('utf8');
  if (r.functionError) throw new Error(`${name} failed: ${text}`);
  return JSON.parse(text);
}

/** Every file path under `dir`, relative (to check a source folder was not written). */
export function listTree(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((p) => !p.split(path.sep).includes('.lambda-workbench')).sort();
}
