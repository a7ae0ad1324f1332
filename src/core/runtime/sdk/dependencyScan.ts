// Finds runtime-SDK packages that a function's installed dependencies expect the runtime to bring: their
// required peerDependencies (amazon-qldb-driver-nodejs -> @aws-sdk/client-qldb) and @aws-sdk/* dependencies
// npm left out, so the SDK is installed before the first run rather than after an ImportModuleError.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NODE_SDK_SCOPES } from './sdkVersions';

interface Manifest {
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dependencies?: Record<string, string>;
}

// Keyed by node_modules folder and its mtime (npm rewrites the folder when it adds or removes packages).
const cache = new Map<string, { key: string; found: readonly string[] }>();

function manifestSdkNeeds(file: string): string[] {
  let m: Manifest;
  try {
    m = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return [];
  }
  const peers = Object.keys(m.peerDependencies ?? {}).filter((p) => !m.peerDependenciesMeta?.[p]?.optional);
  return [...peers, ...Object.keys(m.dependencies ?? {})].filter((p) => NODE_SDK_SCOPES.test(p));
}

function packageDirs(nodeModules: string): string[] {
  const out: string[] = [];
  let names: string[] = [];
  try {
    names = fs.readdirSync(nodeModules);
  } catch {
    return out;
  }
  for (const n of names) {
    if (n.startsWith('.')) continue;
    if (!n.startsWith('@')) out.push(path.join(nodeModules, n));
    // The SDK's own scopes bring no runtime-SDK needs of interest: they are the SDK.
    else if (n !== '@aws-sdk' && n !== '@smithy') {
      try {
        for (const s of fs.readdirSync(path.join(nodeModules, n))) out.push(path.join(nodeModules, n, s));
      } catch {
        // not a folder
      }
    }
  }
  return out;
}

/** SDK packages the top-level packages of `nodeModules` need from the runtime (absent ones included). */
export function scanDependencySdkNeeds(nodeModules: string): readonly string[] {
  let key: string;
  try {
    key = String(fs.statSync(nodeModules).mtimeMs);
  } catch {
    return [];
  }
  const hit = cache.get(nodeModules);
  if (hit?.key === key) return hit.found;
  const found = new Set<string>();
  for (const dir of packageDirs(nodeModules)) {
    for (const p of manifestSdkNeeds(path.join(dir, 'package.json'))) found.add(p);
  }
  const list = [...found].sort();
  cache.set(nodeModules, { key, found: list });
  return list;
}

/** The dependency-declared SDK needs of a function: its node_modules (up the tree, as Node resolves) and its layers'. */
export function dependencySdkNeeds(codeDir: string, layerDirs: readonly string[]): string[] {
  const found = new Set<string>();
  for (let d = codeDir; ; d = path.dirname(d)) {
    for (const p of scanDependencySdkNeeds(path.join(d, 'node_modules'))) found.add(p);
    if (path.dirname(d) === d) break;
  }
  for (const l of layerDirs) {
    for (const p of scanDependencySdkNeeds(path.join(l, 'nodejs', 'node_modules'))) found.add(p);
  }
  return [...found].sort();
}
