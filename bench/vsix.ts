// Size of the .vsix `npm run package` produces and what makes it up (compressed sizes in the archive):
// the esbuild binary SAM TypeScript builds need, the bundles, the rest. Also the bytes activation parses.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readZipEntries } from '../src/core/project/zipReader';
import { packageVsix } from '../scripts/package/packageVsix';
import { runStandalone, type BenchOptions, type BenchResult } from './lib/benchModule';
import type { Row } from './lib/table';

const mb = (bytes: number): { value: number; min: number; max: number } => ({ value: bytes / 1024 / 1024, min: bytes / 1024 / 1024, max: bytes / 1024 / 1024 });

/** The bench runner's entry. */
export async function rows(_options: BenchOptions): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-vsix-'));
  try {
    const file = await packageVsix(path.join(dir, 'lambda-workbench.vsix'), true);
    const entries = readZipEntries(fs.readFileSync(file));
    const sum = (test: (name: string) => boolean): number => entries.filter((e) => test(e.name)).reduce((n, e) => n + e.compressedSize, 0);
    const esbuild = sum((n) => n.includes('/node_modules/@esbuild/'));
    const bundles = sum((n) => /^extension\/dist\/[^/]+\.js$/.test(n));
    const activation = fs.statSync(path.join(path.dirname(require.resolve('../package.json')), 'dist', 'extension.js')).size;
    const out: Row[] = [
      { name: '.vsix size (linux-x64)', unit: 'MB', ours: mb(fs.statSync(file).size), baselineName: 'the esbuild binary it must carry', baseline: mb(esbuild) },
      { name: '  of which the JS bundles (extension, language server, debug adapter, AWS SDK, LSP client)', unit: 'MB', ours: mb(bundles) },
      { name: 'JS parsed at activation (dist/extension.js, uncompressed)', unit: 'MB', ours: mb(activation) },
    ];
    return { rows: out, notes: [`${entries.length} files in the archive; sizes are exact (one measurement, no spread).`] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runStandalone(module, rows);
