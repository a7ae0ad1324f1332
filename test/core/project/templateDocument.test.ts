import * as assert from 'assert';
import { parseTemplate } from '../../../src/core/project/templateDocument';
import { at, find } from './workspace';

const rangeAt = (doc: ReturnType<typeof parseTemplate>, path: (string | number)[], part?: 'key' | 'value'): string =>
  at({ range: doc.rangeOf(path, part)! });

describe('project/templateDocument', () => {
  it('turns every short-form tag into its long form', () => {
    const text = [
      'A: !Ref P',
      'B: !Sub "x-${P}"',
      'C: !Sub ["${a}", {a: !Ref P}]',
      'D: !GetAtt Res.Arn',
      'E: !GetAtt [Res, Nested.Attr]',
      'F: !Join [",", [a, b]]',
      'G: !If [Cond, 1, 2]',
      'H: !Select [0, !Split [",", "a,b"]]',
      'I: !FindInMap [M, K, V]',
      'J: !Equals [a, b]',
      'K: !Not [!Condition X]',
      'L: !And [!Condition X, !Or [!Condition Y, !Condition Z]]',
      'M: !Base64 abc',
      'N: !ImportValue Exported',
      'O: !GetAZs ""',
      'P: !Cidr ["10.0.0.0/16", 2, 8]',
      'Q: !GetAtt Res.Nested.Attr',
    ].join('\n');
    const doc = parseTemplate(text, 't.yaml');
    assert.deepStrictEqual(doc.problems, []);
    assert.deepStrictEqual(doc.value, {
      A: { Ref: 'P' },
      B: { 'Fn::Sub': 'x-${P}' },
      C: { 'Fn::Sub': ['${a}', { a: { Ref: 'P' } }] },
      D: { 'Fn::GetAtt': ['Res', 'Arn'] },
      E: { 'Fn::GetAtt': ['Res', 'Nested.Attr'] },
      F: { 'Fn::Join': [',', ['a', 'b']] },
      G: { 'Fn::If': ['Cond', 1, 2] },
      H: { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] },
      I: { 'Fn::FindInMap': ['M', 'K', 'V'] },
      J: { 'Fn::Equals': ['a', 'b'] },
      K: { 'Fn::Not': [{ Condition: 'X' }] },
      L: { 'Fn::And': [{ Condition: 'X' }, { 'Fn::Or': [{ Condition: 'Y' }, { Condition: 'Z' }] }] },
      M: { 'Fn::Base64': 'abc' },
      N: { 'Fn::ImportValue': 'Exported' },
      O: { 'Fn::GetAZs': '' },
      P: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
      Q: { 'Fn::GetAtt': ['Res', 'Nested.Attr'] },
    });
  });

  it('records key and value ranges, a tagged value including its tag', () => {
    const doc = parseTemplate('Resources:\n  Fn:\n    Handler: !Ref H\n    Memory: 128\n', 't.yaml');
    assert.strictEqual(rangeAt(doc, ['Resources', 'Fn', 'Handler']), '2:13-2:19');
    assert.strictEqual(rangeAt(doc, ['Resources', 'Fn', 'Handler', 'Ref']), '2:13-2:19');
    assert.strictEqual(rangeAt(doc, ['Resources', 'Fn', 'Handler'], 'key'), '2:4-2:11');
    assert.strictEqual(rangeAt(doc, ['Resources', 'Fn', 'Memory']), '3:12-3:15');
    assert.strictEqual(doc.rangeOf(['Resources', 'Nope']), undefined);
  });

  it('gives JSON templates (tab-indented too) the same positions', () => {
    const text = '{\n\t"Resources": {\n\t\t"Fn": {"Type": "AWS::Lambda::Function", "Memory": {"Ref": "M"}}\n\t}\n}';
    const doc = parseTemplate(text, 't.json');
    assert.deepStrictEqual(doc.problems, []);
    assert.deepStrictEqual(doc.value, { Resources: { Fn: { Type: 'AWS::Lambda::Function', Memory: { Ref: 'M' } } } });
    assert.strictEqual(rangeAt(doc, ['Resources', 'Fn', 'Type']), find(text, '"AWS::Lambda::Function"'));
    assert.strictEqual(rangeAt(doc, ['Resources', 'Fn', 'Memory', 'Ref']), find(text, '"M"'));
  });

  it('reports syntax errors with their positions instead of throwing', () => {
    const doc = parseTemplate('Resources:\n  Fn:\n    Handler: [a, b\n    Runtime: x\n', 't.yaml');
    assert.strictEqual(doc.value, null);
    const err = doc.problems.find((p) => p.severity === 'error');
    assert.ok(err, 'a syntax error');
    assert.strictEqual(err.code, 'yaml-syntax');
    assert.strictEqual(err.file, 't.yaml');
    assert.ok(!err.message.includes('\n'));
    assert.ok(err.range.start.line >= 2, JSON.stringify(err.range));
  });

  it('warns about duplicate keys at the duplicate, and the later value wins as in SAM', () => {
    const doc = parseTemplate('A: {x: 1, y: 2}\nB: 2\nA: {x: 3}\n', 't.yaml');
    assert.deepStrictEqual(doc.problems.map((p) => [p.severity, p.code, p.message]), [['warning', 'duplicate-key', 'Duplicate key A (also on line 1): this later value wins, as SAM reads the template; remove one of them']]);
    assert.strictEqual(at(doc.problems[0]), '2:0-2:1');
    assert.deepStrictEqual(doc.value, { A: { x: 3 }, B: 2 });
    // Ranges follow the value that won; the loser's children are not addressable any more.
    assert.strictEqual(rangeAt(doc, ['A', 'x']), '2:7-2:8');
    assert.strictEqual(doc.rangeOf(['A', 'y']), undefined);
  });

  it('resolves aliases and keeps a missing value addressable at its key', () => {
    const doc = parseTemplate('A: &x {k: 1}\nB: *x\nC:\n', 't.yaml');
    assert.deepStrictEqual(doc.value, { A: { k: 1 }, B: { k: 1 }, C: null });
    assert.strictEqual(rangeAt(doc, ['C'], 'key'), '2:0-2:1');
  });

  it('reads a flow collection indented no deeper than its key, as SAM (PyYAML) does, with a warning', () => {
    const text = 'A:\n  Resource: [\n  !Sub "x",\n  "y"\n  ]\n  B: 1\n';
    const doc = parseTemplate(text, 't.yaml');
    assert.deepEqual(doc.value, { A: { Resource: [{ 'Fn::Sub': 'x' }, 'y'], B: 1 } });
    assert.deepEqual(doc.problems.map((p) => [p.severity, p.code]), [['warning', 'yaml-flow-indent']]);
    assert.strictEqual(rangeAt(doc, ['A', 'B']), '5:5-5:6', 'line numbers are kept');
  });
});

