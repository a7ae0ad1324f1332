// SAM's `Metadata: BuildMethod: esbuild` done locally with the esbuild API: one incremental context per
// function, source maps whose sources resolve to the workspace files so breakpoints bind in the .ts sources.
import { context, type BuildContext, type BuildOptions, type Format } from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { WorkbenchError } from '../errors';
import type { FunctionSpec } from './functionSpec';

interface Entry {
  readonly key: string;
  readonly ctx: BuildContext;
}

const contexts = new Map<string, Entry>();

/** Whether the function declares a SAM esbuild build (`Metadata.BuildMethod: esbuild`). */
export function needsEsbuild(spec: Pick<FunctionSpec, 'metadata'>): boolean {
  return spec.metadata?.['BuildMethod'] === 'esbuild';
}

/** The esbuild options SAM's BuildProperties translate to, for a function and an output directory. */
export function esbuildOptions(spec: FunctionSpec, outDir: string): BuildOptions {
  const props = record(spec.metadata?.['BuildProperties']);
  const entryPoints = list(props['EntryPoints']);
  if (entryPoints.length === 0) {
    throw new WorkbenchError(`${spec.logicalId}: Metadata.BuildProperties.EntryPoints must list at least one file`, 'BuildConfig');
  }
  const format = (props['Format'] === 'esm' ? 'esm' : 'cjs') as Format;
  const target = list(props['Target']);
  return {
    absWorkingDir: spec.codeDir,
    entryPoints: entryPoints.map((e) => path.resolve(spec.codeDir, e)),
    outdir: path.resolve(outDir),
    bundle: true,
    platform: 'node',
    format,
    target: target.length > 0 ? target : [`node${/^nodejs(\d+)/.exec(spec.runtime)?.[1] ?? '20'}`],
    // Always linked maps: the debugger needs them even when the template's Sourcemap is false.
    sourcemap: 'linked',
    sourcesContent: true,
    minify: bool(props['Minify']),
    keepNames: bool(props['KeepNames']),
    external: externalsFor(spec, props['External']),
    ...(props['MainFields'] !== undefined ? { mainFields: list(props['MainFields']) } : {}),
    outExtension: pairs(props['OutExtension']),
    loader: pairs(props['Loader']) as BuildOptions['loader'],
    banner: pairs(props['Banner'], false),
    footer: pairs(props['Footer'], false),
    logLevel: 'silent',
    write: true,
  };
}

/** Bundles an esbuild function into `outDir` (reusing its incremental context) and returns the code directory to run. */
export async function buildFunction(spec: FunctionSpec, outDir: string, extra: Pick<BuildOptions, 'nodePaths'> = {}): Promise<string> {
  // nodePaths: where the build step installed the function's dependencies (never the workspace).
  const options = { ...esbuildOptions(spec, outDir), ...extra };
  const id = `${spec.logicalId}\0${path.resolve(outDir)}`;
  const key = JSON.stringify(options);
  let entry = contexts.get(id);
  if (entry && entry.key !== key) {
    contexts.delete(id);
    await entry.ctx.dispose();
    entry = undefined;
  }
  if (!entry) {
    entry = { key, ctx: await context(options).catch((e: unknown) => { throw buildError(spec, e); }) };
    contexts.set(id, entry);
  }
  try {
    await entry.ctx.rebuild();
  } catch (e) {
    throw buildError(spec, e);
  }
  return path.resolve(outDir);
}

/** Disposes every esbuild context (call on shutdown; it also lets the esbuild service exit). */
export async function disposeBuilds(): Promise<void> {
  const all = [...contexts.values()];
  contexts.clear();
  await Promise.all(all.map((e) => e.ctx.dispose()));
}

function buildError(spec: FunctionSpec, e: unknown): WorkbenchError {
  const errors = (e as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors;
  const lines = errors?.length
    ? errors.map((m) => (m.location ? `${path.resolve(spec.codeDir, m.location.file)}:${m.location.line}:${m.location.column + 1}: ${m.text}` : m.text))
    : [e instanceof Error ? e.message : String(e)];
  return new WorkbenchError(`esbuild failed for ${spec.logicalId}:\n${lines.join('\n')}`, 'BuildFailed');
}

/**
 * The template's `External`, plus `@aws-sdk/*` on nodejs18.x+ (as SAM's esbuild builds do when External is
 * not given, and also when the function does not install the SDK itself): the runtime provides it.
 */
function externalsFor(spec: FunctionSpec, given: unknown): string[] {
  const external = list(given);
  const major = Number(/^nodejs(\d+)\.x$/.exec(spec.runtime)?.[1]);
  if (!(major >= 18) || external.some((e) => e === '@aws-sdk/*' || e === '@aws-sdk')) return external;
  if (given === undefined || !fs.existsSync(path.join(spec.codeDir, 'node_modules', '@aws-sdk'))) external.push('@aws-sdk/*');
  return external;
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

// SAM accepts lists or comma-separated strings.
function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}

function bool(v: unknown): boolean {
  return v === true || v === 'true';
}

// `['.js=.mjs']`, `'.js=.mjs'` or `{'.js': '.mjs'}` into a map; banners may contain commas, so no splitting there.
function pairs(v: unknown, splitCommas = true): Record<string, string> {
  if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
  const out: Record<string, string> = {};
  for (const item of splitCommas || typeof v !== 'string' ? list(v) : [v]) {
    const eq = item.indexOf('=');
    if (eq > 0) out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}
