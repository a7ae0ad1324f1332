// The crash-safety workspace: a SAM template with one Node.js function that records every event it runs
// (by id, in a file outside the engine's state) and writes long log lines, plus the code edits publishes need.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const FUNCTION = 'crash-fn';
/** Length of the filler in each handler log line (a torn line would be shorter). */
export const FILLER = 300;

/** Writes template.yaml and src/app.js into `dir`; returns the template path. */
export function writeCrashWorkspace(dir: string): string {
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeHandler(dir, 0);
  const template = path.join(dir, 'template.yaml');
  fs.writeFileSync(
    template,
    [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  CrashFn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      `      FunctionName: ${FUNCTION}`,
      '      CodeUri: src/',
      '      Handler: app.handler',
      '      Runtime: nodejs20.x',
      '      Timeout: 5',
      '      Environment:',
      '        Variables:',
      `          RAN_FILE: ${JSON.stringify(ranFile(dir))}`,
      '',
    ].join('\n'),
  );
  return template;
}

/** The file the handler appends `<id>\n` to for every event it runs. */
export const ranFile = (dir: string): string => path.join(dir, 'ran.log');

/** Rewrites the handler with a new build number (a code change, so the next publish is a new version). */
export function writeHandler(dir: string, build: number): void {
  // Atomically, as an editor saves: a runtime starting mid-write must never load half a file.
  const file = path.join(dir, 'src', 'app.js');
  fs.writeFileSync(
    `${file}.tmp`,
    [
      `const BUILD = ${build};`,
      "const fs = require('fs');",
      'exports.handler = async (event) => {',
      "  if (event.id !== undefined) fs.appendFileSync(process.env.RAN_FILE, `${event.id}\\n`);",
      `  for (let i = 0; i < 3; i++) console.log('LINE', String(event.id), i, '${'x'.repeat(FILLER)}');`,
      '  return { build: BUILD, id: event.id };',
      '};',
      '',
    ].join('\n'),
  );
  fs.renameSync(`${file}.tmp`, file);
}

/** Ids of the events the handler ran (a line torn by a kill is ignored). */
export function ranIds(dir: string): Set<string> {
  let text = '';
  try {
    text = fs.readFileSync(ranFile(dir), 'utf8');
  } catch {
    return new Set();
  }
  const lines = text.split('\n');
  lines.pop();
  return new Set(lines.filter((l) => /^e\d+$/.test(l)));
}

/** Whether a log message of this function is whole: a handler line with its full filler, or a platform line. */
export function isWholeLogLine(message: string): boolean {
  if (message.includes('\tLINE ')) return new RegExp(`\\tINFO\\tLINE \\S+ \\d ${'x'.repeat(FILLER)}\\n$`).test(message);
  return /^(INIT_START|START|END|REPORT|INIT_REPORT) .*\n$/.test(message) || /\n$/.test(message);
}
