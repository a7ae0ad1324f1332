// A real CDK app for the tests: test/fixtures/cdk-app installed once with npm (aws-cdk-lib, aws-cdk and
// constructs from the registry, pinned in its package.json) into a cache keyed by its package.json, then
// copied per test into a temporary folder whose node_modules links to that install.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixture } from './engine';

const source = fixture('cdk-app');

/** The installed copy of the fixture app's dependencies (installed on first use; about 10 s and 60 MB of downloads). */
export function installedCdkApp(): string {
  const pkg = fs.readFileSync(path.join(source, 'package.json'));
  const key = createHash('sha256').update(pkg).digest('hex').slice(0, 12);
  const dir = path.join(process.env['XDG_CACHE_HOME'] ?? path.join(os.homedir(), '.cache'), 'lambda-workbench-tests', `cdk-app-${key}`);
  if (fs.existsSync(path.join(dir, 'node_modules', 'aws-cdk', 'bin', 'cdk'))) return dir;
  const tmp = `${dir}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(path.join(tmp, 'package.json'), pkg);
  process.stderr.write(`      (installing the CDK fixture app's dependencies into ${dir}, once)\n`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: tmp, stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  return dir;
}

/** A fresh copy of the fixture app in a temporary folder, dependencies installed (linked), never synthesized. */
export function copyCdkApp(): string {
  const installed = installedCdkApp();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-cdk-app-'));
  // The app's own node_modules and cdk.out stay behind (a layer's nodejs/node_modules is code and is copied).
  fs.cpSync(source, dir, { recursive: true, filter: (p) => ![path.join(source, 'node_modules'), path.join(source, 'cdk.out')].includes(p) });
  fs.copyFileSync(path.join(installed, 'package-lock.json'), path.join(dir, 'package-lock.json'));
  fs.symlinkSync(path.join(installed, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}
