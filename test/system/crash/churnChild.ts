// Child process for the crash-safety test: an engine that keeps changing code and publishing, moving an
// alias, tagging and granting, printing one line per committed change, until it is killed.
// Usage: node --import tsx churnChild.ts <workspace> <keyFile> <firstIteration>
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Emulator } from '../../../src/core/emulator';

const [dir, keyFile, first] = process.argv.slice(2) as [string, string, string];

async function main(): Promise<void> {
  const engine = new Emulator({ workspaceDir: dir, api: false, functions: { keyFile } });
  const templatePath = path.join(dir, 'template.yaml');
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  for (let i = Number(first); ; i++) {
    fs.writeFileSync(path.join(dir, 'fn', 'index.js'), `exports.handler = async () => ({ tag: ${i} });\n`);
    fs.writeFileSync(path.join(dir, 'fn', 'data', `blob-${i % 5}.bin`), randomBytes(256 * 1024));
    await engine.loadTemplate({ templatePath });
    const v = await engine.functions.versions.publish('fn');
    say(`published ${String(v.Version)}`);
    await engine.functions.aliases.point('fn', 'live', String(v.Version));
    say('aliased');
    await engine.functions.tags.tag('arn:aws:lambda:us-east-1:123456789012:function:fn', { iteration: String(i) });
    say('tagged');
    await engine.functions.policies.add('fn', undefined, { StatementId: `s${i}`, Action: 'lambda:InvokeFunction', Principal: '*' });
    say('granted');
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
