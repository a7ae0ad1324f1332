// Where CodeLens and Open Handler find a handler: plain Node files, esbuild entry points (TypeScript),
// Python modules, and the line that defines the export.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { findExportLine, handlerSourceOf } from '../../../src/vscode/backends/handlerSource';

const examples = path.join(__dirname, '..', '..', '..', 'examples');

describe('handler sources', () => {
  it('finds the example handlers', () => {
    assert.deepEqual(handlerSourceOf({ handler: 'index.handler', runtime: 'nodejs20.x', local: { codeDir: path.join(examples, 'node-js'), problems: [] } }), { file: path.join(examples, 'node-js', 'index.js'), exportName: 'handler' });
    assert.deepEqual(handlerSourceOf({ handler: 'app.handler', runtime: 'nodejs20.x', local: { codeDir: path.join(examples, 'ts-function'), problems: [], entryPoints: ['src/app.ts'] } }), { file: path.join(examples, 'ts-function', 'src', 'app.ts'), exportName: 'handler' });
    assert.deepEqual(handlerSourceOf({ handler: 'app.handler', runtime: 'python3.11', local: { codeDir: path.join(examples, 'python-function'), problems: [] } }), { file: path.join(examples, 'python-function', 'app.py'), exportName: 'handler' });
    assert.equal(handlerSourceOf({ handler: 'missing.handler', runtime: 'nodejs20.x', local: { codeDir: path.join(examples, 'node-js'), problems: [] } }), undefined);
  });

  it('finds the line that defines an export in JS, TS and Python', () => {
    assert.equal(findExportLine('const a = 1;\nexports.handler = async () => a;\n', 'handler', false), 1);
    assert.equal(findExportLine('import x from "y";\n\nexport const handler = async () => 1;\n', 'handler', false), 2);
    assert.equal(findExportLine('export async function main(event) {}\n', 'main', false), 0);
    assert.equal(findExportLine('import os\n\ndef handler(event, context):\n    pass\n', 'handler', true), 2);
    assert.equal(findExportLine('nothing here', 'handler', false), undefined);
  });
});
