// The Outline of a CDK stack template (cdk.out) by construct path, and of a SAM template by logical id.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { documentSymbols } from '../../src/languageServer/symbols';
import { analyze } from '../../src/languageServer/templateAnalysis';
import { fixture } from '../support/engine';

describe('language server: document symbols', () => {
  it('outlines a CDK stack template by stack and construct id', () => {
    const file = fixture('cdk', 'cdk.out', 'WorkbenchCdkFixture.template.json');
    const symbols = documentSymbols(analyze(`file://${file}`, 1, fs.readFileSync(file, 'utf8'), file));
    assert.deepEqual(symbols.map((s) => s.name), ['WorkbenchCdkFixture']);
    assert.deepEqual(symbols[0]!.children!.map((s) => s.name).sort(), ['NodeFn', 'PyFn', 'TsFn']);
    assert.match(symbols[0]!.children!.find((s) => s.name === 'NodeFn')!.detail ?? '', /^NodeFn9490805D · nodejs20\.x/);
  });

  it('outlines a SAM template by logical id', () => {
    const file = path.join(fixture('project', 'basic'), 'template.yaml');
    if (!fs.existsSync(file)) return assert.fail(`missing fixture ${file}`);
    const symbols = documentSymbols(analyze(`file://${file}`, 1, fs.readFileSync(file, 'utf8'), file));
    assert.ok(symbols.length > 0 && symbols.every((s) => s.children === undefined));
  });
});
