// Quick fixes on the template's diagnostics: did-you-mean for an unknown runtime, upgrade for a
// deprecated one, and creating a missing handler file or export (Node.js and Python).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver';
import { diagnosticsOf } from '../../src/languageServer/diagnostics';
import { quickFixes, runtimeSuggestions, runtimeUpgrade } from '../../src/languageServer/quickFixes';
import { analyze } from '../../src/languageServer/templateAnalysis';

const template = (runtime: string, handler: string, codeUri = 'src/'): string => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: ${runtime}
      CodeUri: ${codeUri}
      Handler: ${handler}
`;

describe('language server: quick fixes', () => {
  let dir: string;
  let n = 0;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lw-quickfix-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'index.js'), 'exports.other = async () => 1;\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fixesOf = (text: string, code: string): { actions: CodeAction[]; diagnostic: Diagnostic } => {
    const file = path.join(dir, 'template.yaml');
    const a = analyze(`u${++n}`, 1, text, file);
    const diagnostic = diagnosticsOf(a.project.problems, file).find((d) => d.code === code);
    assert.ok(diagnostic, `a ${code} diagnostic: ${a.project.problems.map((p) => p.code).join(', ')}`);
    return { actions: quickFixes(a, pathToFileURL(file).toString(), text, [diagnostic]), diagnostic };
  };

  it('suggests the runtimes closest to a mistyped one', () => {
    assert.equal(runtimeSuggestions('nodejs20')[0], 'nodejs20.x');
    assert.equal(runtimeSuggestions('pyhton3.12')[0], 'python3.12');
    assert.equal(runtimeSuggestions('nodjs22.x')[0], 'nodejs22.x');
    const { actions, diagnostic } = fixesOf(template('nodejs20', 'index.handler'), 'runtime-unknown');
    assert.equal(actions[0]?.title, 'Did you mean nodejs20.x?');
    assert.deepEqual(Object.values(actions[0].edit!.changes!)[0], [{ range: diagnostic.range, newText: 'nodejs20.x' }]);
  });

  it('upgrades a deprecated runtime to the newest of its language', () => {
    assert.match(runtimeUpgrade('nodejs16.x') ?? '', /^nodejs2\d\.x$/);
    const { actions } = fixesOf(template('python3.7', 'index.handler'), 'runtime-deprecated');
    assert.match(actions[0]?.title ?? '', /^Upgrade to python3\.1\d$/);
  });

  it('creates a missing Node.js handler file', () => {
    const { actions } = fixesOf(template('nodejs20.x', 'app.handler'), 'handler-file-missing');
    assert.equal(actions[0]?.title, `Create ${path.join('src', 'app.js')} with a handler function`);
    const [create, edit] = actions[0].edit!.documentChanges!;
    assert.deepEqual(create, { kind: 'create', uri: pathToFileURL(path.join(dir, 'src', 'app.js')).toString(), options: { ignoreIfExists: true } });
    assert.match((edit as TextDocumentEdit).edits[0]!.newText, /^exports\.handler = async \(event, context\) => \{/);
  });

  it('adds a missing export to the existing file, after its last line', () => {
    const { actions } = fixesOf(template('nodejs20.x', 'index.handler'), 'handler-export-missing');
    assert.equal(actions[0]?.title, `Add a handler function to ${path.join('src', 'index.js')}`);
    const [edit] = Object.values(actions[0].edit!.changes!)[0]!;
    assert.deepEqual(edit!.range.start, { line: 1, character: 0 });
    assert.match(edit!.newText, /^\nexports\.handler = async/);
  });

  it('creates a missing Python module', () => {
    const { actions } = fixesOf(template('python3.12', 'jobs.run'), 'handler-file-missing');
    assert.equal(actions[0]?.title, `Create ${path.join('src', 'jobs.py')} with a run function`);
    const edit = actions[0].edit!.documentChanges![1] as TextDocumentEdit;
    assert.match(edit.edits[0]!.newText, /^def run\(event, context\):/);
  });
});
