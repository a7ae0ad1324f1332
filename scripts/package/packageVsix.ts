// `npm run package`: the .vsix for this platform. Everything is bundled by `npm run build`; esbuild (which
// SAM TypeScript builds run at runtime) is staged beside the bundles with its platform binary, which
// makes the package platform-specific (`--target`). .vscodeignore decides what ships.
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/** VS Code's target name for this machine (`linux-x64`, `darwin-arm64`, `win32-x64`...). */
export function vsceTarget(platform = process.platform, arch = process.arch): string {
  return `${platform}-${arch}`;
}

/** Copies esbuild's JS API and this platform's binary package into dist/node_modules. */
export function stageEsbuild(): void {
  const staged = path.join(root, 'dist', 'node_modules');
  fs.rmSync(staged, { recursive: true, force: true });
  const api = path.dirname(require.resolve('esbuild/package.json', { paths: [root] }));
  const platformPkg = `@esbuild/${process.platform}-${process.arch}`;
  const binary = path.dirname(require.resolve(`${platformPkg}/package.json`, { paths: [api] }));
  fs.cpSync(api, path.join(staged, 'esbuild'), { recursive: true });
  fs.cpSync(binary, path.join(staged, ...platformPkg.split('/')), { recursive: true });
}

/** Builds the .vsix; resolves with its path. `quiet` hides vsce's file tree (tests). */
export async function packageVsix(out?: string, quiet = false): Promise<string> {
  for (const f of ['extension.js', 'languageServer.js', 'debugAdapter.js', 'runtime/nodeBootstrap.js']) {
    if (!fs.existsSync(path.join(root, 'dist', f))) throw new Error(`dist/${f} is missing: run npm run build first.`);
  }
  stageEsbuild();
  const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const target = vsceTarget();
  const packagePath = out ?? path.join(root, `lambda-workbench-${target}-${version}.vsix`);
  // Loaded here so `npm test` pays for vsce only when packaging.
  const { createVSIX } = (await import('@vscode/vsce')) as { createVSIX: (o: Record<string, unknown>) => Promise<unknown> };
  const log = console.log;
  if (quiet) console.log = () => undefined;
  try {
    await createVSIX({ cwd: root, packagePath, target, dependencies: false, allowMissingRepository: true, rewriteRelativeLinks: false, skipLicense: true });
  } finally {
    console.log = log;
  }
  return packagePath;
}

if (require.main === module) {
  packageVsix(process.argv[2]).then(
    (file) => console.log(`${path.relative(process.cwd(), file)} (${(fs.statSync(file).size / 1024 / 1024).toFixed(2)} MB)`),
    (e: unknown) => {
      console.error(`Packaging failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
