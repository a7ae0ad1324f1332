// Temporary workspaces for project-loader tests: a template plus code files on a real disk.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Partition } from '../../../src/core/arn';
import { analyzeTemplate } from '../../../src/core/project/analyzeTemplate';
import type { Problem, Project } from '../../../src/core/project/functionSpec';

export const partition: Partition = { region: 'eu-west-1', accountId: '111122223333' };

const created: string[] = [];

/** Creates a directory with `files` (path -> content; a `#!` content is made executable). */
export function makeWorkspace(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-project-'));
  created.push(dir);
  for (const [rel, content] of Object.entries(files)) writeFile(dir, rel, content);
  return dir;
}

/** Writes one file, creating its directories. */
export function writeFile(dir: string, rel: string, content: string): string {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  if (content.startsWith('#!')) fs.chmodSync(p, 0o755);
  return p;
}

/** Removes every workspace made so far. */
export function removeWorkspaces(): void {
  for (const d of created.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Analyzes `template` as `template.yaml` in a new workspace holding `files`. */
export function analyze(template: string, files: Record<string, string> = {}, overrides?: Record<string, string>): Project {
  const dir = makeWorkspace(files);
  const file = writeFile(dir, 'template.yaml', template);
  return analyzeTemplate(template, file, { partition, ...(overrides ? { parameterOverrides: overrides } : {}) });
}

/** Problems with a given code. */
export function problemsOf(project: Project, code: string): Problem[] {
  return project.problems.filter((p) => p.code === code);
}

/** `line:char-line:char` (zero-based), for compact range assertions. */
export function at(p: { range: Problem['range'] } | undefined): string {
  if (!p) return 'none';
  const r = p.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** The zero-based range of the first occurrence of `needle` at or after line `fromLine` of `text`. */
export function find(text: string, needle: string, fromLine = 0): string {
  const lines = text.split('\n');
  for (let i = fromLine; i < lines.length; i++) {
    const c = lines[i]!.indexOf(needle);
    if (c >= 0) return `${i}:${c}-${i}:${c + needle.length}`;
  }
  throw new Error(`${needle} not found`);
}

/** A minimal SAM function template around extra property lines (indented 6 spaces). */
export function samFunction(props: string, extra = ''): string {
  return `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src
      Handler: index.handler
      Runtime: nodejs22.x
${props}${extra}`;
}

export const nodeHandler = { 'src/index.js': 'exports.handler = async () => 1;\n' };
