// A CDK app as cdk.json describes it: where it lives, how it is run, where it writes its cloud assembly,
// and which of its files are sources (cdk.json's `watch` include/exclude globs, as `cdk watch` reads them).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A CDK app folder (the one holding cdk.json). */
export interface CdkApp {
  readonly dir: string;
  readonly configFile: string;
  /** The `app` command of cdk.json, when it has one. */
  readonly appCommand: string | undefined;
  /** The cloud assembly folder (cdk.json's `output`, default `cdk.out`), absolute. */
  readonly outputDir: string;
  /** cdk.json `watch.include` globs (default everything). */
  readonly include: readonly string[];
  /** cdk.json `watch.exclude` globs, plus what is never a source (the assembly, node_modules, dot folders). */
  readonly exclude: readonly string[];
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The CDK app of `dir` (its cdk.json), or undefined when there is none or it cannot be read. */
export async function cdkAppOf(dir: string): Promise<CdkApp | undefined> {
  const configFile = path.join(path.resolve(dir), 'cdk.json');
  let config: Record<string, unknown>;
  try {
    config = asRecord(JSON.parse(await fs.promises.readFile(configFile, 'utf8')));
  } catch {
    return undefined;
  }
  const watch = asRecord(config['watch']);
  const output = typeof config['output'] === 'string' ? config['output'] : 'cdk.out';
  const include = strings(watch['include']);
  return {
    dir: path.dirname(configFile),
    configFile,
    appCommand: typeof config['app'] === 'string' ? config['app'] : undefined,
    outputDir: path.resolve(path.dirname(configFile), output),
    include: include.length ? include : ['**'],
    exclude: [...strings(watch['exclude']), output, `${output}/**`, 'node_modules', '**/node_modules/**', '.*', '**/.*', '**/.*/**'],
  };
}

/** The app whose cloud assembly holds `manifestPath` (cdk.json beside the assembly folder), if any. */
export async function cdkAppForAssembly(manifestPath: string): Promise<CdkApp | undefined> {
  const assemblyDir = path.dirname(path.resolve(manifestPath));
  // A cdk.Stage's nested assembly sits one level deeper (cdk.out/assembly-Stage/manifest.json).
  for (const candidate of [path.dirname(assemblyDir), path.dirname(path.dirname(assemblyDir))]) {
    const app = await cdkAppOf(candidate);
    if (app && (app.outputDir === assemblyDir || assemblyDir.startsWith(app.outputDir + path.sep))) return app;
  }
  return undefined;
}

/** True when `file` (absolute) is one of the app's sources by its watch globs. */
export function isAppSource(app: CdkApp, file: string): boolean {
  const rel = path.relative(app.dir, file).split(path.sep).join('/');
  if (!rel || rel.startsWith('..')) return false;
  if (app.exclude.some((g) => globMatch(g, rel))) return false;
  return app.include.some((g) => globMatch(g, rel));
}

/** Matches a relative POSIX path against a glob (`**`, `*`, `?`); a pattern without a slash matches at any depth, as cdk watch does. */
export function globMatch(glob: string, rel: string): boolean {
  const pattern = glob.replace(/^\.\//, '').replace(/\/$/, '');
  if (pattern === '**' || pattern === '*') return true;
  const re = globRegExp(pattern.includes('/') ? pattern : `**/${pattern}`);
  // A pattern naming a folder covers what is inside it.
  return re.test(rel) || rel.split('/').some((_, i, parts) => re.test(parts.slice(0, i + 1).join('/')));
}

const cache = new Map<string, RegExp>();
function globRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches zero or more folders; a trailing `**` anything.
      if (glob[i + 2] === '/') {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  re = new RegExp(`^${out}$`);
  cache.set(glob, re);
  return re;
}
