// Makes layers that a template names by ARN available offline: AWS's public Powertools layers are rebuilt
// from npm / PyPI; any other layer is fetched once with the user's AWS credentials (GetLayerVersion, then
// its Content.Location) into the cache. Failures become a warning naming the layer; nothing is retried
// in the same session.
import { GetLayerVersionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { messageOf } from '../../errors';
import { extractZip } from '../../project/zipReader';
import { runInstaller } from '../../runtime/sdk/packageInstall';
import { withCacheLock } from '../../runtime/sdk/cacheLock';
import { layerCacheDir, layerMarker, parseLayerArn, type LayerArn } from '../../project/arnLayers/layerArn';
import { publicLayerRecipe } from './publicLayers';

export interface ArnLayerFetchOptions {
  readonly cacheRoot: string;
  /** The Lambda API endpoint to ask instead of AWS's (tests; users may also set AWS_ENDPOINT_URL_LAMBDA). */
  readonly endpoint?: string;
  /** Packages the functions using the layer import (for Powertools TypeScript: which @aws-lambda-powertools/*). */
  readonly imports?: readonly string[];
  readonly note: (message: string) => void;
  readonly signal?: AbortSignal;
}

const failed = new Set<string>();

/** Fetches `arn` into the cache unless a complete copy exists; resolves with the folder, or undefined. */
export async function fetchArnLayer(arn: string, options: ArnLayerFetchOptions): Promise<string | undefined> {
  const layer = parseLayerArn(arn);
  if (!layer) {
    options.note(`Layer ${arn} is not a layer version ARN (arn:aws:lambda:<region>:<account>:layer:<name>:<version>); the function runs without it.`);
    return undefined;
  }
  const dir = layerCacheDir(options.cacheRoot, layer);
  if (fs.existsSync(layerMarker(dir))) return dir;
  if (failed.has(arn)) return undefined;
  try {
    await withCacheLock(dir, async () => {
      if (fs.existsSync(layerMarker(dir))) return;
      const staging = `${dir}.partial`;
      fs.rmSync(staging, { recursive: true, force: true });
      fs.mkdirSync(staging, { recursive: true });
      const recipe = publicLayerRecipe(layer);
      const source = recipe ? await fromRegistry(layer, recipe, staging, options) : await fromAws(layer, staging, options);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(staging, dir);
      fs.writeFileSync(layerMarker(dir), JSON.stringify({ arn, source, fetchedAt: new Date().toISOString() }, null, 2));
    }, options.signal);
    return dir;
  } catch (e) {
    failed.add(arn);
    options.note(`Layer ${arn} is not available locally: ${messageOf(e)} The function runs without it.`);
    return undefined;
  }
}

async function fromRegistry(layer: LayerArn, recipe: NonNullable<ReturnType<typeof publicLayerRecipe>>, staging: string, options: ArnLayerFetchOptions): Promise<string> {
  if (recipe.installer === 'npm') {
    const root = path.join(staging, 'nodejs');
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'powertools-layer', private: true }));
    const wanted = [...new Set([...recipe.packages, ...(options.imports ?? []).filter((p) => p.startsWith('@aws-lambda-powertools/'))])];
    const specs = wanted.map((p) => `${p}@${recipe.range}`);
    options.note(`Layer ${layer.arn} is ${recipe.description}: installing ${specs.join(' ')} from npm (once) ...`);
    const r = await runInstaller(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--omit=dev', '--loglevel=error', ...specs], { cwd: root, ...(options.signal ? { signal: options.signal } : {}) });
    if (!r.ok) throw new Error(`${r.command} failed: ${r.output.split('\n').slice(-4).join(' ')}. Install it when the npm registry is reachable, or add the packages to the function's package.json.`);
    return `npm: ${specs.join(' ')}`;
  }
  const target = path.join(staging, 'python');
  options.note(`Layer ${layer.arn} is ${recipe.description}: installing ${recipe.packages.join(' ')} from PyPI (once) ...`);
  let last = '';
  for (const python of ['python3', 'python']) {
    const r = await runInstaller(python, ['-m', 'pip', 'install', '--quiet', '--no-input', '--target', target, ...recipe.packages], options.signal ? { signal: options.signal } : {});
    if (r.ok) return `pip: ${recipe.packages.join(' ')}`;
    last = r.output.split('\n').slice(-4).join(' ');
  }
  throw new Error(`pip could not install ${recipe.packages.join(' ')}: ${last}. Add it to the function's requirements.txt, or retry when PyPI is reachable.`);
}

// Without any credential source the SDK would end its chain on the EC2 metadata service, which costs
// seconds to time out on a laptop: say so at once instead.
function credentialsConfigured(): boolean {
  const env = process.env;
  if (env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return true;
  const home = os.homedir();
  return [env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials'), env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config')].some((f) => fs.existsSync(f));
}

async function fromAws(layer: LayerArn, staging: string, options: ArnLayerFetchOptions): Promise<string> {
  if (!credentialsConfigured()) {
    throw new Error('no AWS credentials were found to call GetLayerVersion (configure them with `aws configure` or AWS_PROFILE, then reload).');
  }
  options.note(`Fetching layer ${layer.arn} with your AWS credentials (GetLayerVersion, once) ...`);
  const client = new LambdaClient({
    region: layer.region,
    maxAttempts: 2,
    // Offline must fail in seconds, not hang the template load.
    requestHandler: { connectionTimeout: 5000, requestTimeout: 20000 },
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  let location: string | undefined;
  try {
    const out = await client.send(new GetLayerVersionCommand({ LayerName: `arn:${layer.partition}:lambda:${layer.region}:${layer.account}:layer:${layer.name}`, VersionNumber: layer.version }), options.signal ? { abortSignal: options.signal } : {});
    location = out.Content?.Location;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'CredentialsProviderError') throw new Error(`no AWS credentials were found to call GetLayerVersion (configure them with \`aws configure\` or AWS_PROFILE, then reload).`, { cause: e });
    throw new Error(`GetLayerVersion failed (${name}: ${messageOf(e)}).`, { cause: e });
  } finally {
    client.destroy();
  }
  if (!location) throw new Error('GetLayerVersion returned no Content.Location.');
  const response = await fetch(location, options.signal ? { signal: options.signal } : {});
  if (!response.ok) throw new Error(`downloading the layer content failed with HTTP ${response.status}.`);
  extractZip(Buffer.from(await response.arrayBuffer()), staging);
  return `GetLayerVersion ${layer.arn}`;
}
