// Installs the pinned code-server (VS Code 1.103.2, the first on npm with the MCP and language-model tool APIs) the end-to-end tests run in, into a cache directory
// outside the project's node_modules; offline-safe for ripgrep (machine-notes "A real VS Code").
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnGroup } from './processes';

export const CODE_SERVER_VERSION = '4.103.2';
// What its @vscode/ripgrep (1.15.14) looks for in its download cache.
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-13-x86_64-unknown-linux-musl.tar.gz';
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.14';

/** Where the harness keeps code-server: `$LAMBDA_WORKBENCH_CACHE`, else `~/.cache/lambda-workbench` (outside the repo, so vsce never walks it). */
export function cacheRoot(): string {
  return process.env.LAMBDA_WORKBENCH_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'lambda-workbench');
}

/** The code-server entry script, installing it first when missing. */
export function ensureCodeServer(log: (m: string) => void = () => undefined): string {
  const prefix = path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
  const bin = path.join(prefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (fs.existsSync(bin) && fs.existsSync(path.join(prefix, 'installed'))) return bin;
  log(`Installing code-server@${CODE_SERVER_VERSION} into ${prefix} (once, ~1 minute)...`);
  fs.mkdirSync(prefix, { recursive: true });
  // @vscode/ripgrep downloads a binary unless its cache already holds this tarball: give it the system rg.
  const tmp = path.join(prefix, 'tmp');
  const rgCache = path.join(tmp, RIPGREP_CACHE);
  fs.mkdirSync(rgCache, { recursive: true });
  const rg = findOnPath('rg');
  if (!rg) throw new Error('ripgrep (rg) is not installed: apt-get install -y ripgrep');
  const stage = fs.mkdtempSync(path.join(tmp, 'rg-'));
  fs.copyFileSync(rg, path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  execFileSync('tar', ['czf', path.join(rgCache, RIPGREP_TARBALL), '-C', stage, 'rg']);
  fs.writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ name: 'lambda-workbench-code-server', private: true }));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', prefix, `code-server@${CODE_SERVER_VERSION}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
    // code-server 4.103 asks for Node 22; its postinstall accepts the running Node when told (FORCE_NODE_VERSION)
    // and builds its native modules for it. The extension host runs fine on Node 20 (the e2e suite proves it).
    env: { ...process.env, TMPDIR: tmp, npm_config_unsafe_perm: 'true', npm_config_yes: 'true', FORCE_NODE_VERSION: process.versions.node.split('.')[0] },
  });
  if (r.status !== 0 || !fs.existsSync(bin)) throw new Error(`Installing code-server@${CODE_SERVER_VERSION} failed (npm exit ${r.status}). See the npm output above.`);
  fs.writeFileSync(path.join(prefix, 'installed'), new Date().toISOString());
  return bin;
}

/** The first executable called `name` on PATH. */
export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}


/** A running code-server. */
export interface CodeServer {
  readonly process: import('node:child_process').ChildProcess;
  readonly url: string;
  /** Resolves when the extension host process exits (the test run is over, results or not). */
  readonly extensionHostExited: Promise<string>;
}

/** Starts code-server on a free loopback port with auth, telemetry and update checks off. */
export async function startCodeServer(bin: string, dirs: { readonly userData: string; readonly extensions: string; readonly home: string; readonly workspace: string }, env: NodeJS.ProcessEnv, logFile: string): Promise<CodeServer> {
  const port = await freePort();
  const config = path.join(dirs.home, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [bin, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', dirs.workspace];
  const xdg = { XDG_CONFIG_HOME: path.join(dirs.home, 'config'), XDG_DATA_HOME: path.join(dirs.home, 'data'), XDG_CACHE_HOME: path.join(dirs.home, 'cache') };
  const child = spawnGroup(process.execPath, args, { env: { ...env, ...xdg }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = fs.createWriteStream(logFile);
  let text = '';
  let onExit: (line: string) => void = () => undefined;
  const extensionHostExited = new Promise<string>((resolve) => (onExit = resolve));
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer): void => {
      log.write(d);
      text += d.toString();
      if (text.includes('HTTP server listening on')) resolve();
      const m = /Extension Host Process exited with code: \d+[^\n]*/.exec(text);
      if (m) onExit(m[0]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`code-server exited (${code}) before listening:\n${text.slice(-2000)}`)));
  });
  await listening;
  return { process: child, url: `http://127.0.0.1:${port}`, extensionHostExited };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

if (require.main === module) console.log(ensureCodeServer(console.log));
