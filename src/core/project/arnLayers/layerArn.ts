// Layer version ARNs (`arn:aws:lambda:us-east-1:123456789012:layer:name:7`) and where the engine caches
// the content of one: `<cache>/layers/<region>/<account>/<name>/<version>`, with a marker once complete.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface LayerArn {
  readonly arn: string;
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly name: string;
  readonly version: number;
}

const LAYER_VERSION_ARN = /^arn:(aws[a-zA-Z-]*):lambda:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d):(\d{12}):layer:([a-zA-Z0-9-_]+):(\d+)$/;

/** Parses a layer version ARN; undefined for anything else (an unversioned ARN cannot be fetched). */
export function parseLayerArn(arn: string): LayerArn | undefined {
  const m = LAYER_VERSION_ARN.exec(arn);
  if (!m) return undefined;
  return { arn, partition: m[1]!, region: m[2]!, account: m[3]!, name: m[4]!, version: Number(m[5]) };
}

/** The folder that is this layer's /opt once fetched. */
export function layerCacheDir(cacheRoot: string, layer: LayerArn): string {
  return path.join(cacheRoot, 'layers', layer.region, layer.account, layer.name, String(layer.version));
}

/** Written beside the folder when its content is complete: what it came from. */
export function layerMarker(dir: string): string {
  return `${dir}.json`;
}

/** The cached content folder of `arn`, when a complete copy exists. */
export function cachedLayerDir(cacheRoot: string, arn: string): string | undefined {
  const layer = parseLayerArn(arn);
  if (!layer) return undefined;
  const dir = layerCacheDir(cacheRoot, layer);
  return fs.existsSync(layerMarker(dir)) && fs.existsSync(dir) ? dir : undefined;
}
