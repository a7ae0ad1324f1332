// The code preparation of java* functions: Maven projects built with the real `mvn` into the state
// directory (the workspace untouched, rebuilt only when pom.xml or src/ change), archives unpacked, and
// clear messages for Gradle, a missing `mvn` and a failing build.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { javaCodeKind, prepareJavaCode } from '../../../src/core/build/javaBuild';
import { fixture } from '../../support/engine';

describe('javaBuild', function () {
  this.timeout(180_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lwb-javabuild-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds a Maven project into the build root (classes at the root, dependencies in lib/) and reuses it while unchanged', async () => {
    const project = path.join(dir, 'project');
    fs.cpSync(fixture('java', 'maven-app'), project, { recursive: true, filter: (src) => !src.includes(`${path.sep}target`) });
    const progress: string[] = [];
    const code = await prepareJavaCode('Fn', project, path.join(dir, 'build'), { onProgress: (m) => progress.push(m) });
    assert.ok(fs.existsSync(path.join(code, 'example', 'Hello.class')));
    assert.deepEqual(fs.readdirSync(path.join(code, 'lib')).sort(), ['aws-lambda-java-core-1.2.3.jar', 'aws-lambda-java-events-3.14.0.jar', 'joda-time-2.10.8.jar']);
    assert.ok(!fs.existsSync(path.join(project, 'target')), 'the workspace gets no target/');
    assert.match(progress[0] ?? '', /^Fn: mvn package/);
    const again: string[] = [];
    assert.equal(await prepareJavaCode('Fn', project, path.join(dir, 'build'), { onProgress: (m) => again.push(m) }), code);
    assert.deepEqual(again, [], 'unchanged sources are not rebuilt');
    // A broken source is Maven's error, with the compiler's message.
    const hello = path.join(project, 'src', 'main', 'java', 'example', 'Hello.java');
    fs.writeFileSync(hello, fs.readFileSync(hello, 'utf8').replace('return out;', 'return out'));
    await assert.rejects(prepareJavaCode('Fn', project, path.join(dir, 'build')), /Fn: `mvn package` failed in .*\n(.|\n)*Hello\.java/);
  });

  it('says what to do when mvn is missing or the project uses Gradle', async () => {
    const project = path.join(dir, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'pom.xml'), '<project/>');
    const path0 = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await assert.rejects(prepareJavaCode('Fn', project, path.join(dir, 'build')), /Fn: CodeUri .* is a Maven project \(pom\.xml\) but `mvn` was not found on PATH\. Install Maven/);
    } finally {
      process.env.PATH = path0;
    }
    const gradle = path.join(dir, 'gradle');
    fs.mkdirSync(gradle);
    fs.writeFileSync(path.join(gradle, 'build.gradle'), '');
    assert.equal(javaCodeKind(gradle), 'gradle');
    await assert.rejects(prepareJavaCode('Fn', gradle, path.join(dir, 'build')), /is a Gradle project, which Lambda Workbench does not build yet/);
  });

  it('unpacks a .jar or .zip (as Lambda does) and leaves a folder of classes as it is', async () => {
    const { execFileSync } = await import('node:child_process');
    const src = path.join(dir, 'src');
    fs.mkdirSync(path.join(src, 'lib'), { recursive: true });
    fs.writeFileSync(path.join(src, 'a.txt'), 'a');
    fs.writeFileSync(path.join(src, 'lib', 'b.jar'), 'b');
    const zip = path.join(dir, 'app.zip');
    execFileSync('/usr/lib/jvm/java-17-openjdk-amd64/bin/jar', ['cfM', zip, '-C', src, '.']);
    assert.equal(javaCodeKind(zip), 'archive');
    const code = await prepareJavaCode('Fn', zip, path.join(dir, 'build'));
    assert.equal(fs.readFileSync(path.join(code, 'lib', 'b.jar'), 'utf8'), 'b');
    assert.equal(await prepareJavaCode('Fn', src, path.join(dir, 'build')), src);
  });
});
