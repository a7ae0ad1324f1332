// What a deploy uploads: one zip per function (its built folder, a single file, or its own .zip) and
// per layer, by logical id, taken from the functions as the engine runs them (after their build).
import * as fs from 'node:fs';
import { WorkbenchError } from '../errors';
import type { FunctionConfig } from '../functionConfig';
import type { FunctionSpec } from '../project/functionSpec';
import { zipDirectory, zipFile } from '../project/zipWriter';

/** One thing to package: a folder, a single file, or a ready .zip. */
export interface Artifact {
  readonly logicalId: string;
  readonly kind: 'function' | 'layer';
  readonly dir?: string;
  readonly file?: string;
  readonly zip?: string;
}

/** A template function as it runs here: its spec and the configuration (built code folder, layers). */
export interface DeployableFunction {
  readonly spec: FunctionSpec;
  readonly config: FunctionConfig;
}

/** The artifacts of the template's functions and their layers (inline code needs none). */
export function collectArtifacts(functions: readonly DeployableFunction[]): Artifact[] {
  const out = new Map<string, Artifact>();
  for (const { spec, config } of functions) {
    const source = spec.codeSource;
    if (source?.kind === 'image') {
      throw new WorkbenchError(`${spec.logicalId} is a container image function: this deploy uploads zips to S3 only. Push its image to ECR and deploy with \`sam deploy\`.`, 'ImageFunction');
    }
    if (source?.kind === 'zip') out.set(spec.logicalId, { logicalId: spec.logicalId, kind: 'function', zip: source.file });
    else if (source?.kind !== 'inline') {
      const built = config.codeDir !== spec.codeDir;
      out.set(spec.logicalId, spec.codeFile && !built ? { logicalId: spec.logicalId, kind: 'function', file: spec.codeFile } : { logicalId: spec.logicalId, kind: 'function', dir: config.codeDir });
    }
    spec.layers.forEach((layer, i) => {
      if (out.has(layer.logicalId)) return;
      out.set(layer.logicalId, layer.source ? { logicalId: layer.logicalId, kind: 'layer', zip: layer.source.file } : { logicalId: layer.logicalId, kind: 'layer', dir: config.layers[i]?.contentDir ?? layer.contentDir });
    });
  }
  return [...out.values()];
}

/** The bytes of an artifact's zip. */
export function artifactZip(a: Artifact): Buffer {
  if (a.zip) return fs.readFileSync(a.zip);
  if (a.file) return zipFile(a.file);
  if (a.dir && fs.existsSync(a.dir)) return zipDirectory(a.dir);
  throw new WorkbenchError(`The code of ${a.logicalId} is not there (${a.dir ?? a.file ?? '?'}). Build it first: lambda-workbench build ${a.logicalId}.`, 'ArtifactMissing');
}
