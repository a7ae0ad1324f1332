// Which JDK runs each java* runtime (exact major first, else the closest newer one with a warning), and
// the runtime client compiled once per JDK into the per-user cache.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { getRuntimeAssets } from '../../../../src/core/runtime/assets';
import { clientKey, ensureJavaClient } from '../../../../src/core/runtime/java/javaClient';
import { findJdk, listJdks } from '../../../../src/core/runtime/java/jdk';
import { testJdks } from './javaHarness';

describe('JDK lookup and the Java runtime client cache', function () {
  this.timeout(60_000);

  it('runs each runtime on its own major when installed, else on the closest newer JDK with a warning', () => {
    const majors = listJdks().map((j) => j.major);
    assert.ok(majors.includes(17));
    const j17 = findJdk('java17');
    assert.equal(j17.jdk.major, 17);
    assert.equal(j17.mismatch, undefined);
    const j11 = findJdk('java11');
    assert.equal(j11.jdk.major, 17);
    assert.match(j11.mismatch ?? '', /^java11 functions run on the local JDK 17\.[\d.]+ \(.*\); behaviour specific to Java 11 may differ\.$/);
    if (majors.includes(25)) {
      assert.equal(findJdk('java25').jdk.major, 25);
      assert.equal(findJdk('java21').jdk.major, 25);
    }
  });

  it('says what to do when the configured javaHome is not a JDK', () => {
    assert.throws(() => findJdk('java17', os.tmpdir()), /lambdaWorkbench\.javaHome is .* which is not a JDK \(no bin\/java, bin\/javac and release file\)\. Point it at a JDK 17 home\./);
  });

  it('compiles the client once per JDK into $LAMBDA_WORKBENCH_CACHE and reuses it', async () => {
    const saved = process.env.LAMBDA_WORKBENCH_CACHE;
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-cache-'));
    process.env.LAMBDA_WORKBENCH_CACHE = cache;
    try {
      const source = getRuntimeAssets().javaSourceDir;
      const dirs: string[] = [];
      for (const home of testJdks()) {
        const { jdk } = findJdk('java17', home);
        const [a, b] = await Promise.all([ensureJavaClient(source, jdk), ensureJavaClient(source, jdk)]);
        assert.equal(a, b, 'concurrent callers share one compilation');
        assert.equal(a, path.join(cache, 'java-client', clientKey(source, jdk)));
        assert.ok(fs.existsSync(path.join(a, 'lambdaworkbench', 'Main.class')));
        const mtime = fs.statSync(path.join(a, 'lambdaworkbench', 'Main.class')).mtimeMs;
        assert.equal(await ensureJavaClient(source, jdk), a);
        assert.equal(fs.statSync(path.join(a, 'lambdaworkbench', 'Main.class')).mtimeMs, mtime, 'not recompiled');
        dirs.push(a);
      }
      assert.equal(new Set(dirs).size, dirs.length, 'one cache entry per JDK');
      assert.deepEqual(fs.readdirSync(path.join(cache, 'java-client')).sort(), dirs.map((d) => path.basename(d)).sort());
    } finally {
      if (saved === undefined) delete process.env.LAMBDA_WORKBENCH_CACHE;
      else process.env.LAMBDA_WORKBENCH_CACHE = saved;
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
});
