// Writes code that is not a plain directory into its generated directory under the state directory:
// a .zip CodeUri unpacked, InlineCode / Code.ZipFile as index.js or index.py, an image's task root.
// A stamp beside each directory records what it was made from, so unchanged code is not redone.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildImageCode, imageInputsKey } from '../build/imageBuild';
import { messageOf } from '../errors';
import { extractZip } from '../functions/zipReader';
import type { FunctionSpec } from './functionSpec';
import { cfnResponseModule } from './inlineHelpers';

/** What materializing one function reports: a line of progress output. */
export type MaterializeOutput = (line: string) => void;

/** Materializes `spec.codeSource` into `spec.codeDir` unless its stamp says it is current. Throws with a message that says what to do. */
export async function materializeCode(spec: FunctionSpec, output?: MaterializeOutput, signal?: AbortSignal): Promise<void> {
  const source = spec.codeSource;
  if (!source) return;
  const key = source.kind === 'zip' ? zipKey(source.file) : source.kind === 'inline' ? sha(`${source.fileName}\0${source.text}`) : spec.image ? await imageInputsKey(spec.image) : '';
  const stamp = `${spec.codeDir}.source.json`;
  if (readStamp(stamp) === key && fs.existsSync(spec.codeDir)) return;
  const staging = `${spec.codeDir}.tmp-${process.pid}`;
  await fs.promises.rm(staging, { recursive: true, force: true });
  await fs.promises.mkdir(staging, { recursive: true, mode: 0o700 });
  try {
    if (source.kind === 'zip') {
      try {
        extractZip(await fs.promises.readFile(source.file), staging);
      } catch (e) {
        throw new Error(`Cannot unpack ${source.file}: ${messageOf(e)}. Point CodeUri at a valid .zip or at a directory`);
      }
    } else if (source.kind === 'inline') {
      await fs.promises.writeFile(path.join(staging, source.fileName), source.text);
      // CloudFormation puts its cfn-response helper beside ZipFile code for Node.js and Python.
      const helper = cfnResponseModule(source.fileName);
      await fs.promises.mkdir(path.dirname(path.join(staging, helper.name)), { recursive: true });
      await fs.promises.writeFile(path.join(staging, helper.name), helper.text);
    } else if (spec.image) {
      await buildImageCode(spec.image, staging, output, signal);
    }
    await fs.promises.rm(spec.codeDir, { recursive: true, force: true });
    await fs.promises.rename(staging, spec.codeDir);
    await fs.promises.writeFile(stamp, JSON.stringify({ key }));
  } catch (e) {
    await fs.promises.rm(staging, { recursive: true, force: true });
    throw e;
  }
}

function zipKey(file: string): string {
  const s = fs.statSync(file);
  return sha(`${file}\0${s.size}\0${s.mtimeMs}`);
}

function readStamp(file: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { key?: string }).key;
  } catch {
    return undefined;
  }
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
