// Imports flow one way (style.md): core imports no other layer; cli, debugAdapter and languageServer
// import only core; nothing outside src/vscode and src/extension.ts imports `vscode`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const src = path.join(__dirname, '..', 'src');

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|js|mjs|cjs)$/.test(e.name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)) {
    found.push((m[1] ?? m[2] ?? m[3] ?? m[4]) as string);
  }
  return found;
}

/** The top-level layer of a file or a resolved import target under src/. */
function layerOf(file: string): string {
  const rel = path.relative(src, file);
  const top = rel.split(path.sep)[0] ?? '';
  return top.replace(/\.ts$/, '');
}

const allowed: Record<string, string[]> = {
  core: ['core'],
  cli: ['cli', 'core'],
  debugAdapter: ['debugAdapter', 'core'],
  languageServer: ['languageServer', 'core'],
};

describe('architecture', () => {
  for (const [layer, may] of Object.entries(allowed)) {
    it(`src/${layer} imports neither vscode nor a higher layer`, () => {
      const violations: string[] = [];
      for (const file of files(path.join(src, layer))) {
        for (const spec of imports(file)) {
          if (spec === 'vscode' || spec.startsWith('vscode/')) violations.push(`${path.relative(src, file)} imports vscode`);
          if (!spec.startsWith('.')) continue;
          const target = path.resolve(path.dirname(file), spec);
          if (!target.startsWith(src)) continue;
          const targetLayer = layerOf(target);
          if (!may.includes(targetLayer)) violations.push(`${path.relative(src, file)} imports ${path.relative(src, target)} (${targetLayer})`);
        }
      }
      assert.deepEqual(violations, []);
    });
  }

  it('only src/vscode and src/extension.ts import vscode', () => {
    const offenders = files(src)
      .filter((f) => !f.startsWith(path.join(src, 'vscode') + path.sep) && f !== path.join(src, 'extension.ts'))
      .filter((f) => imports(f).some((s) => s === 'vscode'));
    assert.deepEqual(offenders.map((f) => path.relative(src, f)), []);
  });

  it('the runtime bootstraps load nothing of the engine', () => {
    const bootstrapDir = path.join(src, 'core', 'runtime', 'node');
    for (const file of files(bootstrapDir)) {
      for (const spec of imports(file).filter((s) => s.startsWith('.'))) {
        const target = path.resolve(path.dirname(file), spec);
        assert.ok(target.startsWith(bootstrapDir), `${path.relative(src, file)} imports ${path.relative(src, target)}`);
      }
    }
  });
});
