import * as assert from 'assert';
import { scanJsExport, scanPythonExport } from '../../../src/core/project/exportScan';
import { analyze, at, find, problemsOf, removeWorkspaces, samFunction } from './workspace';

function handlerProblems(runtime: string, handler: string, files: Record<string, string>): { text: string; problems: ReturnType<typeof problemsOf> } {
  const text = samFunction('').replace('Runtime: nodejs22.x', `Runtime: ${runtime}`).replace('Handler: index.handler', `Handler: ${handler}`);
  const project = analyze(text, files);
  return { text, problems: project.problems.filter((p) => p.code.startsWith('handler-') || p.code.startsWith('bootstrap-')) };
}

describe('project/handlerLookup', () => {
  after(removeWorkspaces);

  describe('scanJsExport', () => {
    const found: [string, string][] = [
      ['exports.handler = async () => 1;', 'handler'],
      ['module.exports.handler = function () {};', 'handler'],
      ["exports['handler'] = () => 1;", 'handler'],
      ['module.exports = { handler, other };', 'handler'],
      ['module.exports = {\n  // the entry\n  handler: async (e) => e,\n};', 'handler'],
      ['module.exports = { async handler(event) { return event; } };', 'handler'],
      ['export const handler = async () => 1;', 'handler'],
      ['export let handler = 1;', 'handler'],
      ['export var handler = 1;', 'handler'],
      ['export function handler() {}', 'handler'],
      ['export async function handler() {}', 'handler'],
      ['const h = () => 1;\nexport { h as handler };', 'handler'],
      ['export { handler } from "./impl.js";', 'handler'],
      ['const handler = 1, other = 2;\nexport { other, handler };', 'handler'],
      ['export const handler: Handler = async () => 1;', 'handler'],
      ['Object.defineProperty(exports, "handler", { enumerable: true, get: function () { return h; } });', 'handler'],
      ['__export(src_exports, {\n  handler: () => handler\n});\nmodule.exports = __toCommonJS(src_exports);', 'handler'],
      ['export default async function () {}', 'default'],
    ];
    for (const [source, name] of found) {
      it(`finds ${name} in: ${source.split('\n')[0]}`, () => assert.strictEqual(scanJsExport(source, name), 'found'));
    }
    const missing = [
      'exports.other = () => 1;',
      '// exports.handler = () => 1;\nexports.other = 1;',
      'const handler = () => 1;',
      'module.exports = { handlerX, other };',
      'export { handlerX as other };',
    ];
    for (const source of missing) {
      it(`reports handler missing in: ${source.split('\n')[0]}`, () => assert.strictEqual(scanJsExport(source, 'handler'), 'missing'));
    }
    for (const source of ['export * from "./impl";', 'module.exports = require("./impl");', 'Object.assign(exports, impl);', 'module.exports = { ...impl };']) {
      it(`cannot tell for: ${source}`, () => assert.strictEqual(scanJsExport(source, 'handler'), 'unknown'));
    }
  });

  describe('scanPythonExport', () => {
    const cases: [string, string][] = [
      ['def handler(event, context):\n    pass', 'found'],
      ['async def handler(event, context):\n    pass', 'found'],
      ['handler = make_handler()', 'found'],
      ['handler: Callable = make()', 'found'],
      ['from .impl import other, handler', 'found'],
      ['from impl import (\n    handler,\n)', 'found'],
      ['from impl import real as handler', 'found'],
      ['class Foo:\n    def handler(self):\n        pass', 'missing'],
      ['if x == handler:\n    pass', 'missing'],
      ['def handler_two(e, c):\n    pass', 'missing'],
      ['from impl import *', 'unknown'],
    ];
    for (const [source, verdict] of cases) {
      it(`${verdict}: ${source.split('\n')[0]}`, () => assert.strictEqual(scanPythonExport(source, 'handler'), verdict));
    }
  });

  describe('Node.js handlers', () => {
    it('finds CJS and ESM modules in Lambda order: extensionless, .js, .mjs, .cjs', () => {
      for (const [file, body] of [
        ['src/index', 'exports.handler = () => 1;'],
        ['src/index.js', 'exports.handler = () => 1;'],
        ['src/index.mjs', 'export const handler = async () => 1;'],
        ['src/index.cjs', 'module.exports = { handler };'],
      ] as const) {
        assert.deepStrictEqual(handlerProblems('nodejs22.x', 'index.handler', { [file]: body }).problems, [], file);
      }
    });

    it('resolves nested paths and dotted property paths on the first export', () => {
      const files = { 'src/lib/app.mjs': 'export const api = { get: () => 1 };' };
      assert.deepStrictEqual(handlerProblems('nodejs22.x', 'lib/app.api.get', files).problems, []);
    });

    it('reports a missing module with the runtime error, at the Handler', () => {
      const { text, problems } = handlerProblems('nodejs22.x', 'app.handler', { 'src/index.js': '' });
      assert.deepStrictEqual(problems.map((p) => [p.code, p.message, at(p)]), [
        ['handler-file-missing', "Runtime.ImportModuleError: Error: Cannot find module 'app'", find(text, 'app.handler')],
      ]);
    });

    it('reports a missing export with the runtime error, as a warning (Lambda fails it at init, not at deploy)', () => {
      const { text, problems } = handlerProblems('nodejs22.x', 'index.main', { 'src/index.mjs': 'export const handler = () => 1;' });
      assert.deepStrictEqual(problems.map((p) => [p.code, p.severity, p.message, at(p)]), [
        ['handler-export-missing', 'warning', 'Runtime.HandlerNotFound: index.main is undefined or not exported', find(text, 'index.main')],
      ]);
    });

    it('reports malformed handler names as the runtime does', () => {
      assert.strictEqual(handlerProblems('nodejs22.x', 'index', { 'src/.keep': '' }).problems[0]?.message, 'Runtime.MalformedHandlerName: Bad handler');
      assert.strictEqual(handlerProblems('nodejs22.x', '../up/index.handler', { 'src/.keep': '' }).problems[0]?.message, "Runtime.MalformedHandlerName: '../up/index.handler' is not a valid handler name. Use absolute paths when specifying root directories in handler names.");
    });
  });

  describe('Python handlers', () => {
    it('accepts / and . module separators, modules and packages', () => {
      const files = { 'src/pkg/app.py': 'def handler(event, context):\n    return 1\n', 'src/pkg/__init__.py': '', 'src/top/__init__.py': 'async def main(e, c):\n    pass\n' };
      for (const h of ['pkg/app.handler', 'pkg.app.handler', 'top.main']) {
        assert.deepStrictEqual(handlerProblems('python3.12', h, files).problems, [], h);
      }
    });

    it('reports import errors and missing functions with PRIC wording', () => {
      const files = { 'src/pkg/app.py': 'def other(event, context):\n    pass\n' };
      assert.deepStrictEqual(handlerProblems('python3.12', 'pkg/app.handler', files).problems.map((p) => p.message), ["Runtime.HandlerNotFound: Handler 'handler' missing on module 'pkg.app'"]);
      assert.deepStrictEqual(handlerProblems('python3.12', 'pkg/nope.handler', files).problems.map((p) => p.message), ["Runtime.ImportModuleError: Unable to import module 'pkg.nope': No module named 'pkg.nope'"]);
      assert.deepStrictEqual(handlerProblems('python3.12', 'missing.sub.handler', files).problems.map((p) => p.message), ["Runtime.ImportModuleError: Unable to import module 'missing.sub': No module named 'missing'"]);
      assert.deepStrictEqual(handlerProblems('python3.12', 'app', files).problems.map((p) => p.message), ["Runtime.MalformedHandlerName: Bad handler 'app': not enough values to unpack (expected 2, got 1)"]);
    });

    it('finds modules in layers under python/', () => {
      const text = samFunction('      Layers: [!Ref L]\n', '  L:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      ContentUri: layer\n')
        .replace('Runtime: nodejs22.x', 'Runtime: python3.13').replace('index.handler', 'shared.handler');
      const project = analyze(text, { 'src/.keep': '', 'layer/python/shared.py': 'def handler(e, c):\n    pass\n' });
      assert.deepStrictEqual(project.problems, []);
    });
  });

  describe('provided runtimes', () => {
    it('needs an executable bootstrap in the code directory or a layer', () => {
      assert.deepStrictEqual(handlerProblems('provided.al2023', 'bootstrap', { 'src/bootstrap': '#!/bin/sh\n' }).problems, []);
      const { text, problems } = handlerProblems('provided.al2', 'anything', { 'src/main.go': '' });
      assert.deepStrictEqual(problems.map((p) => [p.code, p.message, at(p)]), [
        ['bootstrap-missing', "Runtime.InvalidEntrypoint: Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]", find(text, 'anything')],
      ]);
      const notExecutable = handlerProblems('provided', 'x', { 'src/bootstrap': 'binary' }).problems;
      assert.deepStrictEqual(notExecutable.map((p) => p.message), ['Runtime.InvalidEntrypoint: fork/exec /var/task/bootstrap: permission denied']);
      const text2 = samFunction('      Layers: [!Ref L]\n', '  L:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      ContentUri: layer\n').replace('nodejs22.x', 'provided.al2023');
      assert.deepStrictEqual(analyze(text2, { 'src/.keep': '', 'layer/bootstrap': '#!/bin/sh\n' }).problems, []);
    });
  });

  describe('esbuild functions', () => {
    it('checks the entry points and the export in the TypeScript source', () => {
      const meta = (entry: string) => `    Metadata:\n      BuildMethod: esbuild\n      BuildProperties:\n        EntryPoints: [${entry}]\n`;
      const ok = analyze(samFunction('', meta('app/index.ts')), { 'src/app/index.ts': 'export const handler = async (): Promise<number> => 1;\n' });
      assert.deepStrictEqual(ok.problems, []);
      const text = samFunction('', meta('app/missing.ts'));
      const [p] = problemsOf(analyze(text, { 'src/app/index.ts': '' }), 'build-entry-missing');
      assert.strictEqual(at(p), find(text, '[app/missing.ts]'));
      const noExport = analyze(samFunction('', meta('index.ts')), { 'src/index.ts': 'export const other = 1;\n' });
      assert.deepStrictEqual(noExport.problems.map((x) => x.message), ['Runtime.HandlerNotFound: index.handler is undefined or not exported']);
    });
  });
});
