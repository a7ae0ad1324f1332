// `npm run package`: the .vsix holds only what ships (bundles, runtime bootstraps, esbuild for SAM
// TypeScript builds, assets), installs into code-server, and its staged esbuild works from there.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readEntryData, readZipEntries } from '../../src/core/project/zipReader';
import { ensureCodeServer } from '../../scripts/e2e/codeServer';
import { packageVsix, vsceTarget } from '../../scripts/package/packageVsix';

const root = path.join(__dirname, '..', '..');
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

describe('packaging', function () {
  this.timeout(300_000);
  let dir: string;
  let vsix: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-vsix-'));
    vsix = await packageVsix(path.join(dir, 'lambda-workbench.vsix'), true);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('contains only what ships', () => {
    const names = readZipEntries(fs.readFileSync(vsix)).map((e) => e.name).filter((n) => !n.endsWith('/')).sort();
    const python = fs.readdirSync(path.join(root, 'src', 'core', 'runtime', 'python')).filter((f) => f.endsWith('.py')).map((f) => `extension/dist/runtime/python/${f}`);
    const expected = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/readme.md',
      'extension/dist/extension.js',
      'extension/dist/languageServer.js',
      'extension/dist/debugAdapter.js',
      'extension/dist/logPanel.js',
      'extension/dist/awsBackend.js',
      'extension/dist/languageClient.js',
      'extension/dist/runtime/nodeBootstrap.js',
      ...python,
      'extension/dist/node_modules/esbuild/package.json',
      'extension/dist/node_modules/esbuild/lib/main.js',
      'extension/dist/node_modules/esbuild/LICENSE.md',
      `extension/dist/node_modules/@esbuild/${vsceTarget()}/package.json`,
      `extension/dist/node_modules/@esbuild/${vsceTarget()}/bin/esbuild`,
      ...fs.readdirSync(path.join(root, 'media')).filter((f) => /\.(png|svg|css)$/.test(f)).map((f) => `extension/media/${f}`),
      ...fs.readdirSync(path.join(root, 'syntaxes')).map((f) => `extension/syntaxes/${f}`),
    ].sort();
    assert.deepEqual(names, expected);
  });

  it('declares its platform, entry point, icon and lazy activation', () => {
    const buf = fs.readFileSync(vsix);
    const entries = readZipEntries(buf);
    const manifest = readEntryData(buf, entries.find((e) => e.name === 'extension.vsixmanifest')!).toString('utf8');
    assert.match(manifest, new RegExp(`TargetPlatform="${vsceTarget()}"`));
    const pkg = JSON.parse(readEntryData(buf, entries.find((e) => e.name === 'extension/package.json')!).toString('utf8')) as { main: string; icon: string; activationEvents: string[] };
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.icon, 'media/icon.png');
    assert.ok(!pkg.activationEvents.includes('*') && !pkg.activationEvents.includes('onStartupFinished'), 'activation is lazy');
  });

  it('installs into code-server and its staged esbuild builds TypeScript from there', () => {
    const bin = ensureCodeServer();
    const home = path.join(dir, 'home');
    const extensions = path.join(dir, 'extensions');
    fs.mkdirSync(home);
    const out = execFileSync(process.execPath, [bin, '--extensions-dir', extensions, '--user-data-dir', path.join(dir, 'user-data'), '--install-extension', vsix], {
      env: { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'), XDG_CACHE_HOME: path.join(home, 'cache') },
      encoding: 'utf8',
    });
    assert.match(out, /was successfully installed/);
    const installed = fs.readdirSync(extensions).find((d) => d.startsWith(`lambda-workbench.lambda-workbench-${version}`));
    assert.ok(installed, fs.readdirSync(extensions).join(', '));
    const ext = path.join(extensions, installed);
    assert.ok(fs.existsSync(path.join(ext, 'dist', 'extension.js')));
    const js = execFileSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(path.join(ext, 'dist', 'node_modules', 'esbuild'))}).transformSync('const a: number = 1', { loader: 'ts' }).code)`], { encoding: 'utf8' });
    assert.equal(js.trim(), 'const a = 1;');
  });
});
