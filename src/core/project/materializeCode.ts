// Writes code that is not a plain directory into its generated directory under the state directory:
// a .zip CodeUri unpacked, InlineCode / Code.ZipFile as index.js or index.py, an image's task root.
// A stamp beside each directory records what it was made from, so unchanged code is not redone.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildImageCode, imageInputsKey } from './image/imageBuild';
import { messageOf } from '../errors';
import { extractZip } from './zipReader';
import type { CodeSource } from './codeLocation';
import type { FunctionSpec, LayerSpec } from './functionSpec';
import type { ImagePlan } from './image/imageFunction';
import { cfnResponseModule } from './inlineHelpers';

/** What materializing one function reports: a line of progress output. */
export type MaterializeOutput = (line: string) => void;

/** Materializes `spec.codeSource` into `spec.codeDir` unless its stamp says it is current. Throws with a message that says what to do. */
export async function materializeCode(spec: FunctionSpec, output?: MaterializeOutput, signal?: AbortSignal): Promise<void> {
  if (spec.codeSource) await materialize(spec.codeSource, spec.codeDir, spec.image, output, signal);
}

/** Unpacks a layer whose content is a .zip into its content directory. */
export async function materializeLayer(layer: LayerSpec): Promise<void> {
  if (layer.source) await materialize(layer.source, layer.contentDir, undefined);
}

async function materialize(source: CodeSource, dir: string, image: ImagePlan | undefined, output?: MaterializeOutput, signal?: AbortSignal): Promise<void> {
  const key = source.kind === 'zip' ? zipKey(source.file) : source.kind === 'inline' ? sha(`${source.fileName}\0${source.text}`) : image ? await imageInputsKey(image) : '';
  const stamp = `${dir}.source.json`;
  if (readStamp(stamp) === key && fs.existsSync(dir)) return;
  await fs.promises.mkdir(path.dirname(dir), { recursive: true, mode: 0o700 });
  const staging = `${dir}.tmp-${process.pid}`;
  await fs.promises.rm(staging, { recursive: true, force: true });
  await fs.promises.mkdir(staging, { recursive: true, mode: 0o700 });
  try {
    if (source.kind === 'zip') {
      try {
        extractZip(await fs.promises.readFile(source.file), staging);
      } catch (e) {
        throw new Error(`Cannot unpack ${source.file}: ${messageOf(e)}. Point it at a valid .zip or at a directory`, { cause: e });
      }
    } else if (source.kind === 'inline') {
      await fs.promises.writeFile(path.join(staging, source.fileName), source.text);
      // CloudFormation puts its cfn-response helper beside ZipFile code for Node.js and Python.
      const helper = cfnResponseModule(source.fileName);
      await fs.promises.mkdir(path.dirname(path.join(staging, helper.name)), { recursive: true });
      await fs.promises.writeFile(path.join(staging, helper.name), helper.text);
    } else if (image) {
      output?.(`Building the image of ${path.basename(dir)} from ${image.dockerfile} without Docker (cached until its context changes)`);
      await buildImageCode(image, staging, output, signal);
    }
    await fs.promises.rm(dir, { recursive: true, force: true });
    await fs.promises.rename(staging, dir);
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
