import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { analyzeTemplate } from '../../../src/core/project/analyzeTemplate';
import { buildFunction, disposeBuilds, needsEsbuild } from '../../../src/core/project/esbuildBuild';
import type { FunctionSpec } from '../../../src/core/project/functionSpec';
import { makeWorkspace, partition, removeWorkspaces, writeFile } from './workspace';

const fixture = path.join(__dirname, '../../fixtures/project/esbuild');

function copyFixture(): { dir: string; specs: Record<string, FunctionSpec> } {
  const files: Record<string, string> = {};
  for (const rel of ['template.yaml', 'src/app.ts', 'src/lib/greet.ts']) files[rel] = fs.readFileSync(path.join(fixture, rel), 'utf8');
  const dir = makeWorkspace(files);
  const file = path.join(dir, 'template.yaml');
  const project = analyzeTemplate(files['template.yaml']!, file, { partition });
  assert.deepStrictEqual(project.problems, []);
  return { dir, specs: Object.fromEntries(project.functions.map((f) => [f.logicalId, f])) };
}

/** Original position of the first generated occurrence of `needle` in a bundle. */
function original(bundle: string, needle: string): ReturnType<typeof originalPositionFor> & { absolute: string } {
  const code = fs.readFileSync(bundle, 'utf8');
  const lines = code.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} in bundle`);
  const map = new TraceMap(fs.readFileSync(`${bundle}.map`, 'utf8'), `${bundle}.map`);
  const pos = originalPositionFor(map, { line: line + 1, column: lines[line]!.indexOf(needle) });
  return { ...pos, absolute: path.resolve(path.dirname(bundle), pos.source ?? '') };
}

describe('project/esbuildBuild', () => {
  after(async () => {
    await disposeBuilds();
    removeWorkspaces();
  });

  it('bundles into outDir with a linked source map that points at the workspace .ts files', async () => {
    const { dir, specs } = copyFixture();
    const spec = specs['Greeter']!;
    assert.ok(needsEsbuild(spec));
    const outDir = path.join(dir, '.lambda-workbench/build/Greeter');
    assert.strictEqual(await buildFunction(spec, outDir), outDir);
    const bundle = path.join(outDir, 'app.js');
    assert.match(fs.readFileSync(bundle, 'utf8'), /\/\/# sourceMappingURL=app\.js\.map\s*$/);
    const pos = original(bundle, 'hello ');
    assert.strictEqual(pos.absolute, path.join(dir, 'src/lib/greet.ts'));
    assert.strictEqual(pos.line, 2);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose, only when this code path runs
    const mod = require(bundle) as { handler: (e: { name: string }) => Promise<{ message: string }> };
    assert.deepStrictEqual(await mod.handler({ name: 'x' }), { message: 'hello x' });
  });

  it('honours Format and OutExtension, and rebuilds incrementally after a change', async () => {
    const { dir, specs } = copyFixture();
    const outDir = path.join(dir, 'out');
    await buildFunction(specs['GreeterEsm']!, outDir);
    const bundle = path.join(outDir, 'app.mjs');
    assert.match(fs.readFileSync(bundle, 'utf8'), /export\s*\{/);
    writeFile(dir, 'src/lib/greet.ts', 'export function greet(name: string): string {\n  return `bonjour ${name}`;\n}\n');
    await buildFunction(specs['GreeterEsm']!, outDir);
    assert.match(fs.readFileSync(bundle, 'utf8'), /bonjour/);
    assert.strictEqual(original(bundle, 'bonjour').absolute, path.join(dir, 'src/lib/greet.ts'));
  });

  it('throws a WorkbenchError naming the file and line when the build fails', async () => {
    const { dir, specs } = copyFixture();
    writeFile(dir, 'src/app.ts', 'export const handler = (;\n');
    await assert.rejects(buildFunction(specs['Greeter']!, path.join(dir, 'broken')), (e: Error) => {
      assert.strictEqual(e.name, 'WorkbenchError');
      assert.ok(e.message.startsWith('esbuild failed for Greeter:\n'), e.message);
      assert.ok(e.message.includes(`${path.join(dir, 'src/app.ts')}:1:`), e.message);
      return true;
    });
  });
});
