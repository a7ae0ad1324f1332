// The engine's esbuild, offered to a CDK synth on PATH so NodejsFunction bundles locally instead of
// trying Docker (CDK runs `esbuild --version`, then `esbuild --bundle ...`, when the app has none of its
// own). The shim adds a linked source map to CDK's bundles when CDK asked for none, so breakpoints bind
// in the TypeScript sources (the bundle only gains its sourceMappingURL line).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The native esbuild binary the engine ships (its platform package), or undefined when missing. */
export function engineEsbuildBinary(): string | undefined {
  const candidates = [`@esbuild/${process.platform}-${process.arch}/bin/esbuild`, 'esbuild/bin/esbuild'];
  for (const c of candidates) {
    try {
      return require.resolve(c);
    } catch {
      // Try the next layout.
    }
  }
  return undefined;
}

/** The engine esbuild's version (`esbuild/package.json` or its platform package's), if found. */
function esbuildVersion(binary: string): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(path.dirname(binary)), 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A folder (under the cache root) holding an `esbuild` executable that runs the engine's esbuild; undefined without one. */
export function esbuildShimDir(cacheRoot: string): { dir: string; version: string } | undefined {
  const binary = engineEsbuildBinary();
  if (!binary) return undefined;
  const version = esbuildVersion(binary);
  const dir = path.join(cacheRoot, 'cdk-esbuild', version);
  const shim = path.join(dir, 'esbuild');
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = [
    '#!/bin/sh',
    '# Written by Lambda Workbench: the engine\'s esbuild for CDK NodejsFunction bundling.',
    `bin=${q(binary)}`,
    'case " $* " in',
    '  *" --bundle "*)',
    '    case " $* " in *" --sourcemap"*) ;; *) exec "$bin" "$@" --sourcemap ;; esac ;;',
    'esac',
    'exec "$bin" "$@"',
    '',
  ].join('\n');
  let current: string | undefined;
  try {
    current = fs.readFileSync(shim, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== script) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${shim}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script, { mode: 0o755 });
    fs.renameSync(tmp, shim);
  }
  return { dir, version };
}
