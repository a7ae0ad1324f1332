// Gemfile installs of ruby3.x functions with Ruby's own Bundler into the code's vendor/bundle, offline
// from vendor/cache; skipped while unchanged; Bundler's failure shown with what to do.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleInstall } from '../../../src/core/build/rubyBuild';
import { gemfileProject } from '../runtime/ruby/rubyHarness';

describe('rubyBuild', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-rubybuild-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('installs the Gemfile into vendor/bundle from vendor/cache, once while unchanged', async () => {
    const code = gemfileProject(dir);
    const progress: string[] = [];
    await bundleInstall('Fn', code, path.join(dir, 'build'), { onProgress: (m) => progress.push(m) });
    const abi = execFileSync('ruby', ['-e', 'print RbConfig::CONFIG["ruby_version"]'], { encoding: 'utf8' });
    assert.ok(fs.existsSync(path.join(code, 'vendor', 'bundle', 'ruby', abi, 'gems', 'greeter-1.0.0', 'lib', 'greeter.rb')));
    assert.ok(!fs.existsSync(path.join(code, '.bundle')), 'Bundler settings stay out of the workspace');
    assert.deepEqual(progress, [`Fn: bundle install --local (${code})`]);
    const again: string[] = [];
    await bundleInstall('Fn', code, path.join(dir, 'build'), { onProgress: (m) => again.push(m) });
    assert.deepEqual(again, []);
  });

  it('reports a Gemfile Bundler cannot satisfy offline', async () => {
    const code = gemfileProject(dir);
    fs.writeFileSync(path.join(code, 'Gemfile'), "source 'https://rubygems.org'\ngem 'no-such-gem-here'\n");
    await assert.rejects(bundleInstall('Fn', code, path.join(dir, 'build')), /Fn: `bundle install` failed in .*vendor\/cache to install offline\):\n(.|\n)*no-such-gem-here/);
  });
});
