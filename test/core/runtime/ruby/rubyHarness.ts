// Helpers of the Ruby tests: a code folder whose Gemfile names a local test gem kept in vendor/cache
// (so Bundler installs it without the network).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture } from '../../../support/engine';

/** Copies the basic fixture into `dir/code` with a Gemfile for the greeter gem, its .gem in vendor/cache. */
export function gemfileProject(dir: string): string {
  const code = path.join(dir, 'code');
  fs.cpSync(fixture('ruby', 'basic'), code, { recursive: true });
  const gemDir = path.join(dir, 'gem');
  fs.cpSync(fixture('ruby', 'greeter-gem'), gemDir, { recursive: true });
  execFileSync('gem', ['build', 'greeter.gemspec'], { cwd: gemDir, stdio: 'ignore' });
  fs.mkdirSync(path.join(code, 'vendor', 'cache'), { recursive: true });
  fs.copyFileSync(path.join(gemDir, 'greeter-1.0.0.gem'), path.join(code, 'vendor', 'cache', 'greeter-1.0.0.gem'));
  fs.writeFileSync(path.join(code, 'Gemfile'), "source 'https://rubygems.org'\ngem 'greeter'\n");
  return code;
}
