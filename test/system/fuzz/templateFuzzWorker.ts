// Child process of the template fuzzer: analyzes seeded mutations of SAM templates one by one and prints
// `ok <i> <problems>` or `bad <i> <reason>` per case, so the parent can spot a hang (no next line).
// Usage: node --import tsx templateFuzzWorker.ts <seed> <count> <workspace> <base template>...
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultPartition } from '../../../src/core/arn';
import { analyzeTemplate } from '../../../src/core/project';
import { seededRandom, type Random } from '../../support/seededRandom';

const HOSTILE = [
  '-1', '0', '1e309', '99999999999', '""', "'../../outside'", '/etc', '../../../../../../tmp/fuzzpwn', '!Ref Missing', '!GetAtt A.B.C.D', "!Sub '${'", "!Sub '${AWS::NoSuch}'",
  '{ "Fn::If": [x] }', '!If [NoCond, 1]', '!Select [9, []]', '!Join [",", 5]', '!Split', '[]', '{}', 'null', '~', '.inf', '0x1F', '!!binary AAAA', '!Base64 x', '!FindInMap [A, B]',
  "'\u0000'", 'x'.repeat(10_000), '&anchor value', '*undefined_alias', '!ImportValue x', '{ Ref: AWS::NoValue }', '!Ref AWS::NoValue', '!Condition Nope', '2010-09-09',
];
const FRAGMENTS = [':', '{', '}', '[', ']', '- ', '\t', '!Ref ', '&a ', '*a ', '<<: *a', '#', '"', "'", '|', '>', '%YAML 1.2', '---', '...', '? ', '\n  ', '\u00a0', '\ufeff'];

/** Templates that stress the parser itself: alias bombs, deep nesting, huge keys, cycles. */
function generated(rng: Random): string {
  switch (rng.int(6)) {
    case 0: {
      const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
      for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
      return `${lines.join('\n')}\nResources: { F: { Type: AWS::Serverless::Function, Properties: { Handler: *l } } }\n`;
    }
    case 1:
      return `Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    case 2:
      return `{"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": ${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}}}`;
    case 3:
      return `Parameters:\n  P: {Type: String, Default: !Ref Q}\n  Q: {Type: String, Default: !Ref P}\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: !Ref P, CodeUri: !Sub '\${P}/\${Q}', Runtime: nodejs20.x}\n`;
    case 4:
      return `Resources:\n  ${'F'.repeat(100_000)}:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: a.b, CodeUri: ../../../../../../../../etc, Runtime: nodejs20.x, Layers: [../outside, /etc]}\n`;
    default:
      return `Globals: {Function: {Environment: {Variables: !GetAtt F.Arn}}}\nConditions: {C: !Equals [!Condition C, true]}\nResources:\n  F: {Type: AWS::Serverless::Function, Condition: C, Properties: {Handler: !GetAtt F.Arn, CodeUri: !Ref F, Runtime: !Ref AWS::Region, Events: {E: {Type: SQS, Properties: {Queue: !GetAtt F.Arn}}}}}\n`;
  }
}

/** A random edit of `text`: break syntax, or swap a scalar for a hostile value. */
function mutate(rng: Random, text: string): string {
  const lines = text.split('\n');
  for (let n = 1 + rng.int(3); n > 0; n--) {
    const i = rng.int(lines.length);
    const line = lines[i] ?? '';
    switch (rng.int(6)) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        lines.splice(i, 0, line);
        break;
      case 2: {
        const at = rng.int(line.length + 1);
        lines[i] = line.slice(0, at) + rng.pick(FRAGMENTS) + line.slice(at);
        break;
      }
      case 3:
        lines[i] = (rng.next() < 0.5 ? '  ' : '') + line.replace(/^ {1,2}/, '');
        break;
      default:
        lines[i] = line.includes(': ') ? `${line.slice(0, line.indexOf(': ') + 2)}${rng.pick(HOSTILE)}` : `${line} ${rng.pick(HOSTILE)}`;
    }
  }
  return lines.join('\n');
}

const [seedArg, countArg, workspace, ...bases] = process.argv.slice(2) as [string, string, string, ...string[]];
const rng = seededRandom(Number(seedArg));
const texts = bases.map((b) => fs.readFileSync(b, 'utf8'));
const file = path.join(workspace, 'template.yaml');
for (let i = 0; i < Number(countArg); i++) {
  const text = rng.next() < 0.1 ? generated(rng) : mutate(rng, rng.pick(texts));
  // FUZZ_DUMP=<case> writes that case's template next to the workspace, to reproduce a finding.
  if (process.env.FUZZ_DUMP === String(i)) fs.writeFileSync(path.join(workspace, '..', `case-${i}.yaml`), text);
  try {
    const project = analyzeTemplate(text, file, { partition: defaultPartition });
    const broken = project.problems.find((p) => !(p.range.start.line >= 0 && p.range.start.character >= 0 && typeof p.message === 'string' && p.message.length > 0));
    process.stdout.write(broken ? `bad ${i} a problem without a place or message: ${JSON.stringify(broken).slice(0, 200)}\n` : `ok ${i} ${project.problems.length}\n`);
  } catch (e) {
    process.stdout.write(`bad ${i} threw ${String((e as Error)?.stack ?? e).split('\n').slice(0, 3).join(' | ')}\n`);
  }
}
