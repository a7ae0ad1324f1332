// YAML parser errors of the common template typos, in plain words and on the line to fix.
import * as assert from 'node:assert/strict';
import { parseTemplate } from '../../../src/core/project/templateDocument';

const HEAD = 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n';
/** The template's errors as `line: message` (lines 1-based). */
const errors = (text: string): string[] => parseTemplate(text, 't.yaml').problems.filter((p) => p.severity === 'error').map((p) => `${p.range.start.line + 1}: ${p.message}`);

describe('YAML errors in plain words', () => {
  it('a key missing its colon, on that line, with the fix', () => {
    assert.deepEqual(errors(`${HEAD}      Runtime nodejs20.x\n      Handler: index.handler\n`), ['5: "Runtime nodejs20.x" is missing a colon: write "Runtime: nodejs20.x"']);
  });

  it('a key half typed', () => {
    assert.deepEqual(errors(`${HEAD}      Runt\n      Handler: index.handler\n`), ['5: "Runt" is neither a "Key: value" line nor a list item: add a colon after the key (or finish typing it)']);
  });

  it('a key out of line with its siblings', () => {
    assert.deepEqual(errors(`${HEAD}      Runtime: nodejs20.x\n     Handler: index.handler\n`), ['6: This line is indented 5 spaces but the keys around it use 6: keys of one mapping must start in the same column']);
  });

  it('an unclosed quote on the line that opens it, not at the end of the file', () => {
    assert.deepEqual(errors('Resources:\n  Fn:\n    Type: "AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n'), ['3: The double-quoted value on line 3 is never closed: add the closing "']);
  });

  it('an unclosed list on the line that opens it', () => {
    assert.deepEqual(errors('Resources:\n  Fn:\n    Properties:\n      Layers: [a, b\n      Handler: x\n'), ['4: The list opened with "[" on line 4 is not closed: add "]" at its end']);
  });

  it('a colon inside a plain value', () => {
    assert.deepEqual(errors('Resources:\n  Fn:\n    Properties:\n      Description: a: b\n'), ['4: A plain value cannot contain ": " (it reads as a nested key): put the value in quotes']);
  });

  it('a key indented under one that already has a value', () => {
    assert.deepEqual(errors('Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n      Properties:\n      Handler: x\n'), ['4: This line is indented deeper than "Type: AWS::Serverless::Function" above it, which already has a value: indent it like that key, or remove the value above']);
  });

  it('a tab as indentation', () => {
    assert.deepEqual(errors('Resources:\n  Fn:\n\tType: x\n'), ['3: A tab is used for indentation: YAML allows only spaces there (replace the tab with spaces)']);
  });

  it('list items out of line: one error, on their line', () => {
    assert.deepEqual(errors('Resources:\n  Fn:\n    Properties:\n      Layers:\n      - a\n     - b\n'), ['6: This list item ("-") does not line up with the items above it: list items must start in the same column']);
  });
});
